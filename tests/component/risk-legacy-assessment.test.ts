import { notifiedChildcareCase } from '../support/dpo-case';
import { PageClient } from '../support/page-client';
import { startTestService, USERS, type TestService } from '../support/test-service';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';

/**
 * An assessment stored by the ENISA-only method (`enisa-2013/meldplicht-1`, before issue 13)
 * stays readable as it was made: its answers, its advice on both questions, its reasons — and
 * a new assessment on the same track uses the current method. The row below is the shape that
 * method stored (criteria without the new answers; result without per-question advice).
 */
let t: TestService;
// The controller's 72 hours start when a mail server accepted the notice (the outbox does not count).
let smtp: SmtpTestServer;
/** Handlebars escapes = as an entity; a browser reads it back. */
const decoded = (text: string) => text.replace(/&#x3D;/g, '=');
let c: { incidentId: string; trackId: string; reference: string };

const OLD_CRITERIA = {
  confidentiality: { extent: 'possible', recipient: 'none', returnedOrDeleted: 'no' }, integrity: { extent: 'none' },
  availability: { extent: 'none', backupAvailable: 'unknown' },
  data: { nature: 'simple', specialCategories: false, nationalId: true, credentials: false, profilingPossible: false, publiclyAvailable: false },
  subjectCount: 180, recordCount: 180, identification: 'maximum', vulnerableSubjects: 'yes', malicious: 'yes',
  encryption: { state: 'none', keyCompromised: 'no' }, laterMeasuresRemoveHighRisk: false, disproportionateEffort: false,
};
const OLD_RESULT = {
  severity: {
    dpc: 3, ei: 1, cb: 0.5, score: 3.5, band: 'high', unprotectedScore: null, doubts: [],
    contributions: [{ factor: 'data.nationalId', part: 'DPC', delta: 1, nl: 'BSN of ander identificatienummer: identiteitsfraude mogelijk, +1.', en: 'National ID number: identity fraud possible, +1.' }],
  },
  recommendation: {
    action: 'report_ap_and_inform_subjects', reportToAp: true, informSubjects: true, subjectNotice: 'individual', exemption: null, apSeverity: 'significant',
    reasons: [{ nl: 'Ernst 3,5 = 3 × 1 + 0,5: hoog.', en: 'Severity 3.5 = 3 × 1 + 0.5: high.' }],
  },
};

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  t = await startTestService({ smtpUrl: smtp.url });
  c = await notifiedChildcareCase(t);
  const [dpo] = await t.sql(`SELECT id FROM users WHERE email = $1`, [USERS.dpoZonnebloem]);
  await t.sql(
    `INSERT INTO risk_assessments (track_id, criteria, method_version, dpc, ei, cb, score, band, action, result, assessed_by, assessed_at)
     VALUES ($1, $2, 'enisa-2013/meldplicht-1', 3, 1, 0.5, 3.5, 'high', 'report_ap_and_inform_subjects', $3, $4, now() - interval '1 day')`,
    [c.trackId, JSON.stringify(OLD_CRITERIA), JSON.stringify(OLD_RESULT), dpo.id],
  );
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

test('when an assessment of the earlier method is opened, then its two answers and reasons show as made, marked as the earlier method', async () => {
  const p = new PageClient(t.http, 'nl');
  await p.login(USERS.dpoZonnebloem);
  const page = await p.get(`/tracks/${c.trackId}/risk-assessment`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('eerdere methode (enisa-2013/meldplicht-1)');
  expect(page.text).toMatch(/id="answer-report"[\s\S]*Advies: melden/);
  expect(page.text).toMatch(/id="answer-inform"[\s\S]*Advies: informeren/);
  expect(decoded(page.text)).toContain('Ernst 3,5 = 3 × 1 + 0,5: hoog.');
  expect(page.text).toMatch(/name="identification" value="maximum" checked/);
  const decision = await p.get(`/tracks/${c.trackId}/assessment`);
  expect(decision.status).toBe(200);
});

test('when the DPO reads it through the API and then assesses again, then the old one reads as stored and the new one carries both answers', async () => {
  const dpo = await t.login(USERS.dpoZonnebloem);
  const old = await t.as(dpo).get(`/api/tracks/${c.trackId}/risk-assessment`).expect(200);
  expect(old.body.assessment).toMatchObject({ methodVersion: 'enisa-2013/meldplicht-1', recommendation: { action: 'report_ap_and_inform_subjects' } });
  expect(old.body.assessment.recommendation.report).toBeUndefined();
  const fresh = await t.as(dpo).post(`/api/tracks/${c.trackId}/risk-assessment`, OLD_CRITERIA).expect(201);
  expect(fresh.body).toMatchObject({ methodVersion: 'edpb-9-2022/meldplicht-2', recommendation: { reportToAp: true, informSubjects: true } });
  expect(fresh.body.recommendation.report.reasons[0].nl).toMatch(/^We adviseren te melden/);
  expect(fresh.body.recommendation.inform.changes.length).toBeGreaterThan(0);
});
