import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { buildOpenApiDocument } from '../../src/http/openapi/openapi-document';

/**
 * Checks a real /api answer against the generated OpenAPI document: the operation is found by
 * method and path template, the status must be documented, and a JSON body must match the
 * documented schema. Component suites run every answer they receive through this, so the
 * document cannot drift from what the routes send.
 */
const document = buildOpenApiDocument('https://meldplicht.test') as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
}));
const UNDOCUMENTED_ON_PURPOSE = ['/api/openapi.json', '/api/docs'];

export function contractViolation(method: string, url: string, res: { status: number; headers: Record<string, string>; body: unknown }): string | null {
  const path = new URL(url, 'http://x').pathname;
  if (!path.startsWith('/api/') || UNDOCUMENTED_ON_PURPOSE.includes(path)) return null;
  const verb = method.toLowerCase();
  const template = templates.find((t) => t.pattern.test(path) && document.paths[t.template][verb])?.template;
  // A route that does not exist answers with the shared error.
  const responses = template ? document.paths[template][verb].responses : res.status === 404 || res.status === 405 ? { '4XX': { content: { 'application/json': {} } } } : null;
  if (!responses) return `${method} ${path}: no such operation in the OpenAPI document`;
  const status = [String(res.status), `${String(res.status)[0]}XX`].find((s) => responses[s]);
  if (!status) return `${method} ${path}: status ${res.status} is not documented (documented: ${Object.keys(responses).join(', ')})`;
  const type = (res.headers['content-type'] ?? '').split(';')[0].trim();
  if (!type) return null;
  const content = responses[status].content ?? {};
  if (!(type in content)) return `${method} ${path} ${res.status}: content type ${type} is not documented`;
  if (type !== 'application/json') return null;
  const ref = template && status !== '4XX' && status !== '503'
    ? `openapi#/${pointer('paths', template, verb, 'responses', status, 'content', 'application/json', 'schema')}`
    : 'openapi#/components/schemas/Error';
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (validate(res.body)) return null;
  return `${method} ${path} ${res.status}: the body does not match the OpenAPI document: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`;
}

/** Wraps a supertest request so that awaiting it fails when the answer breaks the contract. */
export function checkedAgainstContract<T extends PromiseLike<Response> & { method: string; url: string }>(test: T): T {
  const then = test.then.bind(test);
  (test as any).then = (resolve?: (r: Response) => unknown, reject?: (e: unknown) => unknown) =>
    then((res: Response) => {
      const violation = contractViolation(test.method, test.url, res as any);
      if (violation) throw new Error(`OpenAPI contract: ${violation}`);
      return res;
    }).then(resolve, reject);
  return test;
}
