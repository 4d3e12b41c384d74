import type express from 'express';
import { contractViolation } from '../support/openapi-contract';
import { startTestService, USERS, type TestService } from '../support/test-service';

/** Every /api route the app registers, as "METHOD /path", read from express itself. */
function registeredApiRoutes(app: express.Express): string[] {
  const walk = (stack: any[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route.path}`)
        : layer.handle?.stack ? walk(layer.handle.stack) : [],
    );
  return walk((app as any).router.stack).filter((r) => / \/api\//.test(r));
}

describe('the OpenAPI document', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ worker: false, contract: true });
  });
  afterAll(() => t?.stop());

  test('when the app registers an /api route, then the generated document describes it (else this fails)', async () => {
    const res = await t.http.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const routes = registeredApiRoutes(t.service.app);
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !documented.has(r) && !['GET /api/openapi.json', 'GET /api/docs'].includes(r));
    expect(missing).toEqual([]);
  });

  test('when a request body has a zod schema, then the document carries it as JSON Schema', async () => {
    const res = await t.http.get('/api/openapi.json');
    const report = res.body.paths['/api/incidents'].post.requestBody.content['application/json'].schema;
    expect(report.required).toEqual(expect.arrayContaining(['summary', 'discoveredAt', 'controllerIds']));
    expect(report.properties.discoveredAt.format).toBe('date-time');
    const event = res.body.paths['/api/incidents/{id}/events'].post;
    expect(JSON.stringify(event.requestBody)).toContain('SUPPLEMENT');
    expect(event.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  test('when a person opens /api/docs, then every operation is listed on a page without inline scripts', async () => {
    const res = await t.http.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('POST /api/incidents');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });
});

describe('what the OpenAPI document promises a client', () => {
  let t: TestService;
  let doc: any;
  beforeAll(async () => {
    t = await startTestService({ worker: false, contract: true });
    doc = (await t.http.get('/api/openapi.json')).body;
  });
  afterAll(() => t?.stop());
  const operations = () => Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

  test('when a client generator reads the document, then every operation has a unique operationId and the 503 answer', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op } of operations()) expect(op.responses['503']).toBeDefined();
  });

  test('when a route answers in other formats or takes other bodies, then the document names them', () => {
    expect(Object.keys(doc.paths['/api/register'].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(doc.paths['/api/tracks/{id}/proof'].get.responses['200'].content)).toContain('text/html');
    expect(doc.paths['/api/tracks/{id}/proof'].get.parameters.map((p: any) => p.name)).toContain('format');
    expect(Object.keys(doc.paths['/api/tracks/{id}/ap-sheet'].get.responses['200'].content)).toContain('text/html');
    expect(Object.keys(doc.paths['/api/agreements/import'].post.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    const twilio = doc.paths['/api/twilio/status'].post;
    expect(Object.keys(twilio.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(twilio.responses)).toEqual(expect.arrayContaining(['202', '204']));
  });
});

describe('the response check the component suites run', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ worker: false, contract: true });
  });
  afterAll(() => t?.stop());

  test('when a real answer matches the document, then the check passes; when a route drifts, then it names what broke', async () => {
    const admin = await t.login(USERS.admin);
    const res = await t.as(admin).get('/api/controllers');
    expect(res.status).toBe(200);
    const real = { status: res.status, headers: res.headers, body: res.body };
    expect(contractViolation('GET', '/api/controllers', real)).toBeNull();

    const renamed = { ...res.body.controllers[0], title: res.body.controllers[0].name };
    delete renamed.name;
    expect(contractViolation('GET', '/api/controllers', { ...real, body: { controllers: [renamed] } })).toMatch(/does not match.*name/);
    expect(contractViolation('GET', '/api/controllers', { ...real, body: { controllers: [{ ...res.body.controllers[0], city: 42 }] } })).toMatch(/does not match/);
    expect(contractViolation('GET', '/api/controllers', { ...real, body: { ...res.body, extra: true } })).toMatch(/does not match/);
    expect(contractViolation('GET', '/api/controllers', { ...real, status: 201 })).toMatch(/status 201 is not documented/);
    expect(contractViolation('GET', '/api/controllers', { ...real, status: 400, body: { error: 'x' } })).toMatch(/does not match/);
    expect(contractViolation('PUT', '/api/controllers', real)).toMatch(/no such operation/);
  });
});
