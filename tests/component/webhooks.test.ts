import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/webhooks/webhook-signature';
import { runJobsNow } from '../support/clock';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/** A ticket system's end of a webhook: records what arrives, can be told to fail. */
async function startReceiver() {
  const received: Array<{ body: string; signature: string; event: string }> = [];
  let failNext = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      received.push({ body, signature: String(req.headers['x-meldplicht-signature']), event: String(req.headers['x-meldplicht-event']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/meldplicht`,
    received,
    failTimes: (n: number) => (failNext = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('outgoing webhooks', () => {
  let t: TestService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestService();
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.close();
  });

  test('when a track changes state, then each webhook gets a signed POST with ids and states only, retried after a failure', async () => {
    const admin = await t.login(USERS.admin);
    const vonk = await controllerIdByName(t, 'Vonk');
    const created = await t.as(admin).post('/api/admin/webhooks', { url: receiver.url, controllerId: vonk });
    expect(created.status).toBe(201);
    const { secret } = created.body;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await t.as(admin).post('/api/admin/webhooks', { url: 'ftp://x' })).status).toBe(422);
    expect((await t.as(await t.login(USERS.support)).post('/api/admin/webhooks', { url: receiver.url })).status).toBe(403);

    receiver.failTimes(1);
    const support = await t.login(USERS.support);
    const incident = await t.as(support).post('/api/incidents', {
      summary: 'Gegevens van Pietje Puk per ongeluk gedeeld',
      discoveredAt: new Date().toISOString(),
      controllerIds: [vonk, await controllerIdByName(t, 'Polderpeil')],
    });
    await t.as(support).post(`/api/incidents/${incident.body.id}/events`, { type: 'CONFIRM' }).expect(200);
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE attempts >= 1`))[0].n >= 1);
    await runJobsNow(t, 'webhook:');
    await waitUntil(() => receiver.received.length === 1, 15_000, 'the retried webhook');

    const [hook] = receiver.received;
    expect(verifyWebhook(secret, hook.body, hook.signature)).toBe(true);
    expect(verifyWebhook('another-secret', hook.body, hook.signature)).toBe(false);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({
      type: 'track.state_changed',
      incident: { id: incident.body.id, reference: incident.body.reference },
      track: { controllerId: vonk, from: 'detected', to: 'awaitingNotice', event: 'CONFIRM' },
    });
    expect(hook.body).not.toContain('Pietje');
    const [delivery] = await t.sql(`SELECT status, attempts, last_status_code FROM webhook_deliveries`);
    expect(delivery).toEqual({ status: 'sent', attempts: 2, last_status_code: 204 }); // only Vonk's track: a per-controller hook
    const list = await t.as(admin).get('/api/admin/webhooks');
    expect(list.body.webhooks).toEqual([expect.objectContaining({ url: receiver.url, controllerId: vonk, failedDeliveries: 0 })]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });
});
