import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from '../support/smtp-test-server';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { addEnglishController, controllerIdByName, PUBLIC_URL, startTestService, TWILIO, USERS, type TestService } from '../support/test-service';
import { PageClient } from '../support/page-client';
import { waitUntil } from '../support/wait';

/**
 * The whole mission once through (issue 2, steps 2–7), on real parts: a real SMTP server
 * receives the e-mails, the real twilio library talks to a local stand-in of its API.
 * Shared by the PostgreSQL and the embedded (PGlite) suite.
 */
const NOTICE_LABELS = {
  nl: ['Aard van de inbreuk', '(Vermoedelijke) oorzaak', 'Categorieën betrokkenen', 'Aantal betrokkenen', 'Categorieën persoonsgegevens',
    'Bijzondere persoonsgegevens', 'Aantal getroffen registers', 'Wanneer de inbreuk plaatsvond', 'Bij ons bekend geworden op',
    'Versleuteling of hashing', 'Bekende en te verwachten gevolgen', 'Genomen en voorgenomen maatregelen', 'Contactpunt voor de opvolging',
    'Wie al is geïnformeerd', 'Kenmerk', 'Termijn volgens de verwerkersovereenkomst'],
  en: ['Nature of the breach', '(Suspected) cause', 'Categories of data subjects', 'Number of data subjects', 'Categories of personal data',
    'Special categories', 'Number of records affected', 'When the breach happened', 'Became known to us on', 'Encryption or hashing',
    'Known and likely consequences', 'Measures taken and planned', 'Contact point for follow-up', 'Who has been informed already',
    'Reference', 'Deadline under the data processing agreement'],
};

export function walkingSkeletonScenario(database: 'postgres' | 'embedded'): void {
  let t: TestService;
  let smtp: SmtpTestServer;
  let twilio: TwilioStandIn;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    twilio = await startTwilioStandIn(TWILIO);
    t = await startTestService({ database, smtpUrl: smtp.url, twilioHttpClient: twilio.httpClient, contract: true });
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
    await twilio?.close();
  });

  test('when a leak is logged, notified, acknowledged, decided, supplemented and closed, then every step reaches the right people and the record', async () => {
    const support = await t.login(USERS.support);
    const polderpeil = await controllerIdByName(t, 'Polderpeil'); // 000: 24 h after it became known to us
    const zonnebloem = await controllerIdByName(t, 'Zonnebloem'); // 001: 24 h after establishing it
    const harbour = await addEnglishController(t); // an English agreement, 48 h
    const discoveredAt = new Date(Date.now() - 2 * 3600_000);
    discoveredAt.setMilliseconds(0);

    // 2. Support staff log the suspected leak with what is known; the rest explicitly not yet known.
    const reported = await t.as(support).post('/api/incidents', {
      summary: 'Export met klantgegevens op een publiek bereikbare share gevonden',
      discoveredAt: discoveredAt.toISOString(),
      discoveredBy: { kind: 'sub_processor', name: 'SmartDC Rotterdam' },
      controllerIds: [polderpeil, zonnebloem, harbour],
      fields: {
        nature: { kinds: ['confidentiality'], actions: ['read', 'copied'] },
        cause: 'Verkeerd ingestelde bestandsdeling bij de sub-verwerker',
        subjectCount: { min: 100, max: 250 },
        consequences: null,
      },
    });
    expect(reported.status).toBe(201);
    expect(reported.body.reference).toMatch(/^DL-\d{4}-\d{4}$/);
    expect(reported.body.notYetKnown).toEqual(expect.arrayContaining(['consequences', 'measures', 'dataCategories']));
    const trackOf = (body: any, controllerId: string) => body.tracks.find((tr: any) => tr.controller.id === controllerId);
    expect(trackOf(reported.body, polderpeil)).toMatchObject({
      state: 'detected',
      notifyDeadlineAt: new Date(discoveredAt.getTime() + 24 * 3600_000).toISOString(),
    });
    expect(trackOf(reported.body, zonnebloem)).toMatchObject({ state: 'detected', notifyDeadlineAt: null }); // clock starts when established
    expect(trackOf(reported.body, harbour).notifyDeadlineAt).toBe(new Date(discoveredAt.getTime() + 48 * 3600_000).toISOString());
    const incidentId = reported.body.id as string;
    const reference = reported.body.reference as string;

    // 3. Confirm, fill in a field, send the notice.
    const confirmed = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.tracks.map((tr: any) => tr.state)).toEqual(['awaitingNotice', 'awaitingNotice', 'awaitingNotice']);
    const establishedAt = Date.parse(trackOf(confirmed.body, zonnebloem).establishedAt);
    expect(Date.parse(trackOf(confirmed.body, zonnebloem).notifyDeadlineAt)).toBe(establishedAt + 24 * 3600_000);

    const edited = await t.as(support).patch(`/api/incidents/${incidentId}`, {
      fields: { measures: { taken: 'Share afgesloten, toegangslogs veiliggesteld', planned: 'Configuratiecontrole bij alle shares' } },
    });
    expect(edited.status).toBe(200);

    const notified = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' });
    expect(notified.status).toBe(200);
    expect(notified.body.tracks.every((tr: any) => tr.state === 'notified')).toBe(true);

    const recipients = await t.sql(
      `SELECT k.name, k.email, k.mobile, a.language FROM contacts k JOIN agreements a ON a.id = k.agreement_id
        WHERE a.controller_id = ANY($1::uuid[]) AND k.receives_breach_notice`,
      [[polderpeil, zonnebloem, harbour]],
    );
    const expectedSms = recipients.filter((r) => r.mobile).length;
    const mails = await smtp.waitFor(recipients.length, 15_000);
    const sms = await twilio.waitFor(expectedSms, 15_000);
    expect(mails).toHaveLength(recipients.length);
    expect(sms).toHaveLength(expectedSms);

    for (const recipient of recipients) {
      const mail = mails.find((m) => m.to.includes(recipient.email));
      expect(mail).toBeDefined();
      const lang = recipient.language as 'nl' | 'en';
      expect(mail!.subject).toContain(reference);
      for (const label of NOTICE_LABELS[lang]) {
        expect(mail!.text).toContain(label);
        expect(mail!.html).toContain(escapeHtml(label));
      }
      expect(mail!.text).toContain(lang === 'nl' ? 'nog niet bekend' : 'not yet known');
      expect(mail!.text).toContain('Share afgesloten');
      expect(mail!.text).toContain(`${PUBLIC_URL}/ack/`);
      expect(mail!.text).toContain(recipient.name);
    }
    const english = mails.find((m) => m.to.includes('dpo@harbour.example.com'))!;
    expect(english.subject).toMatch(/^Personal data breach notice/);
    expect(english.text).toContain('within 48 hours after the breach became known to us');

    // The SMS carries no personal data: no names, no addresses, nothing of the breach's content.
    const personal = [...recipients.flatMap((r) => [r.name, r.email]), 'klantgegevens', 'Verkeerd ingestelde', 'Share afgesloten'];
    for (const message of sms) {
      expect(message.body).toContain(reference);
      expect(message.body).toContain('Demo Verwerker B.V.');
      expect(message.body).toContain(`${PUBLIC_URL}/ack/`);
      for (const item of personal) expect(message.body).not.toContain(item);
    }

    // The ledger: every notice sent, with the provider's id.
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE status <> 'sent'`))[0].n === 0);
    const ledger = await t.sql(`SELECT channel, provider_id FROM notices`);
    expect(ledger).toHaveLength(recipients.length + expectedSms);
    expect(ledger.filter((n) => n.channel === 'sms').map((n) => n.provider_id).sort()).toEqual(sms.map((m) => m.sid).sort());
    expect(ledger.filter((n) => n.channel === 'email').map((n) => n.provider_id).sort()).toEqual(mails.map((m) => m.messageId).sort());

    // 4. A Polderpeil contact opens the link and acknowledges.
    const polderpeilRecipient = recipients.find((r) => r.email.includes('polderpeil'))!;
    const polderpeilMail = mails.find((m) => m.to.includes(polderpeilRecipient.email))!;
    const ackPath = ackPathFrom(polderpeilMail);
    const contact = new PageClient(t.http);
    const page = await contact.get(ackPath);
    expect(page.status).toBe(200);
    expect(page.text).toContain(reference);
    expect(page.text).toContain('Ontvangst bevestigen');
    const ack = await contact.post(ackPath, {}); // with the page's CSRF token
    expect(ack.status).toBe(200);
    expect(ack.text).toContain('Ontvangst bevestigd');
    const afterAck = await t.as(support).get(`/api/incidents/${incidentId}`);
    const polderpeilTrack = trackOf(afterAck.body, polderpeil);
    expect(polderpeilTrack.state).toBe('awaitingAssessment');
    expect(polderpeilTrack.acknowledgedAt).not.toBeNull();
    expect(polderpeilTrack.acknowledgements).toEqual([expect.objectContaining({ contact: polderpeilRecipient.name, version: 1 })]);

    // 5. Polderpeil's DPO sees only its own track and records the decision.
    const dpo = await t.login(USERS.dpoPolderpeil);
    const dpoView = await t.as(dpo).get(`/api/incidents/${incidentId}`);
    expect(dpoView.status).toBe(200);
    expect(dpoView.body.tracks.map((tr: any) => tr.controller.id)).toEqual([polderpeil]);
    const decision = await t.as(dpo).post(`/api/tracks/${polderpeilTrack.id}/assessment`, {
      reportToAp: true,
      apReasons: 'Risico voor betrokkenen niet uit te sluiten: gegevens mogelijk gekopieerd',
      informSubjects: false,
      subjectReasons: 'Geen hoog risico: geen bijzondere gegevens, share binnen een dag gesloten',
      apReference: 'M-2026-123456',
    });
    expect(decision.status).toBe(200);
    expect(decision.body.tracks[0]).toMatchObject({ state: 'followUp', assessment: expect.objectContaining({ reportToAp: true, apReference: 'M-2026-123456' }) });

    // 6. Support adds what became known, sends a supplement, closes the track.
    await t.as(support).patch(`/api/incidents/${incidentId}`, { fields: { consequences: 'Kans op phishing gericht op de betrokkenen' } }).expect(200);
    const mailsBefore = smtp.messages.length;
    const supplement = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'SUPPLEMENT', trackId: polderpeilTrack.id });
    expect(supplement.status).toBe(200);
    expect(trackOf(supplement.body, polderpeil).noticeVersion).toBe(2);
    const polderpeilRecipients = recipients.filter((r) => r.email.includes('polderpeil'));
    const supplementMails = (await smtp.waitFor(mailsBefore + polderpeilRecipients.length, 15_000)).slice(mailsBefore);
    expect(supplementMails.map((m) => m.to[0]).sort()).toEqual(polderpeilRecipients.map((r) => r.email).sort());
    expect(supplementMails[0].subject).toContain('Aanvulling 2');
    expect(supplementMails[0].text).toContain('Wat is er gewijzigd sinds de vorige versie');
    expect(supplementMails[0].text).toContain('was: nog niet bekend – nu: Kans op phishing gericht op de betrokkenen');

    // Closing needs a final notice (and the measures, on record since step 3).
    const refused = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CLOSE', trackId: polderpeilTrack.id });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/final notice/);
    const final = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'SUPPLEMENT', final: true, trackId: polderpeilTrack.id });
    expect(trackOf(final.body, polderpeil)).toMatchObject({ noticeVersion: 3, finalNoticeSent: true });
    const finalMails = await smtp.waitFor(mailsBefore + 2 * polderpeilRecipients.length, 15_000);
    expect(finalMails.at(-1)!.subject).toContain('Eindmelding 3');
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE status NOT IN ('sent', 'delivered')`))[0].n === 0);
    const closed = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CLOSE', trackId: polderpeilTrack.id });
    expect(closed.status).toBe(200);
    expect(trackOf(closed.body, polderpeil).state).toBe('closed');
    expect(closed.body.status).toBe('open'); // the other controllers' tracks are still open

    // 7. The audit trail holds every step, in order, with an intact hash chain.
    const audit = await t.as(support).get(`/api/incidents/${incidentId}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.chain).toEqual({ ok: true, events: audit.body.events.length });
    const types: string[] = audit.body.events.map((e: any) => e.type);
    expect(types.slice(0, 4)).toEqual(['incident.reported', 'track.opened', 'track.opened', 'track.opened']);
    for (const type of ['track.confirm', 'incident.updated', 'track.notify', 'notice.queued', 'notice.sent', 'track.acknowledge', 'track.assess', 'track.supplement', 'track.close']) {
      expect(types).toContain(type);
    }
    expect(types.indexOf('track.confirm')).toBeLessThan(types.indexOf('track.notify'));
    expect(types.indexOf('track.acknowledge')).toBeLessThan(types.indexOf('track.assess'));
    expect(types.lastIndexOf('track.close')).toBe(types.length - 1);
    const seqs = audit.body.events.map((e: any) => e.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
  });
}

export function ackPathFrom(mail: ReceivedMail): string {
  const match = /https:\/\/meldplicht\.test(\/ack\/[A-Za-z0-9._-]+)/.exec(mail.text);
  if (!match) throw new Error('no acknowledgement link in the mail');
  return match[1];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}
