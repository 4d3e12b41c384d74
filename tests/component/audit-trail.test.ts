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
