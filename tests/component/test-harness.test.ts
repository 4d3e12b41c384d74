/**
 * Proves the test doubles behave like the real services from the point of view of the
 * real client libraries. If these fail, every test built on the harness is suspect.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import twilio from 'twilio';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { signTwilioRequest, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';

const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

describe('SMTP test server', () => {
  let smtp: SmtpTestServer;
  beforeEach(async () => {
    smtp = await startSmtpTestServer();
  });
  afterEach(() => smtp.close());

  it('receives a mail sent by nodemailer with envelope recipients and parsed bodies', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await transport.sendMail({
      from: 'Meldplicht <noreply@meldplicht.test>',
      to: 'dpo@controller.test',
      bcc: 'archive@meldplicht.test',
      subject: 'Datalek gemeld',
      text: 'Er is een datalek gemeld.',
      html: '<p>Er is een datalek gemeld.</p>',
      headers: { 'X-Incident-Id': 'inc-42' },
    });

    const [mail] = await smtp.waitFor(1);
    expect(mail.from).toBe('noreply@meldplicht.test');
    // Bcc shows up only in the envelope, which is why `to` is taken from RCPT TO.
    expect(mail.to).toEqual(['dpo@controller.test', 'archive@meldplicht.test']);
    expect(mail.subject).toBe('Datalek gemeld');
    expect(mail.text.trim()).toBe('Er is een datalek gemeld.');
    expect(mail.html).toBe('<p>Er is een datalek gemeld.</p>');
    expect(mail.messageId).toMatch(/^<.+@.+>$/);
    expect(mail.headers['x-incident-id']).toBe('inc-42');
    expect(mail.headers['bcc']).toBeUndefined();
  });

  it('refuses with 451 while refusing, and accepts again afterwards', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    const mail = { from: 'noreply@meldplicht.test', to: 'dpo@controller.test', subject: 's', text: 't' };

    smtp.setRefusing(true);
    await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
    expect(smtp.messages).toHaveLength(0);

    smtp.setRefusing(false);
    await transport.sendMail(mail);
    expect(smtp.messages).toHaveLength(1);
  });

  it('rejects recipients permanently when started with rejectRecipients', async () => {
    const rejecting = await startSmtpTestServer({ rejectRecipients: true });
    try {
      const transport = nodemailer.createTransport(rejecting.url);
      await expect(
        transport.sendMail({ from: 'a@meldplicht.test', to: 'b@controller.test', subject: 's', text: 't' }),
      ).rejects.toMatchObject({ responseCode: 550 });
    } finally {
      await rejecting.close();
    }
  });

  it('waitFor times out with a clear message', async () => {
    await expect(smtp.waitFor(1, 50)).rejects.toThrow(/expected 1 message\(s\) within 50 ms, got 0/);
  });
});

describe('Twilio stand-in', () => {
  let standIn: TwilioStandIn;
  beforeEach(async () => {
    standIn = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  });
  afterEach(() => standIn.close());

  const send = (client: twilio.Twilio) =>
    client.messages.create({
      to: '+31612345678',
      from: '+3197010000000',
      body: 'Datalek gemeld, zie e-mail.',
      statusCallback: 'https://app.meldplicht.test/webhooks/twilio/status',
    });

  it('accepts a message from the real twilio client and records it', async () => {
    const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: standIn.httpClient });
    const created = await send(client);

    const [sms] = await standIn.waitFor(1);
    expect(sms).toMatchObject({
      to: '+31612345678',
      from: '+3197010000000',
      body: 'Datalek gemeld, zie e-mail.',
      statusCallback: 'https://app.meldplicht.test/webhooks/twilio/status',
      status: 'queued',
    });
    expect(created.sid).toBe(sms.sid);
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created.status).toBe('queued');
    expect(created.accountSid).toBe(ACCOUNT_SID);
    expect(created.dateCreated).toBeInstanceOf(Date);
  });

  it('fails the injected number of calls, then recovers', async () => {
    const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: standIn.httpClient });
    standIn.respondWith({ status: 500 });

    await expect(send(client)).rejects.toMatchObject({ status: 500 });
    expect(standIn.messages).toHaveLength(0);
    await expect(send(client)).resolves.toMatchObject({ status: 'queued' });
    expect(standIn.requestCount()).toBe(2);
  });

  it('can hang a call until the client times out', async () => {
    const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: standIn.createHttpClient({ timeout: 200 }) });
    standIn.respondWith({ hang: true });

    await expect(send(client)).rejects.toThrow(/timeout/i);
    expect(standIn.messages).toHaveLength(0);
  });

  it('rejects a wrong auth token with 401', async () => {
    const client = twilio(ACCOUNT_SID, 'wrong-token', { httpClient: standIn.httpClient });
    await expect(send(client)).rejects.toMatchObject({ status: 401, code: 20003 });
    expect(standIn.messages).toHaveLength(0);
  });

  it('signs requests the way twilio.validateRequest expects', () => {
    const url = 'https://app.meldplicht.test/webhooks/twilio/status?tenant=7';
    const params = { MessageSid: 'SM' + 'a'.repeat(32), MessageStatus: 'delivered' };
    const signature = signTwilioRequest(AUTH_TOKEN, url, params);

    expect(twilio.validateRequest(AUTH_TOKEN, signature, url, params)).toBe(true);
    expect(twilio.validateRequest('other-token', signature, url, params)).toBe(false);
    expect(twilio.validateRequest(AUTH_TOKEN, signature, url, { ...params, MessageStatus: 'failed' })).toBe(false);
  });

  it('posts a signed status callback and reports the HTTP status the receiver answered', async () => {
    const received: Array<{ url: string; signature: string; params: Record<string, string> }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', signature: String(req.headers['x-twilio-signature']), params: Object.fromEntries(new URLSearchParams(body)) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/twilio/status`;

    try {
      const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: standIn.httpClient });
      const created = await send(client);
      const status = await standIn.sendStatusCallback(created.sid, 'delivered', target);

      expect(status).toBe(204);
      expect(received[0].params).toMatchObject({ MessageSid: created.sid, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID });
      expect(twilio.validateRequest(AUTH_TOKEN, received[0].signature, target, received[0].params)).toBe(true);
      expect(standIn.messages[0].status).toBe('delivered');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
