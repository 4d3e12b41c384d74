import { z } from 'zod';
import { API_OPERATIONS } from './api-operations';

/** Express `:id` → OpenAPI `{id}`. */
export const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'each wrong input, by its path' },
  },
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
      summary: op.summary,
      description: `Who: ${op.roles}.`,
      tags: [op.tag],
      ...(op.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body) } } } } : {}),
      responses: {
        [String(op.success.status)]: { description: op.success.description, ...(op.success.status === 204 ? {} : { content: { [op.success.contentType ?? 'application/json']: {} } }) },
        '4XX': { description: 'What the client sent is wrong, not allowed, or not there', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
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
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
