import { notifiedChildcareCase } from '../support/dpo-case';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';

/** Issue 5: the register, the admin's chain verification, retention. */
describe('the register, audit verification and retention', () => {
  let t: TestService;
  let smtp: SmtpTestServer;
  let support: string;
  let admin: string;
  let dpo: string;
  let polderpeilDpo: string;
  let c: { incidentId: string; trackId: string; reference: string };
  let dismissedId: string;

  beforeAll(async () => {
    // The controller's 72 hours start only on a real delivery (not the outbox): a real SMTP exchange.
    smtp = await startSmtpTestServer();
    t = await startTestService({ smtpUrl: smtp.url, contract: true });
    support = await t.login(USERS.support);
    admin = await t.login(USERS.admin);
    dpo = await t.login(USERS.dpoZonnebloem);
    polderpeilDpo = await t.login(USERS.dpoPolderpeil);
    c = await notifiedChildcareCase(t);
    await t.as(dpo).post(`/api/tracks/${c.trackId}/risk-assessment`, {
      confidentiality: { extent: 'possible' }, integrity: { extent: 'none' }, availability: { extent: 'none' },
      data: { nature: 'simple', nationalId: true }, identification: 'maximum', vulnerableSubjects: 'yes', malicious: 'yes', encryption: { state: 'none' },
    }).expect(201);
    await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, {
      reportToAp: true, apReasons: 'BSN van kinderen', informSubjects: true, subjectReasons: 'Hoog risico: ouders informeren', followsRecommendation: true,
      apReference: 'M-2026-000042', reportedToApAt: new Date().toISOString(),
    }).expect(200);
    // A suspicion at Polderpeil that turned out not to be a breach: in the register too.
    const polderpeil = await controllerIdByName(t, 'Polderpeil');
    const suspicion = await t.as(support).post('/api/incidents', { summary: 'Verdachte inlogpoging op beheeraccount', discoveredAt: new Date().toISOString(), controllerIds: [polderpeil] });
    dismissedId = suspicion.body.id;
    await t.as(support).post(`/api/incidents/${dismissedId}/events`, { type: 'DISMISS', reason: 'Geblokkeerd door MFA, geen toegang tot gegevens' }).expect(200);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  test('after assessment and decision, the register row carries facts, effects, measures, decision and reasons', async () => {
    const res = await t.as(support).get('/api/register').expect(200);
    const row = res.body.entries.find((e: any) => e.trackId === c.trackId);
    expect(row).toMatchObject({
      reference: c.reference, state: 'followUp', controller: { name: 'Kinderopvang De Zonnebloem B.V.' },
      nature: 'confidentiality; stolen', dataCategories: 'naam; adres; geboortedatum; BSN', subjectCount: '120-180',
      consequences: 'Kans op identiteitsfraude en ongewenst contact', measuresTaken: 'Laptop op afstand geblokkeerd, aangifte gedaan',
      riskBand: 'high', recommendation: 'report_ap_and_inform_subjects', reportToAp: true, informSubjects: true,
      apReasons: 'BSN van kinderen', subjectReasons: 'Hoog risico: ouders informeren', followsRecommendation: true, apMeldnummer: 'M-2026-000042',
    });
    const dismissed = res.body.entries.find((e: any) => e.incidentId === dismissedId);
    expect(dismissed).toMatchObject({ state: 'dismissed', dismissReason: 'Geblokkeerd door MFA, geen toegang tot gegevens', reportToAp: null });
  });

  test('filters by controller, period and state; pages with a cursor', async () => {
    const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
    const today = new Date().toISOString().slice(0, 10);
    const byController = await t.as(support).get(`/api/register?controllerId=${zonnebloem}`).expect(200);
    expect(byController.body.entries.map((e: any) => e.trackId)).toEqual([c.trackId]);
    const byState = await t.as(support).get('/api/register?state=dismissed').expect(200);
    expect(byState.body.entries.map((e: any) => e.incidentId)).toEqual([dismissedId]);
    const past = await t.as(support).get('/api/register?from=2020-01-01&to=2020-12-31').expect(200);
    expect(past.body.entries).toEqual([]);
    const first = await t.as(support).get(`/api/register?limit=1&to=${today}`).expect(200);
    expect(first.body.entries).toHaveLength(1);
    const second = await t.as(support).get(`/api/register?limit=1&after=${first.body.nextCursor}`).expect(200);
    expect(second.body.entries[0].trackId).not.toBe(first.body.entries[0].trackId);
    expect(second.body.nextCursor).toBeNull();
  });

  test('a controller-side user sees only its own entries, whatever it asks for', async () => {
    const own = await t.as(dpo).get('/api/register').expect(200);
    expect(own.body.entries.map((e: any) => e.trackId)).toEqual([c.trackId]);
    const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
    const other = await t.as(polderpeilDpo).get(`/api/register?controllerId=${zonnebloem}`).expect(200);
    expect(other.body.entries).toEqual([]);
    const csv = await t.as(polderpeilDpo).get('/api/register.csv').expect(200);
    expect(csv.text).not.toContain(c.reference);
    await t.as(polderpeilDpo).get(`/api/tracks/${c.trackId}/data-subject-draft`).expect(404);
    await t.as(dpo).get('/api/admin/audit/verify').expect(403);
    await t.as(support).post('/api/admin/retention/check', {}).expect(403);
  });

  test('bad register input → 422 naming the field', async () => {
    const res = await t.as(support).get('/api/register?from=2026-13-01&state=open&limit=0');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields).sort()).toEqual(['from', 'limit', 'state']);
    const cursor = await t.as(support).get('/api/register?after=bm9wZQ');
    expect(cursor.status).toBe(422);
    expect(cursor.body.fields).toHaveProperty('after');
  });

  test('exports as CSV and JSON with every entry', async () => {
    const csv = await t.as(support).get('/api/register.csv').expect(200);
    expect(csv.type).toBe('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toContain('reference,controller,state');
    expect(lines).toHaveLength(3);
    const json = await t.as(support).get('/api/register?format=json').expect(200);
    expect(JSON.parse(json.text)).toHaveLength(2);
  });

  test('when a row is tampered with in SQL, then the admin endpoint names the incident and the first broken link', async () => {
    const clean = await t.as(admin).get('/api/admin/audit/verify').expect(200);
    expect(clean.body).toMatchObject({ ok: true, incidents: 2, broken: [] });
    await t.sql(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    await t.sql(`UPDATE audit_events SET data = data || '{"reportToAp": false}' WHERE incident_id = $1 AND type = 'track.assess'`, [c.incidentId]);
    await t.sql(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    const [tampered] = await t.sql(`SELECT seq FROM audit_events WHERE incident_id = $1 AND type = 'track.assess'`, [c.incidentId]);
    const res = await t.as(admin).get('/api/admin/audit/verify').expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.broken).toEqual([{ incidentId: c.incidentId, reference: c.reference, brokenAtSeq: tampered.seq, reason: 'content does not match its hash' }]);
  });

  test('retention: nothing is due while open or without a contract end; a dry run lists, apply erases details and keeps the skeleton', async () => {
    const none = await t.as(admin).post('/api/admin/retention/check', {}).expect(200);
    expect(none.body).toMatchObject({ applied: false, due: [], erased: 0 });
    // Polderpeil's contract ended long ago, but its agreement states no retention term: never due, and listed as such.
    const polderpeilAgreement = (await t.sql(`SELECT a.id FROM agreements a JOIN controllers c ON c.id = a.controller_id WHERE c.name ILIKE '%Polderpeil%'`))[0].id;
    await t.http.put(`/api/admin/agreements/${polderpeilAgreement}/contract-end`).set({ authorization: `Bearer ${admin}` }).send({ contractEndedOn: '2020-01-31' }).expect(200);
    const withoutTerm = await t.as(admin).post('/api/admin/retention/check', {}).expect(200);
    expect(withoutTerm.body.due).toEqual([]);
    expect(withoutTerm.body.withoutTerm).toEqual([expect.objectContaining({ agreementId: polderpeilAgreement, contractEndedOn: '2020-01-31' })]);
    await t.sql(`UPDATE agreements SET retention_months_after_end = 12 WHERE id = $1`, [polderpeilAgreement]);
    const bad = await t.http.put(`/api/admin/agreements/${polderpeilAgreement}/contract-end`).set({ authorization: `Bearer ${admin}` }).send({ contractEndedOn: 'gisteren' });
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toHaveProperty('contractEndedOn');

    const dry = await t.as(admin).post('/api/admin/retention/check', {}).expect(200);
    expect(dry.body).toMatchObject({ applied: false, erased: 0, due: [expect.objectContaining({ incidentId: dismissedId, dueSince: '2021-01-31' })] });
    expect((await t.sql(`SELECT summary FROM incidents WHERE id = $1`, [dismissedId]))[0].summary).toBe('Verdachte inlogpoging op beheeraccount');

    const applied = await t.as(admin).post('/api/admin/retention/check', { apply: true }).expect(200);
    expect(applied.body).toMatchObject({ applied: true, erased: 1 });
    const [row] = await t.sql(`SELECT summary, fields, details_erased_at FROM incidents WHERE id = $1`, [dismissedId]);
    expect(row.summary).not.toContain('inlogpoging');
    expect(row.fields).toEqual({});
    expect(row.details_erased_at).not.toBeNull();
    const register = await t.as(support).get('/api/register?state=dismissed').expect(200);
    expect(register.body.entries[0]).toMatchObject({ reference: expect.stringMatching(/^DL-/), state: 'dismissed', dismissReason: 'Geblokkeerd door MFA, geen toegang tot gegevens', summary: null, detailsErasedAt: expect.any(String) });
    const audit = await t.as(support).get(`/api/incidents/${dismissedId}/audit`).expect(200);
    expect(audit.body.chain.ok).toBe(true);
    expect(audit.body.events.at(-1)).toMatchObject({ type: 'retention.erased', data: expect.objectContaining({ contentHashes: expect.objectContaining({ summary: expect.stringMatching(/^[0-9a-f]{64}$/) }) }) });
    const again = await t.as(admin).post('/api/admin/retention/check', { apply: true }).expect(200);
    expect(again.body).toMatchObject({ due: [], erased: 0 });
    // The open childcare case is untouched.
    expect((await t.sql(`SELECT details_erased_at FROM incidents WHERE id = $1`, [c.incidentId]))[0].details_erased_at).toBeNull();
  });
});
