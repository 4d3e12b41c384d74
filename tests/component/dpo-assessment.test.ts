import { notifiedChildcareCase } from '../support/dpo-case';
import { startTestService, USERS, type TestService } from '../support/test-service';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';

/** Issue 5: assessment → decision → AP report → AP sheet → data-subject draft, on a real database. */
describe("the DPO's assessment, decision and AP sheet", () => {
  let t: TestService;
  let smtp: SmtpTestServer;
  let dpo: string;
  let otherDpo: string;
  let support: string;
  let c: { incidentId: string; trackId: string; reference: string };

  beforeAll(async () => {
    // The controller's 72 hours start only on a real delivery (not the outbox): a real SMTP exchange.
    smtp = await startSmtpTestServer();
    t = await startTestService({ smtpUrl: smtp.url, contract: true });
    c = await notifiedChildcareCase(t);
    dpo = await t.login(USERS.dpoZonnebloem);
    otherDpo = await t.login(USERS.dpoPolderpeil);
    support = await t.login(USERS.support);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  const criteria = {
    confidentiality: { extent: 'possible' },
    integrity: { extent: 'none' },
    availability: { extent: 'none' },
    data: { nature: 'simple', nationalId: true },
    identification: 'maximum',
    vulnerableSubjects: 'yes',
    malicious: 'yes',
    encryption: { state: 'none' },
    subjectCount: 180,
  };

  test('when the DPO opens the assessment, then the notice prefills what it answers', async () => {
    const res = await t.as(dpo).get(`/api/tracks/${c.trackId}/risk-assessment`).expect(200);
    expect(res.body.assessment).toBeNull();
    expect(res.body.prefill.criteria).toMatchObject({
      confidentiality: { extent: 'possible' }, malicious: 'yes', vulnerableSubjects: 'yes', encryption: { state: 'none' },
      data: { nationalId: true, specialCategories: false }, subjectCount: 180, recordCount: 180,
    });
  });

  test('when the DPO records the criteria, then the score, band, recommendation and reasons are computed and audited', async () => {
    const res = await t.as(dpo).post(`/api/tracks/${c.trackId}/risk-assessment`, criteria);
    expect(res.status).toBe(201);
    // DPC 1 + 1 (BSN) + 1 (children) = 3; EI 1; CB 0 + 0.5 (theft) → 3.5, high.
    expect(res.body.severity).toMatchObject({ dpc: 3, ei: 1, cb: 0.5, score: 3.5, band: 'high' });
    expect(res.body.recommendation).toMatchObject({ action: 'report_ap_and_inform_subjects', reportToAp: true, informSubjects: true, apSeverity: 'significant' });
    expect(res.body.contributions.every((x: any) => x.nl && x.en)).toBe(true);
    const audit = await t.as(support).get(`/api/incidents/${c.incidentId}/audit`);
    expect(audit.body.events.map((e: any) => e.type)).toContain('risk.assessed');
    expect(audit.body.chain.ok).toBe(true);
  });

  test('when support or another controller\'s DPO tries to assess, then 403 / 404', async () => {
    await t.as(support).post(`/api/tracks/${c.trackId}/risk-assessment`, criteria).expect(403);
    await t.as(otherDpo).post(`/api/tracks/${c.trackId}/risk-assessment`, criteria).expect(404);
    await t.as(otherDpo).get(`/api/tracks/${c.trackId}/risk-assessment`).expect(404);
    await t.as(otherDpo).get(`/api/tracks/${c.trackId}/ap-sheet`).expect(404);
  });

  test('when the criteria are wrong, then 422 names the field', async () => {
    const res = await t.as(dpo).post(`/api/tracks/${c.trackId}/risk-assessment`, { ...criteria, identification: 'total', malicious: true });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields).sort()).toEqual(['identification', 'malicious']);
    const contradictory = await t.as(dpo).post(`/api/tracks/${c.trackId}/risk-assessment`, { ...criteria, data: { nature: 'simple', specialCategories: true } });
    expect(contradictory.status).toBe(422);
    expect(contradictory.body.fields['data.nature']).toMatch(/sensitive/);
  });

  test('when the decision deviates from the recommendation without a reason, then 422 deviationReason; with one, it is stored', async () => {
    const decision = {
      reportToAp: true, apReasons: 'BSN van kinderen op een gestolen laptop', informSubjects: false,
      subjectReasons: 'Laptop binnen een uur op afstand gewist volgens MDM-log', reportedToApAt: new Date().toISOString(), apReference: 'M-2026-777001',
    };
    const missing = await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, decision);
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.fields)).toEqual(['deviationReason']);
    const claimed = await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, { ...decision, followsRecommendation: true, deviationReason: 'MDM-wissing bevestigd' });
    expect(claimed.status).toBe(422);
    expect(claimed.body.fields).toHaveProperty('followsRecommendation');

    const ok = await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, { ...decision, deviationReason: 'Wissing op afstand bevestigd: art. 34(3)(b) achteraf' });
    expect(ok.status).toBe(200);
    expect(ok.body.tracks[0]).toMatchObject({
      state: 'followUp',
      assessment: expect.objectContaining({ followsRecommendation: false, deviationReason: 'Wissing op afstand bevestigd: art. 34(3)(b) achteraf' }),
      risk: expect.objectContaining({ band: 'high' }),
      currentMeldnummer: 'M-2026-777001',
      apReports: [expect.objectContaining({ kind: 'report', meldnummer: 'M-2026-777001' })],
    });
  });

  test('when the DPO supplements, corrects and withdraws the AP report, then each is on the track with its date; rules hold', async () => {
    const at = new Date().toISOString();
    await t.as(dpo).post(`/api/tracks/${c.trackId}/ap-reports`, { kind: 'supplement', at, note: 'Aantal betrokkenen vastgesteld op 172' }).expect(201);
    const wrong = await t.as(dpo).post(`/api/tracks/${c.trackId}/ap-reports`, { kind: 'correction', at, meldnummer: 'M-1', note: 'Datum gecorrigeerd' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.fields).toHaveProperty('meldnummer');
    const noNote = await t.as(dpo).post(`/api/tracks/${c.trackId}/ap-reports`, { kind: 'withdrawal', at });
    expect(noNote.status).toBe(422);
    expect(noNote.body.fields).toHaveProperty('note');
    await t.as(dpo).post(`/api/tracks/${c.trackId}/ap-reports`, { kind: 'correction', at, note: 'Begintijd gecorrigeerd' }).expect(201);
    const view = await t.as(dpo).get(`/api/incidents/${c.incidentId}`).expect(200);
    expect(view.body.tracks[0].apReports.map((r: any) => r.kind)).toEqual(['report', 'supplement', 'correction']);
  });

  test('the AP sheet JSON has chapters 1–10 in order with every field, pre-filled, and marks the gaps', async () => {
    const res = await t.as(dpo).get(`/api/tracks/${c.trackId}/ap-sheet`).expect(200);
    const sheet = res.body;
    expect(sheet.chapters.map((ch: any) => ch.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sheet.chapters.map((ch: any) => ch.key)).toEqual(['report', 'international', 'organisation', 'timeline', 'breach', 'personalData', 'subjects', 'encryption', 'consequences', 'followUp']);
    const field = (chapter: string, key: string) => sheet.chapters.find((ch: any) => ch.key === chapter).fields.find((f: any) => f.key === key);
    for (const ch of sheet.chapters) {
      expect(ch.fields.length).toBeGreaterThan(0);
      for (const f of ch.fields) expect(f.gap).toBe(f.value === null);
    }
    expect(field('report', 'kind').value).toContain('M-2026-777001');
    expect(field('organisation', 'name').value).toBe('Kinderopvang De Zonnebloem B.V.');
    expect(field('organisation', 'kvkNumber').value).toBe('90000201');
    expect(field('organisation', 'otherOrganisations').value).toContain('Demo Verwerker B.V.');
    expect(field('timeline', 'controllerAwareAt').value).not.toBeNull();
    expect(field('breach', 'nature').value).toBe('vertrouwelijkheid – gestolen');
    expect(field('breach', 'incidentKind').value).toBe('apparaat of papieren verloren of gestolen');
    expect(field('personalData', 'categories').value).toBe('naam, adres, geboortedatum, BSN');
    expect(field('personalData', 'specialCategories').value).toBe('geen');
    expect(field('subjects', 'count').value).toBe('minimaal 120, maximaal 180');
    expect(field('subjects', 'vulnerable').value).toBe('ja');
    expect(field('encryption', 'state').value).toBe('niet versleuteld');
    expect(field('consequences', 'severity').value).toBe('aanzienlijk');
    expect(field('followUp', 'subjectsInformed').value).toBe('nee');
    expect(field('followUp', 'measuresTaken').value).toContain('op afstand geblokkeerd');
    expect(sheet.gaps).toEqual(expect.arrayContaining(['international.crossBorder', 'organisation.fgRegistrationNumber']));
    expect(sheet.history.map((h: any) => h.kind)).toEqual(['report', 'supplement', 'correction']);

    const en = await t.as(dpo).get(`/api/tracks/${c.trackId}/ap-sheet?lang=en`).expect(200);
    expect(en.body.chapters[4].title).toBe('5. The breach');
    const html = await t.as(dpo).get(`/api/tracks/${c.trackId}/ap-sheet?format=html`).expect(200);
    expect(html.type).toBe('text/html');
    expect(html.text).toContain('10. Vervolgacties');
    expect(html.text).toContain('ontbreekt – invullen');
    expect(html.text).toContain('M-2026-777001');
    await t.as(dpo).get(`/api/tracks/${c.trackId}/ap-sheet?format=pdf`).expect(422);
  });

  test('when the decision is not to inform, then no draft; once it is, the draft carries what art. 34(2) asks, nl and en', async () => {
    const refused = await t.as(dpo).get(`/api/tracks/${c.trackId}/data-subject-draft`);
    expect(refused.status).toBe(409);
    await t.as(dpo).post(`/api/tracks/${c.trackId}/assessment`, {
      reportToAp: true, apReasons: 'BSN van kinderen op een gestolen laptop', informSubjects: true, followsRecommendation: true,
      subjectReasons: 'Wissing op afstand niet te bevestigen: ouders informeren',
    }).expect(200);
    const nl = await t.as(dpo).get(`/api/tracks/${c.trackId}/data-subject-draft`).expect(200);
    expect(nl.body).toMatchObject({ language: 'nl', channel: 'individual', missing: [] });
    for (const part of ['Wat is er gebeurd?', 'Niet-versleutelde laptop', 'naam, adres, geboortedatum, BSN', 'identiteitsfraude', 'Laptop op afstand geblokkeerd', 'Schijfversleuteling', 'functionaris gegevensbescherming']) {
      expect(nl.body.text).toContain(part);
    }
    const en = await t.as(dpo).get(`/api/tracks/${c.trackId}/data-subject-draft?lang=en`).expect(200);
    expect(en.body.text).toContain('What happened?');
    expect(en.body.text).toContain('data protection officer');
  });
});
