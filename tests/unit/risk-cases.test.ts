import { join } from 'node:path';
import { evaluateCases, readCases } from '../../src/risk/risk-cases';
import { recommend } from '../../src/risk/recommendation';
import { riskCriteriaSchema } from '../../src/risk/risk-criteria.schema';

/**
 * The development cases (WP250 / EDPB 9/2022 annex, body text, ICO, Isle of Man), kept in the
 * repository with our mapping of their facts to answers: facts → answers → both outcomes.
 * docs/RISK-METHOD.md has the table and, per case, the fact that decides it.
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'risk-cases');
const cases = readCases(FIXTURE);
const yn = (b: boolean) => (b ? 'yes' : 'no');

describe('development cases from the guidelines', () => {
  test('the fixture holds all 27 development cases, each with answers the schema accepts', () => {
    expect(cases).toHaveLength(27);
    for (const c of cases) expect(riskCriteriaSchema.safeParse(c.inputs).success).toBe(true);
  });

  test.each(cases.map((c) => [c.id, c.facts!, yn(c.notify_sa), yn(c.notify_subjects), c] as const))(
    'when %s (%s), then report: %s, inform: %s',
    (_id, _facts, _sa, _subjects, c) => {
      const advice = recommend(riskCriteriaSchema.parse(c.inputs));
      expect({ report: advice.reportToAp, inform: advice.informSubjects }).toEqual({ report: c.notify_sa, inform: c.notify_subjects });
      // Each answer carries its own reason in both languages.
      expect(advice.report!.reasons[0].nl).toMatch(advice.reportToAp ? /^We adviseren te melden/ : /^Melden is niet nodig/);
      expect(advice.inform!.reasons[0].en).toMatch(advice.informSubjects ? /^We advise informing/ : /(not needed|not required|Without encryption)/);
    },
  );

  test('when the evaluation command reads the fixture, then it measures every case and agrees on both questions', () => {
    const outcomes = evaluateCases(FIXTURE);
    expect(outcomes.filter((o) => o.problem)).toEqual([]);
    expect(outcomes.filter((o) => o.method!.sa !== o.expected.sa || o.method!.subjects !== o.expected.subjects).map((o) => o.id)).toEqual([]);
  });
});
