import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverWebhook } from '../../src/use-cases/deliver-webhook.use-case';
import { verifyWebhook } from '../../src/webhooks/webhook-signature';
import { runJobsNow } from '../support/clock';
import { PageClient } from '../support/page-client';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/** A ticket system's end of a webhook: records what arrives, can be told to fail or to redirect. */
async function startReceiver() {
  const received: Array<{ body: string; signature: string; event: string }> = [];
  let failNext = 0;
  let redirectTo: string | null = null;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (redirectTo) {
        res.writeHead(307, { location: redirectTo }).end();
        return;
      }
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
    port: (server.address() as AddressInfo).port,
    failTimes: (n: number) => (failNext = n),
    redirectTo: (url: string) => (redirectTo = url),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('outgoing webhooks', () => {
  let t: TestService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    // The receiver is on loopback: an internal target the operator allows explicitly.
    t = await startTestService({ contract: true, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1/32' } });
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
    // The receiver has the POST before the worker has recorded its 204: wait for the record, not a guess.
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE attempts >= 2`))[0].n >= 1, 15_000, 'the second attempt on record');
    const [delivery] = await t.sql(`SELECT status, attempts, last_status_code FROM webhook_deliveries`);
    expect(delivery).toEqual({ status: 'sent', attempts: 2, last_status_code: 204 }); // only Vonk's track: a per-controller hook
    const list = await t.as(admin).get('/api/admin/webhooks');
    expect(list.body.webhooks).toEqual([expect.objectContaining({ url: receiver.url, controllerId: vonk, failedDeliveries: 0 })]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });
});

/** Reports an incident for one controller and confirms it: one state change, one delivery per webhook. */
async function changeATrack(t: TestService, controllerId: string): Promise<void> {
  const support = await t.login(USERS.support);
  const incident = await t.as(support).post('/api/incidents', {
    summary: 'Mailbox met klantgegevens gedeeld', discoveredAt: new Date(Date.now() - 60_000).toISOString(), controllerIds: [controllerId],
  });
  await t.as(support).post(`/api/incidents/${incident.body.id}/events`, { type: 'CONFIRM' }).expect(200);
}

describe('webhook targets inside the network (SSRF)', () => {
  let t: TestService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestService({ contract: true }); // no WEBHOOK_ALLOWED_HOSTS: only public addresses
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.close();
  });

  const internal = [
    'http://127.0.0.1:3319/', 'http://2130706433:3319/', 'http://0x7f.0.0.1/', 'http://127.1/', 'http://0.0.0.0/', 'http://localhost:3319/',
    'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[::]/', 'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://100.64.0.1/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://224.0.0.1/',
  ];

  test.each(internal)('when an admin points a webhook at %s, then 422 naming url and nothing is stored', async (url) => {
    const admin = await t.login(USERS.admin);
    const res = await t.as(admin).post('/api/admin/webhooks', { url });
    expect(res.status).toBe(422);
    expect(res.body.fields.url).toMatch(/address/);
    expect((await t.sql(`SELECT count(*)::int AS n FROM webhooks`))[0].n).toBe(0);
  });

  test('when an admin points a webhook at a public address, then it is created', async () => {
    const admin = await t.login(USERS.admin);
    const res = await t.as(admin).post('/api/admin/webhooks', { url: 'https://93.184.215.14/hooks/meldplicht' });
    expect(res.status).toBe(201);
    await t.sql(`DELETE FROM webhooks`);
  });

  test('when a stored webhook points at loopback (made before this check, or its name resolves there now), then delivery refuses it and nothing arrives', async () => {
    const vonk = await controllerIdByName(t, 'Vonk');
    await t.sql(`INSERT INTO webhooks (controller_id, url, secret) VALUES ($1, $2, 'old-secret')`, [vonk, receiver.url]);
    await changeATrack(t, vonk);
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE attempts >= 1`))[0].n >= 1);
    const [delivery] = await t.sql(`SELECT status, last_error FROM webhook_deliveries`);
    expect(delivery).toEqual({ status: 'queued', last_error: 'WebhookTargetRefused' });
    expect(receiver.received).toEqual([]);
  });
});

describe('webhook delivery to an allowed internal target', () => {
  let t: TestService;
  let first: Awaited<ReturnType<typeof startReceiver>>;
  let second: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    first = await startReceiver();
    second = await startReceiver();
    t = await startTestService({ worker: false, contract: true, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1/32' } });
  });
  afterAll(async () => {
    await t?.stop();
    await first?.close();
    await second?.close();
  });

  async function queuedDelivery(url: string): Promise<string> {
    const vonk = await controllerIdByName(t, 'Vonk');
    await t.sql(`DELETE FROM webhook_deliveries`);
    await t.sql(`DELETE FROM webhooks`);
    await t.sql(`INSERT INTO webhooks (controller_id, url, secret) VALUES ($1, $2, 'a-secret')`, [vonk, url]);
    await changeATrack(t, vonk);
    return (await t.sql(`SELECT id FROM webhook_deliveries`))[0].id;
  }

  test('when the receiver answers with a redirect to another internal port, then it is not followed and the delivery is not sent', async () => {
    first.redirectTo(second.url);
    const id = await queuedDelivery(first.url);
    await expect(deliverWebhook(id, { dataSource: t.service.db.dataSource, webhookTargets: t.config.webhookTargets })).rejects.toThrow(/307/);
    expect(second.received).toEqual([]);
    expect((await t.sql(`SELECT status, last_status_code FROM webhook_deliveries`))[0]).toEqual({ status: 'queued', last_status_code: 307 });
  });

  test('when the host name resolves elsewhere after the check (DNS rebinding), then the connection still goes to the checked address', async () => {
    const id = await queuedDelivery(`http://hooks.rebind.test:${second.port}/hooks/meldplicht`);
    let lookups = 0;
    const rebinding = async () => (lookups++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '127.0.0.2', family: 4 }]);
    await deliverWebhook(id, { dataSource: t.service.db.dataSource, webhookTargets: t.config.webhookTargets, resolveHost: rebinding });
    expect(second.received).toHaveLength(1);
    expect(lookups).toBe(1);
    expect((await t.sql(`SELECT status FROM webhook_deliveries`))[0].status).toBe('sent');
  });
});

describe('deactivating and deleting a webhook', () => {
  let t: TestService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestService({ worker: false, contract: true, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1/32' } });
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.close();
  });

  test('when an admin deactivates a webhook, then state changes queue nothing for it; reactivated, they do again', async () => {
    const admin = await t.login(USERS.admin);
    const vonk = await controllerIdByName(t, 'Vonk');
    const hook = (await t.as(admin).post('/api/admin/webhooks', { url: receiver.url, controllerId: vonk }).expect(201)).body;
    const off = await t.as(admin).patch(`/api/admin/webhooks/${hook.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: hook.id, active: false });
    await changeATrack(t, vonk);
    expect((await t.sql(`SELECT count(*)::int AS n FROM webhook_deliveries`))[0].n).toBe(0);
    await t.as(admin).patch(`/api/admin/webhooks/${hook.id}`, { active: true }).expect(200);
    await changeATrack(t, vonk);
    expect((await t.sql(`SELECT count(*)::int AS n FROM webhook_deliveries`))[0].n).toBe(1);
    expect((await t.as(admin).patch(`/api/admin/webhooks/${hook.id}`, { active: 'no' })).status).toBe(422);
  });

  test('when an admin deletes a webhook, then it and its deliveries are gone and the list no longer shows it', async () => {
    const admin = await t.login(USERS.admin);
    const [{ id }] = await t.sql(`SELECT id FROM webhooks`);
    expect((await t.as(await t.login(USERS.support)).delete(`/api/admin/webhooks/${id}`)).status).toBe(403);
    expect((await t.as(admin).delete(`/api/admin/webhooks/${id}`)).status).toBe(204);
    expect((await t.as(admin).delete(`/api/admin/webhooks/${id}`)).status).toBe(404);
    expect((await t.as(admin).get('/api/admin/webhooks')).body.webhooks).toEqual([]);
    expect((await t.sql(`SELECT count(*)::int AS n FROM webhook_deliveries`))[0].n).toBe(0);
  });
});

describe('the webhooks admin page', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ worker: false, contract: true });
  });
  afterAll(() => t?.stop());

  test('when an admin switches a webhook off and then deletes it on the page, then the list shows it off and then it is gone', async () => {
    const vonk = await controllerIdByName(t, 'Vonk');
    const [{ id }] = await t.sql(`INSERT INTO webhooks (controller_id, url, secret) VALUES ($1, 'https://93.184.215.14/hooks', 'a-secret') RETURNING id`, [vonk]);
    const admin = new PageClient(t.http, 'en');
    await admin.login(USERS.admin);
    const page = await admin.get('/admin/webhooks');
    expect(page.status).toBe(200);
    expect(page.text).toContain('https://93.184.215.14/hooks');
    expect(page.text).toContain('Switch off');
    expect((await admin.post(`/admin/webhooks/${id}/active`, { active: 'false' })).status).toBe(303);
    expect((await t.sql(`SELECT active FROM webhooks WHERE id = $1`, [id]))[0].active).toBe(false);
    expect((await admin.get('/admin/webhooks')).text).toContain('switched off');
    expect((await admin.post(`/admin/webhooks/${id}/delete`, {})).status).toBe(303);
    expect(await t.sql(`SELECT id FROM webhooks`)).toEqual([]);
    expect((await admin.get('/admin/webhooks')).text).toContain('There are no webhooks.');
  });
});
