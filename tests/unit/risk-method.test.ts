import { recommend } from '../../src/risk/recommendation';
import { riskFacts } from '../support/risk-criteria.builders';

/** The method on the situations the issue names, one fact at a time (EDPB 9/2022 §IV.B factors). */
const advice = (over: Parameters<typeof riskFacts>[0]) => recommend(riskFacts(over));
const answers = (over: Parameters<typeof riskFacts>[0]) => { const r = advice(over); return { report: r.reportToAp, inform: r.informSubjects }; };

describe('the two questions', () => {
  test('when contact details of 20 people lay open for hours and every fact is known, then neither report nor inform, and the reasons say what would change that', () => {
    const r = advice(() => {});
    expect({ report: r.reportToAp, inform: r.informSubjects, action: r.action, apSeverity: r.apSeverity }).toEqual({ report: false, inform: false, action: 'document_only', apSeverity: 'negligible' });
    expect(r.report!.reasons[0].nl).toMatch(/^Melden is niet nodig: een risico voor de betrokkenen is onwaarschijnlijk/);
    expect(r.report!.reasons[0].en).toMatch(/^Reporting is not needed/);
    expect(r.report!.changes.length).toBeGreaterThan(0);
    expect(r.report!.reasons.at(-1)!.nl).toMatch(/^Wel melden als: /);
  });

  test('when how many people is unknown, then report (when in doubt, report) but not inform, and finding out the number is named first', () => {
    const r = advice((c) => { c.subjectCount = null; });
    expect({ report: r.reportToAp, inform: r.informSubjects }).toEqual({ report: true, inform: false });
    expect(r.report!.reasons[0].nl).toMatch(/^We adviseren te melden bij de AP omdat/);
    expect(r.report!.changes[0].en).toMatch(/^Number of people: /);
  });

  test('when data were stolen and published, then report and inform, each with its reason in Dutch and English and each factor shown', () => {
    const r = advice((c) => { c.data.nature = 'financial'; c.confidentiality = { extent: 'disclosed', recipient: 'unknown', returnedOrDeleted: 'no' }; c.recipientCount = 'public'; c.malicious = 'yes'; });
    expect(r.action).toBe('report_ap_and_inform_subjects');
    expect(r.inform!.reasons[0]).toEqual({
      nl: expect.stringMatching(/^We adviseren de betrokkenen te informeren omdat een hoog risico waarschijnlijk is — vertrouwelijkheid: ernst 2 \(aanzienlijk\), waarschijnlijkheid 3/),
      en: expect.stringMatching(/^We advise informing the people because a high risk is likely — confidentiality: severity 2 \(significant\), likelihood 3/),
    });
    expect(r.factors!.map((f) => f.factor)).toEqual(expect.arrayContaining(['data.nature', 'confidentiality.recipient', 'recipientCount', 'malicious']));
    expect(r.factors!.find((f) => f.factor === 'recipientCount')).toMatchObject({ on: 'L', report: '= 3', inform: '= 3' });
  });
});

describe('the misses the issue names', () => {
  test('when national ID numbers reached a known recipient who confirmed deletion, then 30 000 people are to be informed where 30 are not: scale counts towards informing', () => {
    const ids = (people: number) => answers((c) => { c.data.nationalId = true; c.subjectCount = people; c.confidentiality = { extent: 'disclosed', recipient: 'known', returnedOrDeleted: 'yes' }; });
    expect(ids(30_000)).toEqual({ report: true, inform: true });
    expect(ids(30)).toEqual({ report: true, inform: false });
  });

  test('when identity data of a very large population were exposed, then inform', () => {
    expect(answers((c) => { c.data.profilingPossible = true; c.subjectCount = 2_000_000; c.confidentiality = { extent: 'disclosed', recipient: 'unknown' }; })).toEqual({ report: true, inform: true });
  });

  test('when the data of 50 000 people were hashed with a secret salt that did not leak, then no risk: the scale rule does not fire', () => {
    const r = advice((c) => { c.subjectCount = 50_000; c.data.credentials = true; c.encryption = { state: 'hashed', keyCompromised: 'no' }; c.confidentiality = { extent: 'disclosed', recipient: 'unknown' }; c.malicious = 'yes'; });
    expect({ report: r.reportToAp, inform: r.informSubjects }).toEqual({ report: false, inform: false });
    expect(r.inform!.reasons[0].nl).toMatch(/art\. 34\(3\)\(a\)/);
    expect(r.exemption).toBe('unintelligible');
    expect(r.report!.changes[0].nl).toMatch(/^Sleutel gelekt: /); // doubt about the key is what would make it reportable
  });

  test('when the recipient kept the data, then the advice is never milder than when that is unknown, and deletion by a trusted recipient lowers it', () => {
    const to = (recipient: 'trusted' | 'known', returnedOrDeleted: 'yes' | 'no' | 'unknown') => answers((c) => { c.data.nature = 'financial'; c.confidentiality = { extent: 'disclosed', recipient, returnedOrDeleted }; });
    expect(to('known', 'no')).toEqual(to('known', 'unknown'));
    expect(to('known', 'no')).toEqual({ report: true, inform: true });
    expect(to('trusted', 'unknown')).toEqual({ report: true, inform: false });
    expect(to('trusted', 'yes')).toEqual({ report: false, inform: false });
  });

  test('when one minor health detail of 3 people reached a known recipient who deleted it, then report but not inform: the data type does not decide alone', () => {
    const health = (returnedOrDeleted: 'yes' | 'no') => answers((c) => { c.data = { nature: 'sensitive', specialCategories: true }; c.subjectCount = 3; c.consequences = 'limited'; c.confidentiality = { extent: 'disclosed', recipient: 'known', returnedOrDeleted }; });
    expect(health('yes')).toEqual({ report: true, inform: false });
    expect(health('no')).toEqual({ report: true, inform: true });
  });

  test('when a lost laptop was wiped remotely, then the possible exposure no longer makes it reportable', () => {
    const laptop = (remoteWipe: 'yes' | 'no') => answers((c) => { c.data.nature = 'financial'; c.remoteWipe = remoteWipe; });
    expect(laptop('no')).toEqual({ report: true, inform: false });
    expect(laptop('yes')).toEqual({ report: false, inform: false });
  });

  test('when data were already misused or accounts taken over, then inform', () => {
    expect(answers((c) => { c.data.credentials = true; c.accountTakeover = 'yes'; })).toEqual({ report: true, inform: true });
    expect(answers((c) => { c.data.nature = 'financial'; c.misused = 'yes'; })).toEqual({ report: true, inform: true });
  });

  test('when more data than known may be involved, then report, and inform only once that is established', () => {
    expect(answers((c) => { c.data.nature = 'behavioural'; c.moreDataPossible = 'yes'; })).toEqual({ report: true, inform: false });
  });

  test('when care records are unavailable for a long time with serious impact on care, then inform; a brief outage without impact is recorded only', () => {
    const outage = (extent: 'temporary' | 'prolonged', impact: 'none' | 'serious') => answers((c) => { c.confidentiality = { extent: 'none' }; c.availability = { extent, backupAvailable: 'no' }; c.unavailabilityImpact = impact; c.criticalService = true; });
    expect(outage('prolonged', 'serious')).toEqual({ report: true, inform: true });
    expect(outage('temporary', 'none')).toEqual({ report: false, inform: false });
  });

  test('when a second, lesser-exposed group is large, then it counts towards reporting while informing concerns the first group', () => {
    const r = advice((c) => { c.data.nature = 'financial'; c.confidentiality = { extent: 'disclosed', recipient: 'known', returnedOrDeleted: 'yes' }; c.subjectCount = 20; c.secondGroupCount = 5000; });
    expect({ report: r.reportToAp, inform: r.informSubjects }).toEqual({ report: true, inform: false });
    const both = advice((c) => { c.data.nature = 'financial'; c.confidentiality = { extent: 'disclosed', recipient: 'unknown' }; c.subjectCount = 20; c.secondGroupCount = 5000; });
    expect(both.informSubjects).toBe(true);
    expect(both.inform!.reasons.map((x) => x.en).join(' ')).toMatch(/the 20 people in the most exposed group; the 5000 in the second group only if/);
  });
});

describe('art. 34(3) exemptions', () => {
  const high = (over: Parameters<typeof riskFacts>[0] = () => {}) => advice((c) => { c.data.nature = 'financial'; c.malicious = 'yes'; c.confidentiality = { extent: 'disclosed', recipient: 'unknown' }; over(c); });
  test('when later measures removed the high risk, then still report but not inform (b); when informing each is disproportionate, then a public notice (c)', () => {
    expect(high()).toMatchObject({ action: 'report_ap_and_inform_subjects', subjectNotice: 'individual', exemption: null });
    expect(high((c) => { c.laterMeasuresRemoveHighRisk = true; })).toMatchObject({ action: 'report_ap', informSubjects: false, exemption: 'later_measures' });
    expect(high((c) => { c.disproportionateEffort = true; })).toMatchObject({ action: 'report_ap_and_inform_subjects', subjectNotice: 'public', exemption: 'disproportionate_effort' });
  });

  test('when the advice is to inform, then what would change it names the answers that flip it', () => {
    const r = high();
    expect(r.inform!.changes.length).toBeGreaterThan(0);
    for (const change of r.inform!.changes) expect(change.nl).toMatch(/^[^:]+: .+/);
    expect(r.inform!.reasons.at(-1)!.nl).toMatch(/^Niet nodig als: /);
  });
});
