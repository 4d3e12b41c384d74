import fc from 'fast-check';
import { z } from 'zod';
import { API_OPERATIONS, type ApiOperation } from '../../../src/http/openapi/api-operations';
import { controllerIdByName, startTestService, USERS, type TestService } from '../../support/test-service';
import { rowCounts } from './row-counts';

/**
 * Property-based fuzzing of the JSON endpoints in API_OPERATIONS: bodies shaped after the
 * endpoint's zod schema (through its JSON Schema), the same with one field perturbed, and
 * garbage. The properties: never a 5xx; and a 4xx writes nothing (row counts of every table a
 * command may write to, and the job queue, unchanged).
 *
 * Runs per endpoint: FUZZ_RUNS, else 1000 in CI (CI=true) and 200 locally.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' ? 1000 : 200));
/** Up to 0.6 s a body (a DNS look-up for webhook targets), never less than jest's usual minute. */
const FUZZ_TIMEOUT_MS = Math.max(60_000, FUZZ_RUNS * 600);

type JsonSchema = Record<string, any>;
const MAX_DEPTH = 5;

/** A small JSON Schema → arbitrary builder for the shapes zod emits for our schemas. */
export function arbitraryFor(schema: JsonSchema, root: JsonSchema, pools: { uuids: string[] }, depth = 0): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  const next = (s: JsonSchema) => arbitraryFor(s, root, pools, depth + 1);
  if (schema.$ref) {
    const name = String(schema.$ref).replace(/^#\/(\$defs|definitions)\//, '');
    const target = root.$defs?.[name] ?? root.definitions?.[name];
    return target ? next(target) : fc.anything();
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) return fc.oneof(...alternatives.map(next));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return next({ ...schema.allOf[0], ...schema.allOf.slice(1).reduce((a: JsonSchema, b: JsonSchema) => ({ ...a, ...b }), {}) });
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t: string) => next({ ...schema, type: t })));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const step = type[0] === 'integer' ? 1 : 1e-6;
      const min = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + step : -1000);
      const max = schema.maximum ?? (typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - step : Math.max(min, 0) + 100_000);
      const lo = Math.max(min, -1e9);
      const hi = Math.max(lo, Math.min(max, 1e9));
      return type[0] === 'integer' ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    }
    case 'string':
      return stringArbitrary(schema, pools);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
      return fc.array(schema.items ? next(schema.items) : fc.jsonValue({ stringUnit: ANY_UNIT }), { minLength, maxLength });
    }
    case 'object': {
      const properties: Record<string, JsonSchema> = schema.properties ?? {};
      const required: string[] = schema.required ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = next(value);
      if (Object.keys(record).length === 0) {
        return schema.additionalProperties && typeof schema.additionalProperties === 'object'
          ? fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), next(schema.additionalProperties), { maxKeys: 3 })
          : fc.constant({});
      }
      return fc.record(record, { requiredKeys: required.filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2, stringUnit: ANY_UNIT });
  }
}

/**
 * One UTF-16 unit or code point of a string: plain text, every Unicode code point, and the
 * characters a store or a renderer trips on — NUL, a lone surrogate of either half (valid in
 * a JSON text, refused by PostgreSQL's jsonb), bidi overrides, quotes, backslash.
 */
export const ANY_UNIT: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'abc XYZ-09é'.split('')) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)) },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\u202e', '\ufeff', '\uffff', '<', '"', "'", '\\', '😀', '%', '\n') },
);

/** Dates nobody means, or that do not exist: year 0000, before 2000, far future, 30 February, offsets at the edge. */
const ODD_DATE_TIMES = [
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '1999-12-31T23:59:59+01:00',
  '2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '2026-04-31T10:00:00+02:00', '2026-06-01T24:00:00Z', '2026-06-01T10:00:60Z',
  '9999-12-31T23:59:59Z', '2026-06-01T10:00:00+14:00', '2026-06-01T10:00:00-12:00', '2999-01-01T00:00:00Z', '+275760-09-13T00:00:00Z',
];
const ODD_DATES = ['0000-01-01', '0001-01-01', '1899-12-31', '1999-12-31', '2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '9999-12-31', '2999-01-01'];

function stringArbitrary(schema: JsonSchema, pools: { uuids: string[] }): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? minLength + 60, minLength + 60);
  const past = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date(), noInvalidDate: true });
  switch (schema.format) {
    case 'uuid':
      return pools.uuids.length ? fc.oneof(fc.constantFrom(...pools.uuids), fc.uuid()) : fc.uuid();
    case 'date-time':
      return fc.oneof({ weight: 4, arbitrary: past.map((d) => d.toISOString()) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_DATE_TIMES) });
    case 'date':
      return fc.oneof({ weight: 4, arbitrary: past.map((d) => d.toISOString().slice(0, 10)) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_DATES) });
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      return fc.string({ minLength, maxLength, unit: ANY_UNIT });
  }
}

/** A valid-shaped body with one thing wrong: a field replaced by anything, a required one dropped, an unknown one added. */
function perturbed(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.oneof(fc.constant('replace'), fc.constant('drop'), fc.constant('add')), fc.jsonValue({ maxDepth: 2, stringUnit: ANY_UNIT })).map(
    ([body, index, how, value]) => {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return value;
      const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
      const keys = Object.keys(copy);
      if (how === 'add' || keys.length === 0) copy[['extra', '__proto__', 'constructor', 'role', 'id'][index % 5]] = value;
      else if (how === 'drop') delete copy[keys[index % keys.length]];
      else copy[keys[index % keys.length]] = value;
      return copy;
    },
  );
}

/** What goes over the wire: a JSON text, or (sometimes) text that is not JSON at all. */
function bodies(op: ApiOperation, pools: { uuids: string[] }): fc.Arbitrary<{ kind: string; text: string }> {
  const json = z.toJSONSchema(op.body!, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  const valid = arbitraryFor(json, json, pools);
  const text = (kind: string) => (v: unknown) => ({ kind, text: JSON.stringify(v) ?? 'null' });
  return fc.oneof(
    { weight: 4, arbitrary: valid.map(text('valid-shaped')) },
    { weight: 3, arbitrary: perturbed(valid).map(text('near-valid')) },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true, stringUnit: ANY_UNIT }).map(text('anything')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80, unit: ANY_UNIT }).map((s) => ({ kind: 'not JSON', text: s })) },
  );
}

/** Which user calls the endpoint, and which record its :id names (one the caller may act on). */
interface World {
  t: TestService;
  tokens: Record<'support' | 'admin' | 'dpo', string>;
  ids: { incident: string; track: string; agreement: string; controller: string; user: string; contact: string; template: string };
  uuids: string[];
}

function callerOf(op: ApiOperation): 'support' | 'admin' | 'dpo' | null {
  if (op.public) return null;
  if (op.path.startsWith('/api/tracks/')) return 'dpo';
  if (op.path.startsWith('/api/incidents')) return 'support';
  return 'admin';
}

function pathOf(op: ApiOperation, w: World): string {
  return op.path
    .replace('/api/incidents/:id', `/api/incidents/${w.ids.incident}`)
    .replace('/api/tracks/:id', `/api/tracks/${w.ids.track}`)
    .replace('/api/admin/agreements/:id', `/api/admin/agreements/${w.ids.agreement}`)
    .replace('/api/controllers/:id', `/api/controllers/${w.ids.controller}`)
    .replace('/api/admin/users/:id', `/api/admin/users/${w.ids.user}`)
    .replace('/api/agreements/:id', `/api/agreements/${w.ids.agreement}`)
    .replace('/api/contacts/:id', `/api/contacts/${w.ids.contact}`)
    .replace('/api/agreement-templates/:id', `/api/agreement-templates/${w.ids.template}`);
}

/** The standard agreement the client directory's fuzzing changes and previews. */
const FUZZ_TEMPLATE_TERMS = {
  language: 'nl', deadlineHours: 24, clockStart: 'processor_discovery', notifySuspicion: true, regardlessOfImpact: false, triggerText: null,
  deadlineClause: null, requiredFields: ['nature'], ackWindowHours: 2, warningShares: [0.5, 0.8], autoNoticeShare: null, dataCategories: [], subjectCategories: [],
};

/** The client directory's operations (issue 15): fuzz-client-directory.test.ts. */
export const isClientDirectory = (op: ApiOperation): boolean =>
  ['/api/contacts', '/api/agreement-templates'].some((p) => op.path.startsWith(p)) ||
  (op.path === '/api/agreements' || op.path.startsWith('/api/agreements/:id')) ||
  (op.path === '/api/controllers' || op.path === '/api/controllers/:id');

export const JSON_BODY_OPERATIONS = API_OPERATIONS.filter((op) => op.body && op.path !== '/api/twilio/status');

/**
 * The fuzz suite for the operations `select` picks; one service per file. A 5xx or a write on
 * a 4xx fails with the body that caused it.
 */
export function fuzzOperations(title: string, select: (op: ApiOperation) => boolean): void {
  const ops = JSON_BODY_OPERATIONS.filter(select);
  let w: World;

  beforeAll(async () => {
    const t = await startTestService({ worker: false });
    const tokens = { support: await t.login(USERS.support), admin: await t.login(USERS.admin), dpo: await t.login(USERS.dpoPolderpeil) };
    const polderpeil = await controllerIdByName(t, 'Polderpeil');
    const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
    const discoveredAt = new Date(Date.now() - 3600_000).toISOString();
    const notified = await t.as(tokens.support).post('/api/incidents', { summary: 'Gedeelde share met klantgegevens', discoveredAt, controllerIds: [polderpeil, zonnebloem] });
    await t.as(tokens.support).post(`/api/incidents/${notified.body.id}/events`, { type: 'CONFIRM' }).expect(200);
    await t.as(tokens.support).post(`/api/incidents/${notified.body.id}/events`, { type: 'NOTIFY' }).expect(200);
    const fresh = await t.as(tokens.support).post('/api/incidents', { summary: 'Vermoeden van een datalek', discoveredAt, controllerIds: [polderpeil] });
    const track = notified.body.tracks.find((tr: any) => tr.controller.id === polderpeil).id as string;
    const [agreement] = await t.sql(`SELECT id FROM agreements WHERE controller_id = $1 LIMIT 1`, [polderpeil]);
    // The user the admin's user commands act on: a demo user no fuzz file calls with.
    const [user] = await t.sql(`SELECT id FROM users WHERE email = $1`, [USERS.dpoDeVonk]);
    const [contact] = await t.sql(`SELECT id FROM contacts WHERE agreement_id = $1 LIMIT 1`, [agreement.id]);
    const template = await t.as(tokens.admin).post('/api/agreement-templates', { key: 'fuzz-standard', title: 'Standaard verwerkersovereenkomst', terms: FUZZ_TEMPLATE_TERMS }).expect(201);
    w = {
      t, tokens,
      ids: { incident: fresh.body.id, track, agreement: agreement.id, controller: polderpeil, user: user.id, contact: contact.id, template: template.body.id },
      uuids: [polderpeil, zonnebloem, track, fresh.body.id, notified.body.id, contact.id, template.body.id, ...notified.body.tracks.map((tr: any) => tr.id)],
    };
  });
  afterAll(async () => {
    await w?.t.stop();
  });

  describe(title, () => {
    test.each(ops.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
      `%s: ${FUZZ_RUNS} bodies, never a 5xx, nothing written on a 4xx`,
      async (_name, op) => {
        const caller = callerOf(op);
        const auth = caller ? { authorization: `Bearer ${w.tokens[caller]}` } : {};
        const path = pathOf(op, w);
        let known: Record<string, unknown> | null = null;
        const seen: Record<string, number> = {};
        await fc.assert(
          fc.asyncProperty(bodies(op, { uuids: w.uuids }), async (body) => {
            const before = known ?? (await rowCounts(w.t));
            const res = await w.t.http[op.method](path).set(auth).set('content-type', 'application/json').send(body.text);
            seen[res.status] = (seen[res.status] ?? 0) + 1;
            if (res.status >= 500) throw new Error(`${res.status} for a ${body.kind} body: ${body.text.slice(0, 500)} → ${res.text.slice(0, 300)}`);
            if (res.status >= 400) {
              const after = await rowCounts(w.t);
              if (JSON.stringify(after) !== JSON.stringify(before)) {
                throw new Error(`${res.status} wrote something for a ${body.kind} body ${body.text.slice(0, 300)}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
              }
              known = after;
            } else {
              known = null; // a success may write: count afresh before the next request
            }
          }),
          { numRuns: FUZZ_RUNS, endOnFailure: true },
        );
        // Both worlds were reached: some bodies were refused, and the answers were all a client's.
        expect(Object.keys(seen).some((s) => Number(s) >= 400 && Number(s) < 500)).toBe(true);
      },
      // A webhook body with a host name costs a real DNS look-up (the SSRF check), ~0.3 s here.
      FUZZ_TIMEOUT_MS,
    );
  });
}
