import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { signTwilioRequest, startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { runJobsNow } from '../support/clock';
import { controllerIdByName, PUBLIC_URL, startTestService, TWILIO, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/**
 * Issue 3: per recipient and channel a ledger (queued → sending → sent → delivered/failed,
 * or unknown), signed Twilio callbacks, retries before acceptance, the other channel and the
 * stand-in after a failure, and a proof of notice that shows all of it.
 */
describe('the notice ledger and delivery evidence', () => {
  let t: TestService;
  let smtp: SmtpTestServer;
  let twilio: TwilioStandIn;
  let support: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    twilio = await startTwilioStandIn(TWILIO);
    // A short client timeout, so a hanging Twilio is an ambiguous outcome within the test.
    t = await startTestService({ smtpUrl: smtp.url, twilioHttpClient: twilio.createHttpClient({ timeout: 700 }) });
    support = await t.login(USERS.support);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
    await twilio?.close();
  });

  async function notifyVonk(): Promise<{ incidentId: string; trackId: string; reference: string }> {
    const res = await t.as(support).post('/api/incidents', {
      summary: 'Onbeveiligde API gaf medewerkersgegevens prijs',
      discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
      controllerIds: [await controllerIdByName(t, 'Vonk')],
    });
    await t.as(support).post(`/api/incidents/${res.body.id}/events`, { type: 'NOTIFY' }).expect(200);
    return { incidentId: res.body.id, trackId: res.body.tracks[0].id, reference: res.body.reference };
  }
  const ledger = (trackId: string) =>
    t.sql(`SELECT n.*, k.name AS contact FROM notices n JOIN contacts k ON k.id = n.contact_id WHERE track_id = $1 ORDER BY k.position, channel`, [trackId]);
  const settled = async (trackId: string) => (await ledger(trackId)).every((n) => !['queued', 'sending'].includes(n.status));

  function callback(sid: string, status: string, signWith = TWILIO.authToken) {
    const params = { MessageSid: sid, MessageStatus: status, AccountSid: TWILIO.accountSid };
    return t.http
      .post('/api/twilio/status')
      .set('X-Twilio-Signature', signTwilioRequest(signWith, `${PUBLIC_URL}/api/twilio/status`, params))
      .type('form')
      .send(params);
  }

  test('when Twilio reports delivery, then the ledger records it once, in order, and a tampered callback is refused', async () => {
    const { trackId } = await notifyVonk();
    await waitUntil(() => settled(trackId));
    const sms = (await ledger(trackId)).find((n) => n.channel === 'sms')!;
    expect(twilio.messages.find((m) => m.sid === sms.provider_id)!.statusCallback).toBe(`${PUBLIC_URL}/api/twilio/status`);

    const tampered = await callback(sms.provider_id, 'failed', 'not-the-auth-token');
    expect(tampered.status).toBe(403);
    expect(await callback(sms.provider_id, 'delivered').then((r) => r.status)).toBe(204);
    expect(await callback(sms.provider_id, 'delivered').then((r) => r.status)).toBe(204); // duplicate
    expect(await callback(sms.provider_id, 'sent').then((r) => r.status)).toBe(204); // late, older status

    const [after] = (await ledger(trackId)).filter((n) => n.id === sms.id);
    expect(after).toMatchObject({ status: 'delivered', provider_status: 'delivered' });
    const delivered = await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE type = 'notice.delivered' AND data->>'noticeId' = $1`, [sms.id]);
    expect(delivered[0].n).toBe(1);
    // A report for a message not on record (yet) is held, not lost: 202.
    expect((await callback('SM00000000000000000000000000000000', 'delivered')).status).toBe(202);
  });

  test('when Twilio reports delivery before our "sent" record is committed, then the report is held and applied once the message is on record', async () => {
    const { trackId } = await notifyVonk();
    await waitUntil(() => settled(trackId));
    const sms = (await ledger(trackId)).find((n) => n.channel === 'sms')!;
    // Replay the race: the ledger does not know the provider id yet when Twilio calls back.
    await t.sql(`UPDATE notices SET provider_id = NULL WHERE id = $1`, [sms.id]);
    expect((await callback(sms.provider_id, 'delivered')).status).toBe(202);
    expect((await ledger(trackId)).find((n) => n.id === sms.id)!.status).toBe('sent');
    await t.sql(`UPDATE notices SET provider_id = $2 WHERE id = $1`, [sms.id, sms.provider_id]); // our commit lands
    await t.service.worker!.reconcile();
    const after = (await ledger(trackId)).find((n) => n.id === sms.id)!;
    expect(after).toMatchObject({ status: 'delivered', provider_status: 'delivered' });
    expect(await t.sql(`SELECT 1 FROM audit_events WHERE type = 'notice.delivered' AND data->>'noticeId' = $1`, [sms.id])).toHaveLength(1);
    expect(await t.sql(`SELECT 1 FROM provider_status_inbox WHERE provider_id = $1`, [sms.provider_id])).toHaveLength(0);
  });

  test('when the SMTP server refuses for a while, then the notice is retried and sent exactly once', async () => {
    smtp.setRefusing(true);
    const { trackId, reference } = await notifyVonk();
    await waitUntil(async () => (await ledger(trackId)).filter((n) => n.channel === 'email').every((n) => n.attempts >= 1 && n.status === 'queued'));
    smtp.setRefusing(false);
    await runJobsNow(t, 'notice:');
    await waitUntil(() => settled(trackId));
    const emails = (await ledger(trackId)).filter((n) => n.channel === 'email');
    expect(emails.every((n) => n.status === 'sent' && n.attempts >= 2)).toBe(true);
    for (const n of emails) {
      expect(smtp.messages.filter((m) => m.headers['x-meldplicht-ref'] === `notices:${n.id}`)).toHaveLength(1);
      expect(smtp.messages.find((m) => m.headers['x-meldplicht-ref'] === `notices:${n.id}`)!.subject).toContain(reference);
    }
  });

  test('when the SMTP server takes the whole e-mail but the connection drops before its 250, then the e-mail is unknown, not sent again, and a person is told', async () => {
    smtp.setDroppingBeforeReply(true);
    try {
      const { trackId } = await notifyVonk();
      await waitUntil(async () => (await ledger(trackId)).filter((n) => n.channel === 'email').every((n) => !['queued', 'sending'].includes(n.status)), 20_000);
      await runJobsNow(t, 'notice:'); // a retry, if one were scheduled, would run now
      const emails = (await ledger(trackId)).filter((n) => n.channel === 'email');
      expect(emails.map((n) => [n.status, n.attempts])).toEqual([['unknown', 1], ['unknown', 1]]);
      for (const n of emails) {
        // The server has it once; the client could not know, so it must not send it again.
        expect(smtp.messages.filter((m) => m.headers['x-meldplicht-ref'] === `notices:${n.id}`)).toHaveLength(1);
      }
      const alerts = await t.sql(`SELECT DISTINCT kind FROM alerts WHERE track_id = $1`, [trackId]);
      expect(alerts).toEqual([{ kind: 'notice_unknown' }]);
    } finally {
      smtp.setDroppingBeforeReply(false);
    }
  });

  test('when Twilio answers 500 and then 429 for a while, then every SMS is retried and sent exactly once, and nobody is alerted', async () => {
    twilio.respondWith({ status: 500, times: 2 });
    twilio.respondWith({ status: 429, times: 2 });
    const requestsBefore = twilio.requestCount();
    const messagesBefore = twilio.messages.length;
    const { trackId } = await notifyVonk();
    // The backoff is minutes long in production: let it pass by moving the jobs, not the clock.
    await waitUntil(async () => {
      await runJobsNow(t, 'notice:');
      return settled(trackId);
    }, 20_000);
    const sms = (await ledger(trackId)).filter((n) => n.channel === 'sms');
    expect(sms.map((n) => n.status)).toEqual(['sent', 'sent']);
    // Four refused calls and two accepted ones, spread over the two SMS however the queue ran them.
    expect(sms.reduce((sum, n) => sum + n.attempts, 0)).toBe(6);
    expect(twilio.requestCount() - requestsBefore).toBe(6);
    // What the phones got: one SMS per contact, the one the ledger names.
    const received = twilio.messages.slice(messagesBefore);
    for (const n of sms) {
      expect(received.filter((m) => m.to === n.recipient).map((m) => m.sid)).toEqual([n.provider_id]);
    }
    expect(await t.sql(`SELECT kind FROM alerts WHERE track_id = $1`, [trackId])).toEqual([]);
  });

  test('when Twilio does not answer, then the SMS becomes unknown, is not resent, and a person is told', async () => {
    twilio.respondWith({ hang: true, times: 2 });
    const { trackId } = await notifyVonk();
    await waitUntil(() => settled(trackId), 20_000);
    const sms = (await ledger(trackId)).filter((n) => n.channel === 'sms');
    expect(sms.map((n) => [n.status, n.attempts])).toEqual([['unknown', 1], ['unknown', 1]]);
    const alerts = await t.sql(`SELECT DISTINCT kind, recipient_role FROM alerts WHERE track_id = $1 ORDER BY recipient_role`, [trackId]);
    expect(alerts).toEqual([{ kind: 'notice_unknown', recipient_role: 'handler' }, { kind: 'notice_unknown', recipient_role: 'security_officer' }]);
  });

  test('when the SMS to a contact fails and the e-mail is refused for good, then the contact\'s stand-in gets the notice', async () => {
    const { trackId } = await notifyVonk();
    await waitUntil(() => settled(trackId));
    const fg = (await ledger(trackId)).filter((n) => n.contact === 'Jesse Voorbeeldhuis');
    // The e-mail bounced for good (as a DSN would report); then Twilio reports the SMS undelivered.
    await t.sql(`UPDATE notices SET status = 'bounced' WHERE id = $1`, [fg.find((n) => n.channel === 'email')!.id]);
    const sms = fg.find((n) => n.channel === 'sms')!;
    expect((await callback(sms.provider_id, 'undelivered')).status).toBe(204);
    await waitUntil(async () => (await ledger(trackId)).filter((n) => n.reason === 'stand_in' && n.status === 'sent').length === 2);
    const standIn = (await ledger(trackId)).filter((n) => n.reason === 'stand_in');
    expect(standIn.map((n) => n.contact)).toEqual(['Lieke Proefkamp', 'Lieke Proefkamp']);
  });

  test('when Twilio refuses an SMS for good, then it is failed without retries, the e-mail still carries the notice, and a person is told', async () => {
    twilio.respondWith({ status: 400, times: 1 });
    const { trackId } = await notifyVonk();
    await waitUntil(() => settled(trackId));
    const rows = await ledger(trackId);
    const failed = rows.filter((n) => n.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ channel: 'sms', attempts: 1 });
    const sibling = rows.find((n) => n.contact_id === failed[0].contact_id && n.channel === 'email')!;
    expect(sibling.status).toBe('sent');
    expect(rows.filter((n) => n.reason !== 'notice')).toEqual([]); // the e-mail reached the contact: no stand-in needed
    const alerts = await t.sql(`SELECT kind FROM alerts WHERE track_id = $1`, [trackId]);
    expect(alerts.map((a) => a.kind)).toEqual(['notice_failed', 'notice_failed']);
  });

  test('when the proof of notice is asked for, then it lists every version, recipient, acceptance and hash, as JSON and as a printable page', async () => {
    const { trackId, reference } = await notifyVonk();
    await waitUntil(() => settled(trackId));
    const proof = await t.as(support).get(`/api/tracks/${trackId}/proof`);
    expect(proof.status).toBe(200);
    expect(proof.body).toMatchObject({ reference, controller: 'Metaalwerken De Vonk B.V.' });
    expect(proof.body.versions).toHaveLength(1);
    const [v1] = proof.body.versions;
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.deliveries).toHaveLength(4);
    for (const d of v1.deliveries) {
      expect(d).toMatchObject({ status: 'sent', providerId: expect.any(String), acceptedAt: expect.any(String), sentContentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    const page = await t.as(support).get(`/api/tracks/${trackId}/proof?format=html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(reference);
    expect(page.text).toContain(v1.contentHash);
    const other = await t.as(await t.login(USERS.dpoPolderpeil)).get(`/api/tracks/${trackId}/proof`);
    expect(other.status).toBe(404);
  });
});
