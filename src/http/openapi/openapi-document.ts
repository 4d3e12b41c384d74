import { z } from 'zod';
import { errorSchema } from '../../domain/incident.schemas';
import { API_OPERATIONS } from './api-operations';

/** Express `:id` → OpenAPI `{id}`. */
export const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

/** Answers are described as they leave (io: output): an undocumented field is drift too. */
const answerSchemaOf = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
};

/** `POST /api/incidents/:id/events` → `postIncidentsIdEvents`: unique and stable for generated clients. */
export const operationIdOf = (method: string, path: string): string =>
  [method, ...path.replace(/^\/api\//, '').split(/[^A-Za-z0-9]+/).filter(Boolean)]
    .map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1)))
    .join('');

const unavailable = {
  description: 'The database is briefly unavailable; nothing was changed (Retry-After)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** OpenAPI 3.1, generated from the operations' zod schemas. */
export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const path = toOpenApiPath(op.path);
    const parameters = [
      ...[...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(op.query ? Object.entries((schemaOf(op.query) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : []),
    ];
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: operationIdOf(op.method, op.path),
      summary: op.summary,
      description: `Who: ${op.roles}.`,
      tags: [op.tag],
      ...(op.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body || op.otherBodies
        ? { requestBody: { required: true, content: { ...(op.body ? { 'application/json': { schema: schemaOf(op.body) } } : {}), ...Object.fromEntries(Object.entries(op.otherBodies ?? {}).map(([type, schema]) => [type, { schema }])) } } }
        : {}),
      responses: {
        [String(op.success.status)]: {
          description: op.success.description,
          ...(op.success.status === 204
            ? {}
            : {
                content: Object.fromEntries(
                  [op.success.contentType ?? 'application/json', ...(op.success.variants ?? [])].map((type) => [type, type === 'application/json' && op.success.schema ? { schema: answerSchemaOf(op.success.schema) } : { schema: { type: 'string' } }]),
                ),
              }),
        },
        ...Object.fromEntries((op.success.also ?? []).map((answer) => [String(answer.status), { description: answer.description }])),
        '4XX': { description: 'What the client sent is wrong, not allowed, or not there', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '503': unavailable,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Meldplicht API',
      version: '0.1.0',
      description: "A data processor's personal-data-breach notification duty: incidents, per-controller tracks with deadlines, notices, acknowledgements and the DPO's decisions.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'from POST /api/auth/login' } },
      schemas: { Error: answerSchemaOf(errorSchema) },
    },
    paths,
  };
}
