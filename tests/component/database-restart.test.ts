import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/**
 * The database drops every connection (a restart, a failover): the service reconnects on its
 * own, and no command is half-applied.
 */
describe('when the database drops every connection', () => {
  let t: TestService;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await startTestService({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  const dropAllConnections = () =>
    t.sql(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);

  test('then the API and the worker carry on, and every command is whole or absent', async () => {
    const support = await t.login(USERS.support);
    const vonk = await controllerIdByName(t, 'Vonk');
    const report = () =>
      t.as(support).post('/api/incidents', { summary: 'Phishingmail leidde tot ingelogd account', discoveredAt: new Date().toISOString(), controllerIds: [vonk] });

    await dropAllConnections();
    // Requests during and right after the drop: each either succeeds whole or fails cleanly.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await report()).status);
    await dropAllConnections();
    for (let i = 0; i < 5; i++) statuses.push((await report()).status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(13);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true); // never a 500: at worst "try again"

    // Nothing half-applied: every incident has its track and its opening audit events.
    const [orphans] = await t.sql(
      `SELECT count(*)::int AS n FROM incidents i
        WHERE NOT EXISTS (SELECT 1 FROM tracks t WHERE t.incident_id = i.id)
           OR NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.incident_id = i.id AND a.type = 'track.opened')`,
    );
    expect(orphans.n).toBe(0);

    // The worker reconnects too: a notice still goes out.
    const created = await report();
    await dropAllConnections();
    await t.as(support).post(`/api/incidents/${created.body.id}/events`, { type: 'NOTIFY' }).then(async (res) => {
      if (res.status >= 500) await t.as(support).post(`/api/incidents/${created.body.id}/events`, { type: 'NOTIFY' }).expect(200);
    });
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND status = 'sent'`, [created.body.tracks[0].id]))[0].n === 4, 30_000, 'notices sent after the drop');
    expect((await t.http.get('/readyz')).status).toBe(200);
  });
});
