import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { makeTimerDue } from '../support/clock';
import { controllerIdByName, startTestService, TWILIO, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/**
 * Issue 3: nobody misses a deadline silently. Warnings and escalations reach the processor's
 * people, an unacknowledged notice climbs the annex's ladder, the controller's AP clock runs.
 */
describe('warnings, escalations and clocks', () => {
  let t: TestService;
  let smtp: SmtpTestServer;
  let twilio: TwilioStandIn;
  let support: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    twilio = await startTwilioStandIn(TWILIO);
    t = await startTestService({ smtpUrl: smtp.url, twilioHttpClient: twilio.httpClient });
    support = await t.login(USERS.support);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
    await twilio?.close();
  });

  async function report(controller: string, hoursAgo: number, fields: object = {}): Promise<{ incidentId: string; trackId: string; reference: string }> {
    const res = await t.as(support).post('/api/incidents', {
      summary: 'Database-export per ongeluk gedeeld met verkeerde klant',
      discoveredAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
      controllerIds: [await controllerIdByName(t, controller)],
      fields,
    });
    expect(res.status).toBe(201);
    return { incidentId: res.body.id, trackId: res.body.tracks[0].id, reference: res.body.reference };
  }
  const mailsAbout = (reference: string) => smtp.messages.filter((m) => m.subject.includes(reference));
  const smsAbout = (reference: string) => twilio.messages.filter((m) => m.body.includes(reference));

  test('when a warning falls due, then the handler and the security officer get an e-mail naming the deadline', async () => {
    const { trackId, reference } = await report('Polderpeil', 1);
    await makeTimerDue(t, trackId, 'warning-50');
    await waitUntil(() => mailsAbout(reference).length === 2, 15_000, 'two warning mails');
    const mails = mailsAbout(reference);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['security-officer@example.nl', USERS.support].sort());
    expect(mails[0].subject).toMatch(/^Termijn loopt: datalek DL-\d{4}-\d{4} voor Ingenieursbureau Polderpeil B\.V\., uiterlijk/);
    expect(smsAbout(reference)).toEqual([]);
  });

  test('when the deadline passes, then the security officer and the director get an e-mail and an SMS, and the track shows overdue', async () => {
    const { incidentId, trackId, reference } = await report('Polderpeil', 1);
    await makeTimerDue(t, trackId, 'elapsed');
    await waitUntil(() => smsAbout(reference).length === 2 && mailsAbout(reference).length === 3, 15_000, 'overdue alerts');
    expect(smsAbout(reference).map((m) => m.to).sort()).toEqual(['+31600000002', '+31600000003']);
    expect(smsAbout(reference)[0].body).toMatch(/termijn verstreken/);
    expect(mailsAbout(reference).every((m) => m.subject.startsWith('TERMIJN VERSTREKEN'))).toBe(true);
    const view = await t.as(support).get(`/api/incidents/${incidentId}`);
    expect(view.body.tracks[0].overdue).toBe(true);
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM alerts WHERE track_id = $1 AND status = 'sent'`, [trackId]))[0].n === 5);
  });

  test('when a notice is not acknowledged in the window, then the stand-in gets it, and when the annex has nobody further, a person is told to phone', async () => {
    const { incidentId, trackId, reference } = await report('Polderpeil', 1, { measures: { taken: 'Share gesloten' } });
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200);
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND status = 'sent'`, [trackId]))[0].n === 4);

    await makeTimerDue(t, trackId, 'ack-1');
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND reason = 'stand_in' AND status = 'sent'`, [trackId]))[0].n === 2);
    const standIn = mailsAbout(reference).filter((m) => m.to.includes('polderpeil.vervanger@example.com'));
    expect(standIn).toHaveLength(1);
    expect(standIn[0].subject).toMatch(/^Melding datalek/);

    await makeTimerDue(t, trackId, 'ack-2');
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM alerts WHERE track_id = $1 AND kind = 'no_stand_in'`, [trackId]))[0].n === 2);
    const view = await t.as(support).get(`/api/incidents/${incidentId}`);
    expect(view.body.tracks[0].escalationStep).toBe(2);
    const audit = (await t.as(support).get(`/api/incidents/${incidentId}/audit`)).body.events.map((e: any) => e.type);
    expect(audit.filter((type: string) => type === 'notice.escalated')).toHaveLength(1);
  });

  test('when the contact acknowledges, then the escalation ladder stops', async () => {
    const { incidentId, trackId } = await report('Vonk', 1);
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200); // 002 notifies a suspicion
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND status = 'sent'`, [trackId]))[0].n === 4);
    const [{ recipient }] = await t.sql(`SELECT recipient FROM notices WHERE track_id = $1 AND channel = 'email' LIMIT 1`, [trackId]);
    const mail = smtp.messages.find((m) => m.to.includes(recipient) && m.headers['x-meldplicht-ref']?.startsWith('notices:'))!;
    const ackPath = /https:\/\/meldplicht\.test(\/ack\/[A-Za-z0-9._-]+)/.exec(mail.text)![1];
    await t.http.post(`/api${ackPath}`).send({}).expect(200);
    const timers = await t.sql(`SELECT name, cancelled_at FROM track_timers WHERE track_id = $1 AND name LIKE 'ack-%'`, [trackId]);
    expect(timers.every((r) => r.cancelled_at !== null)).toBe(true);
  });

  test('when the first notice is accepted, then the controller\'s 72-hour AP clock starts, and its DPO is reminded while no decision is recorded', async () => {
    const { incidentId, trackId, reference } = await report('Vonk', 1);
    // Confirmed first: a notice of a mere suspicion does not start the controller's term (EDPB 9/2022).
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200);
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND status = 'sent'`, [trackId]))[0].n === 4);
    const view = (await t.as(await t.login(USERS.dpoDeVonk)).get(`/api/incidents/${incidentId}`)).body.tracks[0];
    expect(Date.parse(view.apDeadlineAt) - Date.parse(view.controllerAwareAt)).toBe(72 * 3600_000);
    const [firstSent] = await t.sql(`SELECT min(sent_at) AS at FROM notices WHERE track_id = $1`, [trackId]);
    expect(view.controllerAwareAt).toBe(new Date(firstSent.at).toISOString());

    await makeTimerDue(t, trackId, 'ap-reminder');
    await waitUntil(() => smtp.messages.filter((m) => m.subject.startsWith('Herinnering: uw 72-uurstermijn') && m.subject.includes(reference)).length >= 2, 15_000, 'DPO reminders');
    const reminded = smtp.messages.filter((m) => m.subject.startsWith('Herinnering') && m.subject.includes(reference)).map((m) => m.to[0]).sort();
    expect(reminded).toEqual([USERS.dpoDeVonk, 'devonk.fg@example.com'].sort());
  });

  test('when the agreement asks for an automatic preliminary notice, then it goes out at its share of the term if nobody sent one', async () => {
    const vonk = await controllerIdByName(t, 'Vonk');
    await t.sql(`UPDATE agreements SET auto_notice_share = 0.5 WHERE controller_id = $1`, [vonk]);
    const { incidentId, trackId, reference } = await report('Vonk', 1);
    await t.sql(`UPDATE agreements SET auto_notice_share = NULL WHERE controller_id = $1`, [vonk]);
    await makeTimerDue(t, trackId, 'auto-notice');
    await waitUntil(() => mailsAbout(reference).some((m) => m.subject.startsWith('Voorlopige melding')), 15_000, 'preliminary notice');
    const view = (await t.as(support).get(`/api/incidents/${incidentId}`)).body.tracks[0];
    expect(view.state).toBe('notified');
    const audit = (await t.as(support).get(`/api/incidents/${incidentId}/audit`)).body.events;
    expect(audit.find((e: any) => e.type === 'track.auto_notify').actor).toEqual({ kind: 'system', name: 'deadline-timer' });
  });

  test('when the agreement says "immediately", then the notice is due at once and the warning says so', async () => {
    const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
    await t.sql(`UPDATE agreements SET deadline_hours = NULL, clock_start = 'processor_discovery' WHERE controller_id = $1`, [zonnebloem]);
    const { incidentId, reference } = await report('Zonnebloem', 2);
    await t.sql(`UPDATE agreements SET deadline_hours = 24, clock_start = 'establishment' WHERE controller_id = $1`, [zonnebloem]);
    const view = (await t.as(support).get(`/api/incidents/${incidentId}`)).body.tracks[0];
    expect(view.notifyDeadlineAt).toBe(view.clockStartedAt);
    await waitUntil(() => mailsAbout(reference).some((m) => m.subject.startsWith('Melding nu vereist')), 15_000, 'due-now warning');
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200);
  });
});
