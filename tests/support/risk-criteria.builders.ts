import fc from 'fast-check';
import { riskCriteriaSchema, type RiskCriteria, type RiskCriteriaInput } from '../../src/risk/risk-criteria.schema';

/**
 * Risk criteria for tests: `riskFacts` starts from a breach where every fact is known and mild
 * (contact details of 20 people possibly seen for hours by nobody in particular) and applies
 * the changes a test names; `anyRiskCriteria` generates any consistent set of answers.
 */
export const QUIET_BREACH: RiskCriteriaInput = {
  confidentiality: { extent: 'possible' },
  integrity: { extent: 'none' },
  availability: { extent: 'none', backupAvailable: 'yes' },
  data: { nature: 'simple' },
  identification: 'maximum',
  vulnerableSubjects: 'no',
  malicious: 'no',
  encryption: { state: 'none', keyCompromised: 'no' },
  subjectCount: 20,
  consequences: 'unknown',
  permanentConsequences: 'no',
  exposureDuration: 'hours',
  recipientCount: 'one',
  misused: 'no',
  accountTakeover: 'no',
  moreDataPossible: 'no',
  unavailabilityImpact: 'none',
  remoteWipe: 'no',
};

export function riskFacts(over: (c: RiskCriteriaInput) => void = () => {}): RiskCriteria {
  const c = structuredClone(QUIET_BREACH);
  over(c);
  return riskCriteriaSchema.parse(c);
}

const tri = fc.constantFrom('yes', 'no', 'unknown');
const count = fc.oneof(fc.constant(null), fc.constantFrom(0, 1, 20, 999, 1000, 5000, 10_000, 250_000, 1_000_000, 3_000_000), fc.integer({ min: 0, max: 2_000_000 }));

export const anyRiskCriteria: fc.Arbitrary<RiskCriteria> = fc
  .record({
    confidentiality: fc.record({ extent: fc.constantFrom('none', 'possible', 'disclosed'), recipient: fc.constantFrom('none', 'trusted', 'known', 'unknown'), returnedOrDeleted: tri }),
    integrity: fc.record({ extent: fc.constantFrom('none', 'recoverable', 'unrecoverable') }),
    availability: fc.record({ extent: fc.constantFrom('none', 'temporary', 'prolonged', 'permanent'), backupAvailable: tri }),
    data: fc.record({
      nature: fc.constantFrom('simple', 'behavioural', 'financial', 'sensitive', 'unknown'),
      specialCategories: fc.boolean(), nationalId: fc.boolean(), credentials: fc.boolean(), profilingPossible: fc.boolean(), publiclyAvailable: fc.boolean(),
    }),
    subjectCount: count,
    recordCount: fc.constant(null),
    identification: fc.constantFrom('negligible', 'limited', 'significant', 'maximum'),
    vulnerableSubjects: tri,
    malicious: tri,
    encryption: fc.record({ state: fc.constantFrom('none', 'partly', 'encrypted', 'hashed'), keyCompromised: tri }),
    consequences: fc.constantFrom('unknown', 'negligible', 'limited', 'significant', 'severe'),
    permanentConsequences: tri,
    exposureDuration: fc.constantFrom('hours', 'days', 'weeks', 'unknown'),
    recipientCount: fc.constantFrom('one', 'few', 'many', 'public', 'unknown'),
    misused: tri,
    accountTakeover: tri,
    moreDataPossible: tri,
    unavailabilityImpact: fc.constantFrom('none', 'minor', 'significant', 'serious', 'unknown'),
    criticalService: fc.boolean(),
    remoteWipe: tri,
    secondGroupCount: count,
    laterMeasuresRemoveHighRisk: fc.boolean(),
    disproportionateEffort: fc.boolean(),
  })
  .map((c) => {
    // The schema's consistency rules: a recipient only with a disclosure, special categories are sensitive data.
    if (c.confidentiality.extent === 'none') c.confidentiality.recipient = 'none';
    if (c.data.specialCategories) c.data.nature = 'sensitive';
    return riskCriteriaSchema.parse(c);
  });
