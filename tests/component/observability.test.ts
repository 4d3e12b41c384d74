import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

describe('health, readiness, metrics and logs', () => {
  let t: TestService;
  let smtp: SmtpTestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await startTestService({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  test('when the service runs, then /healthz and /readyz say so and /metrics has the work in numbers', async () => {
    expect((await t.http.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/readyz');
    expect(ready.status).toBe(200);
    // SMTP here, no Twilio: the SMS only reach the outbox, and readiness says which keys are missing.
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'current', worker: 'ok', delivery: 'outbox only, not sent: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM not set' },
    });
    const metrics = await t.http.get('/metrics');
    expect(metrics.status).toBe(200);
    for (const name of ['meldplicht_http_requests_total', 'meldplicht_tracks_overdue', 'meldplicht_job_queue_depth', 'meldplicht_job_oldest_due_age_seconds']) {
      expect(metrics.text).toContain(name);
    }
  });

  test('when jobs wait over a minute and no worker takes them, then /readyz is not ready', async () => {
    await t.service.worker!.stop();
    await t.sql(`SELECT graphile_worker.add_job('send_alert', '{}'::json, run_at := now() - interval '5 minutes', job_key := 'readyz-probe')`);
    const ready = await t.http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not ready', checks: { worker: '1 jobs waiting over a minute' } });
    await t.sql(`SELECT graphile_worker.remove_job('readyz-probe')`);
    await t.startWorker();
    expect((await t.http.get('/readyz')).status).toBe(200);
  });

  test('when a notice with known names is reported and sent, then no log line contains a name, an address or its content', async () => {
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(chunk.toString()); done(); } });
    const logger = createLogger({ destination: sink });
    const app = createApp({ config: t.config, dataSource: t.service.db.dataSource, tokens: t.service.tokens, logger, publicUrl: t.config.publicUrl });
    const http = request(app);
    const support = (await http.post('/api/auth/login').send({ email: USERS.support, password: 'Meldplicht-demo-2026' })).body.token;
    const created = await http.post('/api/incidents').set('authorization', `Bearer ${support}`).send({
      summary: 'Lijst met namen van Pietje Puk en Jantje Smit gelekt',
      discoveredAt: new Date().toISOString(),
      controllerIds: [await controllerIdByName(t, 'Vonk')],
      fields: { cause: 'Verkeerde bijlage aan Pietje Puk', contactPoint: { name: 'Klaas Vaak', role: 'FG', email: 'klaas.vaak@example.nl', phone: '+31600000999' } },
    });
    expect(created.status).toBe(201);
    await http.post(`/api/incidents/${created.body.id}/events`).set('authorization', `Bearer ${support}`).send({ type: 'NOTIFY' }).expect(200);
    await http.get('/api/nope').set('authorization', `Bearer ${support}`).expect(404);
    await waitUntil(() => smtp.messages.some((m) => m.text.includes('Klaas Vaak')), 15_000, 'the notice mail');
    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, method: 'POST', route: '/api/auth/login', status: 200, requestId: expect.any(String) });
    for (const secret of ['Pietje', 'Jantje', 'Klaas', 'klaas.vaak', 'fg@', 'devonk', 'Voorbeeldhuis', support]) expect(log).not.toContain(secret);
  });
});
