import { assessSeverity, severityBand } from '../../src/risk/enisa-severity';
import { assessRisk, followsRecommendation } from '../../src/risk/recommendation';
import { riskCriteriaSchema, type RiskCriteria, type RiskCriteriaInput } from '../../src/risk/risk-criteria.schema';
import { prefillFromNotice } from '../../src/risk/risk-prefill';

/** A mislaid paper list of names and e-mail addresses, seen by nobody: the quiet baseline. */
const baseline: RiskCriteriaInput = {
  confidentiality: { extent: 'possible' },
  integrity: { extent: 'none' },
  availability: { extent: 'none' },
  data: { nature: 'simple' },
  identification: 'maximum',
  vulnerableSubjects: 'no',
  malicious: 'no',
  encryption: { state: 'none' },
};

const criteria = (over: (c: RiskCriteriaInput) => void = () => {}): RiskCriteria => {
  const c = structuredClone(baseline);
  over(c);
  return riskCriteriaSchema.parse(c);
};
const score = (over?: (c: RiskCriteriaInput) => void) => assessSeverity(criteria(over)).score;

describe('ENISA severity = DPC × EI + CB', () => {
  test('when nothing aggravates, then simple, identifiable data scores 1 × 1 + 0 = 1 (low)', () => {
    const s = assessSeverity(criteria());
    expect(s).toMatchObject({ dpc: 1, ei: 1, cb: 0, score: 1, band: 'low', doubts: [] });
  });

  test.each([
    ['simple', 1], ['behavioural', 2], ['financial', 3], ['sensitive', 4],
  ] as const)('when the data is %s, then the context score starts at %d', (nature, dpc) => {
    expect(assessSeverity(criteria((c) => { c.data.nature = nature; })).dpc).toBe(dpc);
  });

  test('when the data allows profiling, names a national ID or credentials, or concerns vulnerable people, then each adds 1 to DPC', () => {
    expect(score((c) => { c.data.profilingPossible = true; })).toBe(2);
    expect(score((c) => { c.data.nationalId = true; })).toBe(2);
    expect(score((c) => { c.data.credentials = true; })).toBe(2);
    expect(score((c) => { c.vulnerableSubjects = 'yes'; })).toBe(2);
  });

  test('when the data is public anyway, then DPC drops by 1 but never below 1; adjustments never push it above 4', () => {
    expect(assessSeverity(criteria((c) => { c.data.nature = 'financial'; c.data.publiclyAvailable = true; })).dpc).toBe(2);
    expect(assessSeverity(criteria((c) => { c.data.publiclyAvailable = true; })).dpc).toBe(1);
    const capped = assessSeverity(criteria((c) => { c.data.nature = 'sensitive'; c.data.specialCategories = true; c.vulnerableSubjects = 'yes'; c.data.nationalId = true; }));
    expect(capped.dpc).toBe(4);
    expect(capped.contributions.map((x) => x.factor)).toContain('dpc.clamp');
  });

  test.each([
    ['negligible', 0.25], ['limited', 0.5], ['significant', 0.75], ['maximum', 1],
  ] as const)('when identification is %s, then EI is %d', (level, ei) => {
    expect(assessSeverity(criteria((c) => { c.identification = level; c.data.nature = 'sensitive'; })).score).toBe(4 * ei);
  });

  test('when the data was encrypted and the key is safe, then EI falls to 0.25; a leaked or unknown key takes that away', () => {
    const encrypted = (key: 'yes' | 'no' | 'unknown') => assessSeverity(criteria((c) => { c.data.nature = 'sensitive'; c.encryption = { state: 'encrypted', keyCompromised: key }; }));
    expect(encrypted('no').ei).toBe(0.25);
    expect(encrypted('yes').ei).toBe(1);
    expect(encrypted('unknown')).toMatchObject({ ei: 1, doubts: [expect.objectContaining({ factor: 'encryption.keyCompromised' })] });
    expect(assessSeverity(criteria((c) => { c.encryption = { state: 'partly' }; })).ei).toBe(1);
  });

  test('when data was disclosed, then a known recipient adds 0.25, an unknown one 0.5, a trusted one who deleted it 0', () => {
    const disclosed = (recipient: 'trusted' | 'known' | 'unknown', returnedOrDeleted: 'yes' | 'no' = 'no') =>
      assessSeverity(criteria((c) => { c.confidentiality = { extent: 'disclosed', recipient, returnedOrDeleted }; })).cb;
    expect(disclosed('known')).toBe(0.25);
    expect(disclosed('trusted')).toBe(0.25);
    expect(disclosed('trusted', 'yes')).toBe(0);
    expect(disclosed('unknown')).toBe(0.5);
  });

  test('when integrity or availability is lost, then unrecoverable and permanent losses add, a backup softens them', () => {
    const cb = (over: (c: RiskCriteriaInput) => void) => assessSeverity(criteria(over)).cb;
    expect(cb((c) => { c.integrity = { extent: 'recoverable' }; })).toBe(0);
    expect(cb((c) => { c.integrity = { extent: 'unrecoverable' }; })).toBe(0.25);
    expect(cb((c) => { c.availability = { extent: 'temporary' }; })).toBe(0);
    expect(cb((c) => { c.availability = { extent: 'prolonged', backupAvailable: 'no' }; })).toBe(0.25);
    expect(cb((c) => { c.availability = { extent: 'permanent', backupAvailable: 'no' }; })).toBe(0.5);
    expect(cb((c) => { c.availability = { extent: 'permanent', backupAvailable: 'yes' }; })).toBe(0.25);
  });

  test('when there was malicious intent, then CB rises by 0.5; unknown intent is a doubt, not a point', () => {
    expect(score((c) => { c.malicious = 'yes'; })).toBe(1.5);
    const unknown = assessSeverity(criteria((c) => { c.malicious = 'unknown'; }));
    expect(unknown.score).toBe(1);
    expect(unknown.doubts.map((d) => d.factor)).toEqual(['malicious']);
  });

  test('every step of the calculation is explained in Dutch and English', () => {
    const s = assessSeverity(criteria((c) => { c.malicious = 'yes'; c.data.nationalId = true; c.subjectCount = 40; }));
    for (const step of [...s.contributions, ...s.doubts]) {
      expect(step.nl.length).toBeGreaterThan(10);
      expect(step.en.length).toBeGreaterThan(10);
    }
    expect(s.contributions.map((x) => x.factor)).toEqual(expect.arrayContaining(['data.nature', 'data.nationalId', 'identification', 'malicious', 'subjectCount']));
  });

  test.each([[1.99, 'low'], [2, 'medium'], [2.99, 'medium'], [3, 'high'], [3.99, 'high'], [4, 'very_high'], [6, 'very_high']] as const)(
    'when the score is %d, then the band is %s', (value, band) => expect(severityBand(value)).toBe(band),
  );
});

describe('ENISA indicator beside the method', () => {
  test('when the data is of unknown kind, then the indicator counts it as sensitive', () => {
    expect(assessSeverity(criteria((c) => { c.data.nature = 'unknown'; })).dpc).toBe(4);
  });

  test('the indicator is stored with the advice but does not decide it: a high ENISA score can come with "do not report"', () => {
    // Sensitive data in a brief outage restored from backup: ENISA weighs the data (4 × 1), the guidelines the outage.
    const r = assessRisk(criteria((c) => {
      c.data.nature = 'sensitive'; c.confidentiality = { extent: 'none' }; c.availability = { extent: 'temporary', backupAvailable: 'yes' };
      c.unavailabilityImpact = 'minor';
    }));
    expect(r.severity.band).toBe('very_high');
    expect(r.recommendation).toMatchObject({ reportToAp: false, informSubjects: false });
  });

  test('a decision follows the recommendation only when both answers match', () => {
    const r = { reportToAp: true, informSubjects: false };
    expect(followsRecommendation(r, { reportToAp: true, informSubjects: false })).toBe(true);
    expect(followsRecommendation(r, { reportToAp: true, informSubjects: true })).toBe(false);
    expect(followsRecommendation(r, { reportToAp: false, informSubjects: false })).toBe(false);
  });
});

describe('criteria input', () => {
  test('when special categories are marked but the nature is not sensitive, then the schema names data.nature', () => {
    const result = riskCriteriaSchema.safeParse({ ...baseline, data: { nature: 'simple', specialCategories: true } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['data', 'nature']);
  });

  test('when the notice answers criteria, then they are prefilled with their source', () => {
    const prefill = prefillFromNotice({
      nature: { kinds: ['confidentiality'], actions: ['stolen'] },
      dataCategories: ['naam', 'BSN', 'IBAN'],
      specialCategories: [],
      subjectCategories: ['ouders', 'kinderen'],
      encryption: { state: 'none' },
      subjectCount: { min: 100, max: 250 },
      recordCount: null,
    });
    expect(prefill.criteria).toMatchObject({
      confidentiality: { extent: 'possible' }, integrity: { extent: 'none' }, availability: { extent: 'none' }, malicious: 'yes',
      data: { specialCategories: false, nature: 'financial', nationalId: true }, vulnerableSubjects: 'yes',
      encryption: { state: 'none' }, subjectCount: 250,
    });
    expect(prefill.sources).toEqual(expect.arrayContaining([{ criterion: 'subjectCount', from: 'subjectCount' }]));
  });
});
