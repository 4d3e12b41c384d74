import { Writable } from 'node:stream';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics/metrics';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

const METRICS_TOKEN = 'scrape-token-for-the-observability-test-0123';

describe('health, readiness, metrics and logs', () => {
  let t: TestService;
  let smtp: SmtpTestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await startTestService({ smtpUrl: smtp.url, env: { METRICS_TOKEN } });
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
    const metrics = await t.http.get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(metrics.status).toBe(200);
    for (const name of ['meldplicht_http_requests_total', 'meldplicht_tracks_overdue', 'meldplicht_job_queue_depth', 'meldplicht_job_oldest_due_age_seconds']) {
      expect(metrics.text).toContain(name);
    }
  });

  test('when /metrics is asked without the scrape token or with another one, then 401 and no numbers', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
      const call = t.http.get('/metrics');
      const res = authorization ? await call.set('authorization', authorization) : await call;
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('meldplicht_tracks');
    }
  });

  test('when no METRICS_TOKEN is configured, then /metrics is not served at all', async () => {
    const app = createApp({ config: { ...t.config, metricsToken: undefined }, dataSource: t.service.db.dataSource, tokens: t.service.tokens, logger: createLogger({ silent: true }), publicUrl: t.config.publicUrl, mail: t.service.mail });
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('meldplicht_tracks');
  });

  test('when /metrics is scraped repeatedly, then the database gauges are read once per cache period, not on every scrape', async () => {
    let queries = 0;
    const counting = new Proxy(t.service.db.dataSource, {
      get: (target, key) => (key === 'query' ? (...args: unknown[]) => (queries++, (target.query as (...a: unknown[]) => unknown)(...args)) : Reflect.get(target, key)),
    }) as DataSource;
    const metrics = createMetrics(counting);
    await metrics.registry.metrics();
    const perScrape = queries;
    expect(perScrape).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await metrics.registry.metrics();
    expect(queries).toBe(perScrape);
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
    const app = createApp({ config: t.config, dataSource: t.service.db.dataSource, tokens: t.service.tokens, logger, publicUrl: t.config.publicUrl, mail: t.service.mail });
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
