import fc from 'fast-check';
import { adviseOn } from '../../src/risk/recommendation';
import type { RiskCriteria } from '../../src/risk/risk-criteria.schema';
import { consistent, FACTORS, withValue } from '../../src/risk/risk-factors';
import { anyRiskCriteria } from '../support/risk-criteria.builders';

/**
 * The method's promises over generated answers (fast-check): a worse fact never gives milder
 * advice, for every factor; unintelligible data never leads to informing people (nor, on its
 * own, to a report); special categories or vulnerable people at scale are always reported
 * unless a mitigation the guidelines name takes the likelihood away.
 */
const RUNS = Number(process.env.RISK_PROPERTY_RUNS ?? 300);
const rank = (b: boolean) => (b ? 1 : 0);

describe('monotonic: a worse answer never gives milder advice', () => {
  const cases = FACTORS.flatMap((f) => f.chains.map((chain, n) => [`${f.key}${f.chains.length > 1 ? ` (order ${n + 1})` : ''}: ${chain.map(String).join(' ≤ ')}`, f, chain] as const));
  test.each(cases)('when only %s changes for the worse, then neither advice gets milder', (_name, factor, chain) => {
    fc.assert(
      fc.property(anyRiskCriteria, fc.integer({ min: 0, max: chain.length - 2 }), (c, i) => {
        const milder = withValue(c, factor.key, chain[i]);
        const worse = withValue(c, factor.key, chain[i + 1]);
        fc.pre(consistent(milder) && consistent(worse));
        fc.pre(!factor.applies || (factor.applies(milder) && factor.applies(worse)));
        const a = adviseOn(milder);
        const b = adviseOn(worse);
        expect(rank(b.reportToAp)).toBeGreaterThanOrEqual(rank(a.reportToAp));
        expect(rank(b.informSubjects)).toBeGreaterThanOrEqual(rank(a.informSubjects));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the guidelines\' hard lines', () => {
  test('when only confidentiality was hit and the data were encrypted or hashed to the state of the art with a safe key, then never inform and never report', () => {
    fc.assert(fc.property(anyRiskCriteria, fc.constantFrom('encrypted', 'hashed'), (c, state) => {
      const protectedData: RiskCriteria = { ...c, encryption: { state, keyCompromised: 'no' }, integrity: { extent: 'none' }, availability: { ...c.availability, extent: 'none' } };
      fc.pre(protectedData.confidentiality.extent !== 'none');
      expect(adviseOn(protectedData)).toEqual({ reportToAp: false, informSubjects: false });
    }), { numRuns: RUNS * 3 });
  });

  test('when unintelligible data sit beside lost or altered data, then informing never comes from the confidentiality side', () => {
    fc.assert(fc.property(anyRiskCriteria, (c) => {
      const protectedData: RiskCriteria = { ...c, encryption: { state: 'encrypted', keyCompromised: 'no' } };
      const withoutConfidentiality: RiskCriteria = { ...protectedData, confidentiality: { extent: 'none', recipient: 'none', returnedOrDeleted: 'no' } };
      expect(adviseOn(protectedData)).toEqual(adviseOn(withoutConfidentiality));
    }), { numRuns: RUNS * 3 });
  });

  test('when special categories or vulnerable people are disclosed at scale (≥ 1 000), then always report unless a named mitigation removes the likelihood', () => {
    fc.assert(fc.property(anyRiskCriteria, fc.boolean(), fc.integer({ min: 1000, max: 5_000_000 }), (c, special, people) => {
      const x: RiskCriteria = structuredClone(c);
      if (special) { x.data.specialCategories = true; x.data.nature = 'sensitive'; } else x.vulnerableSubjects = 'yes';
      x.subjectCount = people;
      x.confidentiality.extent = 'disclosed';
      if (x.confidentiality.recipient === 'none') x.confidentiality.recipient = 'unknown';
      // The mitigations of WP250 §IV.B / EDPB 9/2022: unintelligible data, a trusted recipient who deleted, data already public, not identifiable.
      fc.pre(!(x.confidentiality.recipient === 'trusted' && x.confidentiality.returnedOrDeleted === 'yes'));
      fc.pre(!((x.encryption.state === 'encrypted' || x.encryption.state === 'hashed') && x.encryption.keyCompromised === 'no'));
      fc.pre(!x.data.publiclyAvailable && x.identification !== 'negligible');
      expect(adviseOn(x).reportToAp).toBe(true);
    }), { numRuns: RUNS * 3 });
  });

  test('when the advice is to inform the people, then it is also to report: a high risk is a risk', () => {
    fc.assert(fc.property(anyRiskCriteria, (c) => {
      const a = adviseOn(c);
      if (a.informSubjects) expect(a.reportToAp).toBe(true);
    }), { numRuns: RUNS * 3 });
  });
});
