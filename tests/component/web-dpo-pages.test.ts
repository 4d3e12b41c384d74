import { isoToLocal } from '../../src/http/web/forms/local-time';
import { notifiedChildcareCase } from '../support/dpo-case';
import { PageClient } from '../support/page-client';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';

/**
 * Issue 5's pages on real parts: the DPO's risk assessment (prefill, score, band,
 * recommendation, why), the decision against it (reason required, error next to the field,
 * nothing written), the AP follow-up, the AP sheet and draft, the register with its filters;
 * tenancy (404) and CSRF (403) on every new form.
 */
let t: TestService;
let smtp: SmtpTestServer;
let c: { incidentId: string; trackId: string; reference: string };
let zonnebloem: string;
let polderpeilRef: string;
const count = async (sql: string, params: unknown[] = []) => (await t.sql(sql, params))[0].n as number;
const risks = () => count(`SELECT count(*)::int AS n FROM risk_assessments WHERE track_id = $1`, [c.trackId]);
const decisions = () => count(`SELECT count(*)::int AS n FROM assessments WHERE track_id = $1`, [c.trackId]);
/** Handlebars escapes = ' ` as entities; a browser reads them back. */
const decoded = (text: string) => text.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&#x60;/g, '`').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const apReports = () => count(`SELECT count(*)::int AS n FROM ap_reports WHERE track_id = $1`, [c.trackId]);

beforeAll(async () => {
  // The controller's 72 hours start only on a real delivery (not the outbox): a real SMTP exchange.
    smtp = await startSmtpTestServer();
    t = await startTestService({ smtpUrl: smtp.url });
  c = await notifiedChildcareCase(t);
  zonnebloem = await controllerIdByName(t, 'Zonnebloem');
  // A Polderpeil suspicion, dismissed: in the register too, and not Zonnebloem's.
  const support = await t.login(USERS.support);
  const polderpeil = await controllerIdByName(t, 'Polderpeil');
  const suspicion = await t.as(support).post('/api/incidents', { summary: 'Verdachte inlogpoging op het beheerportaal', discoveredAt: new Date().toISOString(), controllerIds: [polderpeil] });
  polderpeilRef = suspicion.body.reference;
  await t.as(support).post(`/api/incidents/${suspicion.body.id}/events`, { type: 'DISMISS', reason: 'Geblokkeerd door MFA, geen toegang' }).expect(200);
});
afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

const dpoPage = async (lang = 'nl') => {
  const p = new PageClient(t.http, lang);
  await p.login(USERS.dpoZonnebloem);
  return p;
};

/** The childcare case as the notice has it, plus the one answer the notice cannot give. */
const riskForm = {
  confidentiality_extent: 'possible', confidentiality_recipient: 'none', confidentiality_returnedOrDeleted: 'no',
  integrity_extent: 'none', availability_extent: 'none', availability_backupAvailable: 'unknown',
  data_nature: 'simple', data_flags: ['nationalId'], subjectCount: '180', recordCount: '180',
  identification: 'maximum', vulnerableSubjects: 'yes', malicious: 'yes', encryption_state: 'none', encryption_keyCompromised: 'no',
};
const decisionForm = {
  reportToAp: 'yes', apReasons: 'BSN van kinderen op een gestolen laptop', informSubjects: 'no',
  subjectReasons: 'Laptop binnen een uur op afstand gewist volgens het MDM-log',
};

describe('the risk assessment page', () => {
  test('the form asks every criterion in fieldsets, prefilled from the notice and marked so (nl and en)', async () => {
    const p = await dpoPage();
    const res = await p.get(`/tracks/${c.trackId}/risk-assessment`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Uit de melding');
    for (const name of ['confidentiality_extent', 'confidentiality_recipient', 'integrity_extent', 'availability_extent', 'availability_backupAvailable',
      'data_nature', 'data_flags', 'identification', 'vulnerableSubjects', 'malicious', 'encryption_state', 'encryption_keyCompromised', 'exemptions']) {
      expect(res.text).toContain(`name="${name}"`);
    }
    expect(res.text).toMatch(/<fieldset class="risk-group" id="g-confidentiality">\s*<legend>/);
    expect(res.text).toMatch(/name="vulnerableSubjects" value="yes" checked/);
    expect(res.text).toMatch(/name="malicious" value="yes" checked/);
    expect(res.text).toMatch(/name="data_flags" value="nationalId" checked/);
    expect(res.text).toContain('name="subjectCount" type="number" value="180"');
    expect(res.text).not.toMatch(/name="identification" value="[a-z]+" checked/); // the notice does not say
    expect(res.text).not.toContain('<script>');
    const en = await dpoPage('en');
    const english = await en.get(`/tracks/${c.trackId}/risk-assessment`);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('From the notice');
  });

  test('when answers are missing, then the form comes back with errors next to them, input kept, and nothing is stored', async () => {
    const p = await dpoPage();
    await p.get(`/tracks/${c.trackId}/risk-assessment`);
    const { identification: _i, malicious: _m, ...partial } = riskForm;
    const res = await p.post(`/tracks/${c.trackId}/risk-assessment`, { ...partial, subjectCount: 'veel' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-identification-error"');
    expect(res.text).toContain('id="f-malicious-error"');
    expect(res.text).toMatch(/id="f-subjectCount-error">Deze waarde klopt niet/);
    expect(res.text).toContain('value="veel"');
    expect(res.text).toMatch(/name="vulnerableSubjects" value="yes" checked/);
    expect(await risks()).toBe(0);
  });

  test('when the DPO submits the criteria, then the page shows the ENISA score, its band, the recommendation and each factor in words', async () => {
    const p = await dpoPage();
    await p.get(`/tracks/${c.trackId}/risk-assessment`);
    const res = await p.post(`/tracks/${c.trackId}/risk-assessment`, riskForm);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/tracks/${c.trackId}/risk-assessment#result`);
    expect(await risks()).toBe(1);
    const page = await p.get(res.headers.location);
    expect(page.status).toBe(200);
    // DPC 1 + 1 (BSN) + 1 (children) = 3; EI 1; CB 0.5 (theft) → 3.5, high.
    expect(page.text).toContain('<strong class="score">3,5</strong>');
    expect(decoded(page.text)).toContain('ernst = DPC × EI + CB = 3 × 1 + 0,5');
    expect(page.text).toMatch(/<strong>hoog<\/strong>/);
    expect(page.text).toContain('melden bij de AP en de betrokkenen informeren');
    expect(page.text).toContain('BSN of ander identificatienummer: identiteitsfraude mogelijk, +1.');
    expect(page.text).toContain('Kwade opzet (bv. hack, diefstal): +0,5.');
    expect(page.text).toContain(`href="/tracks/${c.trackId}/assessment"`);
    expect(page.text).toContain('laatste beoordeling'); // the form now shows what was recorded
    expect(page.text).toMatch(/name="identification" value="maximum" checked/);
  });
});

describe('the decision page', () => {
  test('shows the latest recommendation and asks for a reason to deviate', async () => {
    const p = await dpoPage();
    const res = await p.get(`/tracks/${c.trackId}/assessment`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Advies uit de risicobeoordeling');
    expect(res.text).toContain('melden bij de AP: ja; betrokkenen informeren: ja');
    expect(res.text).toContain('name="deviationReason"');
  });

  test('when the DPO decides against the recommendation without a reason, then the error is next to the field, input kept, nothing stored', async () => {
    const p = await dpoPage();
    await p.get(`/tracks/${c.trackId}/assessment`);
    const res = await p.post(`/tracks/${c.trackId}/assessment`, decisionForm);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-deviationReason-error">Uw besluit wijkt af van het advies/);
    expect(res.text).toContain('BSN van kinderen op een gestolen laptop');
    expect(res.text).toMatch(/name="informSubjects" value="no" checked/);
    expect(await decisions()).toBe(0);
    expect((await t.sql(`SELECT state FROM tracks WHERE id = $1`, [c.trackId]))[0].state).not.toBe('followUp');
  });

  test('with a reason, the deviating decision is stored and shown on the track', async () => {
    const p = await dpoPage();
    await p.get(`/tracks/${c.trackId}/assessment`);
    const res = await p.post(`/tracks/${c.trackId}/assessment`, { ...decisionForm, deviationReason: 'Wissing op afstand bevestigd: art. 34(3)(b) achteraf' });
    expect(res.status).toBe(303);
    const [row] = await t.sql(`SELECT follows_recommendation, deviation_reason, risk_assessment_id FROM assessments WHERE track_id = $1`, [c.trackId]);
    expect(row).toMatchObject({ follows_recommendation: false, deviation_reason: 'Wissing op afstand bevestigd: art. 34(3)(b) achteraf' });
    expect(row.risk_assessment_id).not.toBeNull();
    const incident = await p.get(`/incidents/${c.incidentId}`);
    expect(incident.text).toContain('Wijkt af van het advies: Wissing op afstand bevestigd');
    expect(incident.text).toContain('ENISA-indicator 3,5 (hoog)');
    expect(incident.text).toContain(`href="/tracks/${c.trackId}/ap-sheet"`);
    expect(incident.text).not.toContain(`href="/tracks/${c.trackId}/data-subject-draft"`); // not informing
  });
});

describe('the AP follow-up, the AP sheet and the draft', () => {
  const now = () => isoToLocal(new Date().toISOString());

  test('the DPO records the report, a supplement and a withdrawal with dates; a follow-up without its note is refused next to the field', async () => {
    const p = await dpoPage();
    await p.get(`/tracks/${c.trackId}/assessment`);
    const reported = await p.post(`/tracks/${c.trackId}/ap-reports`, { apKind: 'report', apMeldnummer: 'M-2026-555001', apAt: now() });
    expect(reported.status).toBe(303);
    expect(reported.headers.location).toBe(`/tracks/${c.trackId}/assessment#ap-follow-up`);

    await p.get(`/tracks/${c.trackId}/assessment`);
    const noNote = await p.post(`/tracks/${c.trackId}/ap-reports`, { apKind: 'supplement', apAt: now() });
    expect(noNote.status).toBe(422);
    expect(noNote.text).toMatch(/id="f-apNote-error">Vul dit in\./);
    expect(noNote.text).toMatch(/name="apKind" value="supplement" checked/);
    const wrongNumber = await p.post(`/tracks/${c.trackId}/ap-reports`, { apKind: 'correction', apMeldnummer: 'M-1', apAt: now(), apNote: 'Datum gecorrigeerd' });
    expect(wrongNumber.status).toBe(409);
    expect(wrongNumber.text).toContain('id="f-apMeldnummer-error"');
    expect(await apReports()).toBe(1);

    expect((await p.post(`/tracks/${c.trackId}/ap-reports`, { apKind: 'supplement', apAt: now(), apNote: 'Aantal betrokkenen vastgesteld op 172' })).status).toBe(303);
    // The AP date lies between the controller's awareness and now (issue 12); entered in Amsterdam wall-clock time.
    const withdrawnAt = now();
    expect((await p.post(`/tracks/${c.trackId}/ap-reports`, { apKind: 'withdrawal', apAt: withdrawnAt, apNote: 'Toch geen datalek: laptop teruggevonden' })).status).toBe(303);
    const rows = await t.sql(`SELECT kind, meldnummer, done_at FROM ap_reports WHERE track_id = $1 ORDER BY recorded_at, id`, [c.trackId]);
    expect(rows.map((r) => r.kind)).toEqual(['report', 'supplement', 'withdrawal']);
    expect(isoToLocal(new Date(rows[2].done_at).toISOString())).toBe(withdrawnAt); // Amsterdam wall-clock time, round trip

    const decision = await p.get(`/tracks/${c.trackId}/assessment`);
    expect(decision.text).toContain('Aantal betrokkenen vastgesteld op 172');
    expect(decision.text).toContain('ingetrokken');
    const incident = await p.get(`/incidents/${c.incidentId}`);
    expect(incident.text).toContain('Geschiedenis van de melding bij de AP');
    expect(incident.text).toContain('M-2026-555001');
    expect(incident.text).toContain('Toch geen datalek: laptop teruggevonden');
    const register = await t.as(await t.login(USERS.dpoZonnebloem)).get(`/api/register?controllerId=${zonnebloem}`);
    const entry = register.body.entries.find((e: any) => e.trackId === c.trackId);
    expect(entry).toMatchObject({ apMeldnummer: 'M-2026-555001', apWithdrawnAt: new Date(rows[2].done_at).toISOString() });
  });

  test('the AP sheet page shows the chapters and the history; English labels on request', async () => {
    const p = await dpoPage();
    const sheet = await p.get(`/tracks/${c.trackId}/ap-sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.text).toContain('Meldformulier AP');
    expect(sheet.text).toContain('M-2026-555001');
    expect(decoded(sheet.text)).toContain(`href="/tracks/${c.trackId}/ap-sheet?lang=en"`);
    const english = await p.get(`/tracks/${c.trackId}/ap-sheet?lang=en`);
    expect(english.text).toContain('AP report form');
    expect((await p.get(`/tracks/${c.trackId}/ap-sheet?lang=fr`)).status).toBe(422);
  });

  test('when the decision is to inform, the track links to the data-subject draft, in nl and en', async () => {
    const p = await dpoPage();
    await p.get(`/tracks/${c.trackId}/assessment`);
    const res = await p.post(`/tracks/${c.trackId}/assessment`, { ...decisionForm, informSubjects: 'yes', subjectReasons: 'Hoog risico: ouders informeren' });
    expect(res.status).toBe(303);
    const decision = await p.get(`/tracks/${c.trackId}/assessment`);
    expect(decision.text).toContain(`href="/tracks/${c.trackId}/data-subject-draft"`);
    expect(decision.text).toContain('Volgt het advies.');
    const draft = await p.get(`/tracks/${c.trackId}/data-subject-draft`);
    expect(draft.status).toBe(200);
    expect(draft.text).toContain('Kinderopvang De Zonnebloem');
    expect(draft.text).toContain('<pre class="message-text draft-text" lang="nl">');
    const english = await p.get(`/tracks/${c.trackId}/data-subject-draft?lang=en`);
    expect(english.text).toContain('lang="en"');
    expect(english.text).toContain('Important: a breach involving your personal data');
  });
});

describe('the register page', () => {
  test('support filters by controller: the right rows, the select kept, and exports with the same filter', async () => {
    const p = new PageClient(t.http);
    await p.login(USERS.support);
    const all = await p.get('/register');
    expect(all.status).toBe(200);
    expect(all.text).toContain('href="/register" aria-current="page"');
    expect(all.text).toContain(c.reference);
    expect(all.text).toContain(polderpeilRef);
    const filtered = await p.get(`/register?controllerId=${zonnebloem}&state=&from=&to=`);
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain(c.reference);
    expect(filtered.text).not.toContain(polderpeilRef);
    expect(filtered.text).toContain(`value="${zonnebloem}" selected`);
    expect(filtered.text).toContain('Betrokkenen: Hoog risico: ouders informeren');
    expect(decoded(filtered.text)).toContain(`href="/register.csv?controllerId=${zonnebloem}"`);
    expect(decoded(filtered.text)).toContain(`href="/register.json?controllerId=${zonnebloem}"`);
    const csv = await p.get(`/register.csv?controllerId=${zonnebloem}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv');
    expect(csv.text).toContain(c.reference);
    expect(csv.text).not.toContain(polderpeilRef);
    const dismissed = await p.get('/register?state=dismissed');
    expect(dismissed.text).toContain('Geen datalek: Geblokkeerd door MFA, geen toegang');
    expect(dismissed.text).not.toContain(c.reference);
  });

  test('a wrong filter comes back next to its field', async () => {
    const p = new PageClient(t.http);
    await p.login(USERS.support);
    const res = await p.get('/register?from=gisteren');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-from-error"');
    expect(res.text).toContain('value="gisteren"');
  });

  test("a controller-side user sees only its own entries, also when it asks for another controller's", async () => {
    const p = new PageClient(t.http);
    await p.login(USERS.dpoPolderpeil);
    const own = await p.get('/register');
    expect(own.status).toBe(200);
    // Its own suspicion was dismissed without a notice: never the controller's to see.
    expect(own.text).not.toContain(polderpeilRef);
    expect(own.text).not.toContain(c.reference);
    expect(own.text).not.toContain('name="controllerId"');
    const other = await p.get(`/register?controllerId=${zonnebloem}`);
    expect(other.text).not.toContain(c.reference);
    const json = await p.get(`/register.json?controllerId=${zonnebloem}`);
    expect(JSON.parse(json.text)).toEqual([]);
    const contact = new PageClient(t.http);
    await contact.login(USERS.controllerPolderpeil);
    const contactView = await contact.get('/register');
    expect(contactView.status).toBe(200);
    expect(contactView.text).not.toContain(c.reference);
    // Zonnebloem's DPO was notified of its case: there it is.
    const notified = new PageClient(t.http);
    await notified.login(USERS.dpoZonnebloem);
    const theirs = await notified.get('/register');
    expect(theirs.text).toContain(c.reference);
    expect(theirs.text).not.toContain(polderpeilRef);
  });
});

describe('tenancy and CSRF on the new pages', () => {
  test("another controller's DPO gets 404 on every page of the track; support may not assess", async () => {
    const other = new PageClient(t.http);
    await other.login(USERS.dpoPolderpeil);
    for (const path of ['risk-assessment', 'assessment', 'ap-sheet', 'data-subject-draft']) {
      const res = await other.get(`/tracks/${c.trackId}/${path}`);
      expect(res.status).toBe(404);
      expect(res.type).toBe('text/html');
    }
    await other.get('/dashboard');
    const before = await risks();
    expect((await other.post(`/tracks/${c.trackId}/risk-assessment`, riskForm)).status).toBe(404);
    expect((await other.post(`/tracks/${c.trackId}/ap-reports`, { apKind: 'supplement', apAt: '2026-01-20T10:15', apNote: 'Van een ander' })).status).toBe(404);
    expect(await risks()).toBe(before);
    const support = new PageClient(t.http);
    await support.login(USERS.support);
    expect((await support.get(`/tracks/${c.trackId}/risk-assessment`)).status).toBe(403);
  });

  test('a form posted without its CSRF token is refused with 403 and nothing is written', async () => {
    const p = await dpoPage();
    await p.get(`/tracks/${c.trackId}/risk-assessment`);
    const [r0, d0, a0] = [await risks(), await decisions(), await apReports()];
    const risk = await p.post(`/tracks/${c.trackId}/risk-assessment`, riskForm, { csrf: null });
    const decision = await p.post(`/tracks/${c.trackId}/assessment`, { ...decisionForm, deviationReason: 'Zonder token' }, { csrf: null });
    const followUp = await p.post(`/tracks/${c.trackId}/ap-reports`, { apKind: 'supplement', apAt: '2026-01-20T10:15', apNote: 'Zonder token' }, { csrf: null });
    for (const res of [risk, decision, followUp]) {
      expect(res.status).toBe(403);
      expect(res.text).toContain('Formulier verlopen');
    }
    expect([await risks(), await decisions(), await apReports()]).toEqual([r0, d0, a0]);
  });
});
