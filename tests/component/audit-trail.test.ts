import { verifyAuditChain } from '../../src/audit/audit-chain-verifier';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';

describe('audit trail', () => {
  let t: TestService;
  let incidentId: string;

  beforeAll(async () => {
    t = await startTestService({ worker: false });
    const support = await t.login(USERS.support);
    const res = await t.as(support).post('/api/incidents', {
      summary: 'Mail met bijlage naar verkeerde klant verstuurd',
      discoveredAt: new Date().toISOString(),
      controllerIds: [await controllerIdByName(t, 'Vonk')],
    });
    incidentId = res.body.id;
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);
  });
  afterAll(() => t?.stop());

  test('when anyone tries to change or delete an audit event in SQL, then the database refuses', async () => {
    await expect(t.sql(`UPDATE audit_events SET type = 'x' WHERE incident_id = $1`, [incidentId])).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_events WHERE incident_id = $1`, [incidentId])).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE audit_events CASCADE`)).rejects.toThrow(/append-only/);
  });

  test('when a row is tampered with behind the trigger, then the chain check names the first broken event', async () => {
    const tx = t.service.db.dataSource.manager;
    expect(await verifyAuditChain(tx, incidentId)).toEqual({ ok: true, events: 3 });
    // An attacker with superuser rights switches the trigger off and rewrites history.
    await t.sql(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    await t.sql(`UPDATE audit_events SET data = data || '{"reference":"DL-1999-0001"}' WHERE incident_id = $1 AND seq = 2`, [incidentId]);
    await t.sql(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    expect(await verifyAuditChain(tx, incidentId)).toEqual({ ok: false, brokenAtSeq: 2, reason: 'content does not match its hash' });
  });
});

describe('incident references', () => {
  let t: TestService;
  let support: string;
  let controllerId: string;
  const report = (summary: string) =>
    t.as(support).post('/api/incidents', { summary, discoveredAt: new Date().toISOString(), controllerIds: [controllerId] });

  beforeAll(async () => {
    t = await startTestService({ worker: false });
    support = await t.login(USERS.support);
    controllerId = await controllerIdByName(t, 'Vonk');
  });
  afterAll(() => t?.stop());

  test('when 25 incidents are reported at once, then their references run on without a gap or a repeat, and each chain verifies', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM incidents`);
    const responses = await Promise.all(Array.from({ length: 25 }, (_, i) => report(`Gelijktijdige melding ${i + 1}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(201));
    const numbers = responses.map((r) => Number(/^DL-\d{4}-(\d{4,})$/.exec(r.body.reference)![1])).sort((a, b) => a - b);
    const first = before[0].n + 1;
    expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => first + i));
    for (const r of responses) {
      const [reported] = await t.sql(`SELECT data FROM audit_events WHERE incident_id = $1 AND type = 'incident.reported'`, [r.body.id]);
      expect(reported.data.reference).toBe(r.body.reference);
      expect(await verifyAuditChain(t.service.db.dataSource.manager, r.body.id)).toMatchObject({ ok: true });
    }
  });

  test('when the year passes number 9999, then the next reference has five digits instead of wrapping', async () => {
    await t.sql(`UPDATE reference_counters SET last_number = 9999`);
    const res = await report('De tienduizendste melding van het jaar').expect(201);
    expect(res.body.reference).toMatch(/^DL-\d{4}-10000$/);
  });
});
