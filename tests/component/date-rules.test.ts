import { PageClient } from '../support/page-client';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Dates that cannot be true are bad input: occurred ≤ discovered by the sub-processor ≤
 * discovered by us ≤ now, and no part of the occurrence period in the future. Each is refused
 * with the field named, in the reader's language, and changes nothing.
 */
let t: TestService;
let support: string;
let polderpeil: string;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const hoursAhead = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

beforeAll(async () => {
  t = await startTestService({ worker: false });
  support = await t.login(USERS.support);
  polderpeil = await controllerIdByName(t, 'Polderpeil');
});
afterAll(async () => {
  await t?.stop();
});

const counts = async () => (await t.sql(`SELECT (SELECT count(*)::int FROM incidents) AS incidents, (SELECT count(*)::int FROM audit_events) AS audit, (SELECT coalesce(sum(version), 0)::int FROM incidents) AS versions`))[0];
const reportBody = (over: Record<string, unknown>) => ({ summary: 'Datumregels: laptop gestolen', discoveredAt: hoursAgo(2), controllerIds: [polderpeil], ...over });

describe('reporting a leak with dates that cannot be true', () => {
  const cases: Array<{ when: string; body: Record<string, unknown>; field: string; en: string; nl: string }> = [
    { when: 'it became known to us in the future', body: { discoveredAt: hoursAhead(3) }, field: 'discoveredAt', en: 'lies in the future', nl: 'ligt in de toekomst' },
    {
      when: 'the sub-processor found it after it became known to us',
      body: { discoveredBy: { kind: 'sub_processor', name: 'Datacenter Noord', discoveredAt: hoursAgo(1) } },
      field: 'discoveredBy.discoveredAt', en: 'lies after discoveredAt', nl: 'ligt na het moment dat het bij ons bekend werd',
    },
    { when: 'it began after it became known to us', body: { fields: { occurred: { from: hoursAgo(1) } } }, field: 'fields.occurred.from', en: 'the breach cannot have begun after it became known to us', nl: 'de inbreuk kan niet later begonnen zijn' },
    {
      when: "it began after the sub-processor's discovery",
      body: { discoveredBy: { kind: 'sub_processor', name: 'Datacenter Noord', discoveredAt: hoursAgo(5) }, fields: { occurred: { from: hoursAgo(4) } } },
      field: 'fields.occurred.from', en: "after the sub-processor's discovery", nl: 'na de ontdekking door de sub-verwerker',
    },
    { when: 'its occurrence begins in the future', body: { fields: { occurred: { from: hoursAhead(2), until: hoursAhead(3) } } }, field: 'fields.occurred.from', en: 'lies in the future', nl: 'ligt in de toekomst' },
    { when: 'its occurrence ends in the future', body: { fields: { occurred: { from: hoursAgo(30), until: hoursAhead(24) } } }, field: 'fields.occurred.until', en: 'lies in the future', nl: 'ligt in de toekomst' },
  ];

  test.each(cases)('when $when, then 422 naming $field in English, and nothing is written', async ({ body, field, en }) => {
    // Arrange
    const before = await counts();
    // Act
    const res = await t.as(support).post('/api/incidents', reportBody(body));
    // Assert
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.fields[field]).toContain(en);
    expect(await counts()).toEqual(before);
  });

  test.each(cases)('when $when and the client prefers Dutch, then the reason for $field is in Dutch', async ({ body, field, nl }) => {
    const res = await t.http.post('/api/incidents').set('authorization', `Bearer ${support}`).set('accept-language', 'nl-NL,nl;q=0.9,en;q=0.5').send(reportBody(body));
    expect(res.status).toBe(422);
    expect(res.body.fields[field]).toContain(nl);
  });

  test('when the occurrence lies wholly before the discovery, then the leak is logged', async () => {
    const res = await t.as(support).post('/api/incidents', reportBody({
      discoveredBy: { kind: 'sub_processor', name: 'Datacenter Noord', discoveredAt: hoursAgo(5) }, fields: { occurred: { from: hoursAgo(30), until: hoursAgo(20) } },
    }));
    expect(res.status).toBe(201);
  });
});

describe('editing dates into something that cannot be true', () => {
  let incidentId: string;
  beforeAll(async () => {
    const res = await t.as(support).post('/api/incidents', reportBody({ discoveredAt: hoursAgo(10), fields: { occurred: { from: hoursAgo(30) } } }));
    expect(res.status).toBe(201);
    incidentId = res.body.id;
  });

  test.each([
    { when: 'the discovery is moved before the occurrence', patch: { discoveredAt: hoursAgo(40) }, field: 'fields.occurred.from' },
    { when: 'the occurrence is moved after the discovery', patch: { fields: { occurred: { from: hoursAgo(5) } } }, field: 'fields.occurred.from' },
    { when: 'the discovery is moved into the future', patch: { discoveredAt: hoursAhead(1) }, field: 'discoveredAt' },
  ])('when $when, then 422 naming $field and the incident is unchanged', async ({ patch, field }) => {
    const before = await counts();
    const res = await t.as(support).patch(`/api/incidents/${incidentId}`, patch);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields)).toContain(field);
    expect(await counts()).toEqual(before);
  });
});

describe('the report form', () => {
  test('when the occurrence begins after the discovery, then the form says so next to the field in Dutch and keeps what was typed', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const before = await counts();
    const res = await c.post('/incidents/new', {
      summary: 'Formulier: datum van de inbreuk na de ontdekking', discoveredAt: '2026-11-02T09:30', discoveredBy: 'processor', controllerIds: polderpeil,
      occurred__state: 'known', occurred_from: '2026-11-03T08:00',
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-occurred_from-error">[^<]*de inbreuk kan niet later begonnen zijn/);
    expect(res.text).toContain('value="2026-11-03T08:00"');
    expect(await counts()).toEqual(before);
  });

  test('when the summary is 10 000 characters long, then the form says how long it may be, not that it is missing', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const res = await c.post('/incidents/new', { summary: 'x'.repeat(10_000), discoveredAt: '2026-11-02T09:30', discoveredBy: 'processor', controllerIds: polderpeil });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-summary-error">Dit is te lang \(max 2 000\)\./);
  });

  test('when an English reader sends a discovery in the future, then the reason is in English', async () => {
    const c = new PageClient(t.http, 'en');
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const res = await c.post('/incidents/new', { summary: 'Form: discovered tomorrow', discoveredAt: '2099-01-01T09:30', discoveredBy: 'processor', controllerIds: polderpeil });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-discoveredAt-error">[^<]*lies in the future/);
  });
});
