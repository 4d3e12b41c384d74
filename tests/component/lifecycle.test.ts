import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { waitUntil } from '../support/wait';
import { PageClient } from '../support/page-client';
import { notifiedChildcareCase } from '../support/dpo-case';

/*
 * Issue 12: the whole case as the processor's team runs it, through the API on a real
 * PostgreSQL and a real SMTP exchange: a notified suspicion confirmed or retracted, a
 * dismissal undone, corrections before and after notice, a decision revised, the preview
 * equal to what is sent, incident-wide actions all or nothing.
 */
describe('the whole lifecycle of a track', () => {
  let t: TestService;
  let smtp: SmtpTestServer;
  let support: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await startTestService({ smtpUrl: smtp.url });
    support = await t.login(USERS.support);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  async function report(controllers: string[], hoursAgo: number, fields: object = {}) {
    const controllerIds = await Promise.all(controllers.map((c) => controllerIdByName(t, c)));
    const res = await t.as(support).post('/api/incidents', {
      summary: 'Gedeelde map met klantgegevens stond openbaar', discoveredAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(), controllerIds, fields,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string; tracks: Array<{ id: string }> };
  }
  const event = (id: string, body: object) => t.as(support).post(`/api/incidents/${id}/events`, body);
  const track = async (id: string, i = 0) => (await t.as(support).get(`/api/incidents/${id}`)).body.tracks[i];
  const sentCount = async (trackId: string, version: number) =>
    (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND version = $2 AND status IN ('sent', 'delivered')`, [trackId, version]))[0].n;

  test('when a notified suspicion is confirmed, then a supplement says so, establishedAt is recorded, and only then the controller\'s 72 hours start', async () => {
    // Arrange: De Vonk's agreement wants suspicions notified.
    const incident = await report(['Vonk'], 1);
    const trackId = incident.tracks[0].id;
    await event(incident.id, { type: 'NOTIFY' }).expect(200);
    await waitUntil(async () => (await sentCount(trackId, 1)) > 0, 15_000, 'the suspicion notice');
    expect((await track(incident.id)).controllerAwareAt).toBeNull();
    await waitUntil(() => smtp.messages.some((m) => m.subject.includes(incident.reference)), 15_000, 'the suspicion mail');
    const suspicionMail = smtp.messages.find((m) => m.subject.includes(incident.reference))!;
    // The notice of a mere suspicion says when the controller's term starts (EDPB 9/2022).
    expect(suspicionMail.text).toMatch(/72 uur voor de Autoriteit Persoonsgegevens pas|72-hour term for the Dutch DPA starts once/);
    // Act
    const confirmed = await event(incident.id, { type: 'CONFIRM', trackId }).expect(200);
    // Assert
    expect(confirmed.body.tracks[0]).toMatchObject({ state: 'notified', suspicion: false, noticeVersion: 2 });
    expect(confirmed.body.tracks[0].establishedAt).not.toBeNull();
    await waitUntil(async () => (await track(incident.id)).controllerAwareAt !== null, 15_000, 'the confirmation to be accepted');
    expect(smtp.messages.some((m) => m.subject.startsWith('Bevestiging datalek') && m.subject.includes(incident.reference))).toBe(true);
    const again = await event(incident.id, { type: 'CONFIRM', trackId });
    expect(again.status).toBe(409);
    expect(again.body.message).not.toMatch(/[A-Z]{4,}_[A-Z]+|ACKNOWLEDGE|SUPPLEMENT/);
  });

  test('when a notified suspicion turns out to be no breach, then everyone notified gets a retraction and the track closes with the reason, still in the register', async () => {
    const incident = await report(['Vonk'], 1);
    const trackId = incident.tracks[0].id;
    await event(incident.id, { type: 'NOTIFY' }).expect(200);
    const first = await t.sql(`SELECT DISTINCT contact_id FROM notices WHERE track_id = $1 AND version = 1`, [trackId]);
    const res = await event(incident.id, { type: 'RETRACT', trackId, reason: 'Alleen testgegevens, geen persoonsgegevens' }).expect(200);
    expect(res.body.tracks[0]).toMatchObject({ state: 'closed', retractReason: 'Alleen testgegevens, geen persoonsgegevens' });
    const second = await t.sql(`SELECT DISTINCT contact_id FROM notices WHERE track_id = $1 AND version = 2`, [trackId]);
    expect(second.map((r) => r.contact_id).sort()).toEqual(first.map((r) => r.contact_id).sort());
    await waitUntil(() => smtp.messages.some((m) => m.subject.startsWith('Intrekking') && m.subject.includes(incident.reference)), 15_000, 'the retraction');
    expect(res.body.status).toBe('closed');
    expect((await t.sql(`SELECT count(*)::int AS n FROM tracks WHERE id = $1`, [trackId]))[0].n).toBe(1);
  });

  test('when a dismissal is undone with a reason, then the track is open again with its deadline recomputed and the reopening on record; without a reason or after the period it is refused', async () => {
    const incident = await report(['Polderpeil'], 2);
    const trackId = incident.tracks[0].id;
    await event(incident.id, { type: 'DISMISS', reason: 'Geen persoonsgegevens' }).expect(200);
    expect((await event(incident.id, { type: 'REOPEN', trackId, reason: '' })).status).toBe(422);
    const reopened = await event(incident.id, { type: 'REOPEN', trackId, reason: 'Toch wel klantgegevens' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open' });
    expect(reopened.body.tracks[0]).toMatchObject({ state: 'triage', reopenReason: 'Toch wel klantgegevens', dismissReason: null });
    const timers = await t.sql(`SELECT name FROM track_timers WHERE track_id = $1 AND cancelled_at IS NULL AND applied_at IS NULL`, [trackId]);
    expect(timers.map((r) => r.name)).toContain('elapsed');
    // Dismissed longer ago than the period (30 days by default): refused, nothing changes.
    await event(incident.id, { type: 'DISMISS', reason: 'Nu echt geen datalek' }).expect(200);
    await t.sql(`UPDATE tracks SET closed_at = now() - interval '31 days' WHERE id = $1`, [trackId]);
    const late = await event(incident.id, { type: 'REOPEN', trackId, reason: 'Te laat' });
    expect(late.status).toBe(409);
    expect((await track(incident.id)).state).toBe('dismissed');
  });

  test('when the discovery time is corrected before notice, then the deadline and the overdue mark follow: no late reason for a deadline still ahead', async () => {
    const incident = await report(['Polderpeil'], 30);
    await event(incident.id, { type: 'CONFIRM' }).expect(200);
    expect((await track(incident.id)).overdue).toBe(true);
    const corrected = await t.as(support).patch(`/api/incidents/${incident.id}`).send({ discoveredAt: new Date(Date.now() - 2 * 3600_000).toISOString() });
    expect(corrected.status).toBe(200);
    const after = await track(incident.id);
    expect(after.overdue).toBe(false);
    expect(Date.parse(after.notifyDeadlineAt)).toBeGreaterThan(Date.now());
    await event(incident.id, { type: 'NOTIFY' }).expect(200);
    const audit = (await t.as(support).get(`/api/incidents/${incident.id}/audit`)).body.events.find((e: any) => e.type === 'track.deadline_moved');
    expect(audit.data).toMatchObject({ overdueFrom: true, overdueTo: false, afterNotice: false });
  });

  test('when the discovery time is corrected after notice, then the correction is recorded as such and the late/on-time verdict follows the corrected facts', async () => {
    const incident = await report(['Polderpeil'], 2);
    await event(incident.id, { type: 'CONFIRM' }).expect(200);
    await event(incident.id, { type: 'NOTIFY' }).expect(200);
    expect((await track(incident.id)).overdue).toBe(false);
    await t.as(support).patch(`/api/incidents/${incident.id}`).send({ discoveredAt: new Date(Date.now() - 40 * 3600_000).toISOString() }).expect(200);
    const after = await track(incident.id);
    expect(after).toMatchObject({ state: 'notified', overdue: true });
    const audit = (await t.as(support).get(`/api/incidents/${incident.id}/audit`)).body.events.find((e: any) => e.type === 'track.deadline_moved');
    expect(audit.data).toMatchObject({ afterNotice: true, overdueFrom: false, overdueTo: true });
    expect(Date.parse(audit.data.deadlineTo)).toBeLessThan(Date.parse(audit.data.deadlineFrom));
  });

  test('when the preview is compared with what is sent, then subject, text and html are the same byte for byte (the link aside)', async () => {
    const incident = await report(['Polderpeil'], 1, { cause: 'Verkeerde rechten op een map' });
    const trackId = incident.tracks[0].id;
    await event(incident.id, { type: 'CONFIRM' }).expect(200);
    const browser = new PageClient(t.http);
    await browser.login(USERS.support);
    const page = await browser.get(`/incidents/${incident.id}/tracks/${trackId}/notice`);
    expect(page.status).toBe(200);
    const [{ recipient, contact_id }] = await t.sql(`SELECT c.email AS recipient, c.id AS contact_id FROM contacts c JOIN tracks tr ON tr.agreement_id = c.agreement_id WHERE tr.id = $1 AND c.receives_breach_notice ORDER BY c.name LIMIT 1`, [trackId]);
    const previewHtml = (await browser.get(`/incidents/${incident.id}/tracks/${trackId}/notice/email/${contact_id}`)).text;
    await event(incident.id, { type: 'NOTIFY', trackId }).expect(200);
    await waitUntil(() => smtp.messages.some((m) => m.to.includes(recipient) && m.subject.includes(incident.reference)), 15_000, 'the notice');
    const sent = smtp.messages.find((m) => m.to.includes(recipient) && m.subject.includes(incident.reference))!;
    const unlink = (s: string) => s.replace(/\/ack\/[^\s"<]+/g, '/ack/LINK');
    expect(unlink(sent.html!.trim())).toBe(unlink(previewHtml.trim()));
    expect(page.text).toContain(sent.subject.replace(/&/g, '&amp;'));
  });

  test('when the DPO decides a second time, then it is a revision: the first stays on record and the AP report keeps its date; an AP date before awareness is refused naming the field', async () => {
    const c = await notifiedChildcareCase(t);
    const dpo = await t.login(USERS.dpoZonnebloem);
    const [{ controller_aware_at: aware }] = await t.sql(`SELECT controller_aware_at FROM tracks WHERE id = $1`, [c.trackId]);
    const decision = { reportToAp: true, apReasons: 'Kinderen, BSN', informSubjects: false, subjectReasons: 'Nog in onderzoek' };
    const before = await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, { ...decision, apReference: 'M-2026-1', reportedToApAt: new Date(new Date(aware).getTime() - 3600_000).toISOString() });
    expect(before.status).toBe(422);
    expect(before.body.fields).toHaveProperty('reportedToApAt');
    const reportedAt = new Date().toISOString(); // after the controller became aware, moments ago
    await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, { ...decision, apReference: 'M-2026-1', reportedToApAt: reportedAt, apLateReason: 'Weekend' }).expect(200);
    // Act: the revision says nothing about the AP report.
    const revised = await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, { ...decision, informSubjects: true, subjectReasons: 'Hoog risico voor kinderen' });
    // Assert
    expect(revised.status).toBe(200);
    const rows = await t.sql(`SELECT revision, inform_subjects, ap_reference, reported_to_ap_at, ap_late_reason FROM assessments WHERE track_id = $1 ORDER BY revision`, [c.trackId]);
    expect(rows.map((r) => [r.revision, r.inform_subjects, r.ap_reference, new Date(r.reported_to_ap_at).toISOString(), r.ap_late_reason])).toEqual([
      [1, false, 'M-2026-1', reportedAt, 'Weekend'], [2, true, 'M-2026-1', reportedAt, 'Weekend'],
    ]);
    const reports = await t.sql(`SELECT kind, meldnummer, done_at FROM ap_reports WHERE track_id = $1`, [c.trackId]);
    expect(reports.map((r) => [r.kind, r.meldnummer, new Date(r.done_at).toISOString()])).toEqual([['report', 'M-2026-1', reportedAt]]);
    const otherDate = await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, { ...decision, reportedToApAt: new Date(Date.now() + 60_000).toISOString() });
    expect(otherDate.status).toBe(422);
    expect(otherDate.body.fields).toHaveProperty('reportedToApAt');
  });

  test('when an incident-wide action names tracks one of which refuses, then nothing is applied and the refusal names that controller', async () => {
    const incident = await report(['Polderpeil', 'Zonnebloem'], 1);
    const [a, b] = incident.tracks.map((tr) => tr.id);
    await event(incident.id, { type: 'CONFIRM', trackId: a }).expect(200);
    await event(incident.id, { type: 'NOTIFY', trackId: a }).expect(200);
    const res = await event(incident.id, { type: 'CONFIRM', trackIds: [a, b] });
    expect(res.status).toBe(409);
    expect(Object.keys(res.body.fields)).toEqual(['trackIds.0']);
    expect((await track(incident.id, 1)).state).toBe('detected');
    const both = await event(incident.id, { type: 'CONFIRM', trackIds: [b] }).expect(200);
    expect(both.body.tracks.map((tr: any) => tr.state).sort()).toEqual(['awaitingNotice', 'notified']);
  });
});

describe('a delivery that only landed in the outbox', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t?.stop());

  test('when no SMTP is configured, then the notice lands in the outbox but the controller\'s 72-hour clock does not start', async () => {
    const support = await t.login(USERS.support);
    const res = await t.as(support).post('/api/incidents', {
      summary: 'Verloren USB-stick', discoveredAt: new Date(Date.now() - 3600_000).toISOString(), controllerIds: [await controllerIdByName(t, 'Polderpeil')],
    });
    await t.as(support).post(`/api/incidents/${res.body.id}/events`, { type: 'CONFIRM' }).expect(200);
    await t.as(support).post(`/api/incidents/${res.body.id}/events`, { type: 'NOTIFY' }).expect(200);
    const trackId = res.body.tracks[0].id;
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND status = 'sent'`, [trackId]))[0].n > 0, 15_000, 'the outbox copy');
    const [row] = await t.sql(`SELECT controller_aware_at, ap_deadline_at FROM tracks WHERE id = $1`, [trackId]);
    expect(row).toEqual({ controller_aware_at: null, ap_deadline_at: null });
    expect(await t.sql(`SELECT name FROM track_timers WHERE track_id = $1 AND name = 'ap-reminder'`, [trackId])).toEqual([]);
  });
});
