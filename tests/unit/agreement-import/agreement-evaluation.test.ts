import { scoreAgreement, tally } from '../../../src/agreement-import/evaluation/agreement-evaluation';
import { extractAgreementProfile } from '../../../src/agreement-import/extract-agreement-profile';

/** The scorer behind `npm run eval:agreements`, on a text written for the test. */
const TEXT = [
  'Deze verwerkersovereenkomst geldt tussen de Klant en Voorbeeldhosting B.V., KvK 12345678 (hierna: Verwerker).',
  '7.1 Verwerker meldt een datalek binnen 36 uur nadat hij er kennis van heeft genomen.',
].join('\n\n');
const proposal = extractAgreementProfile(TEXT);
const outcome = (expected: Parameters<typeof scoreAgreement>[0]) => Object.fromEntries(scoreAgreement(expected, proposal).map((s) => [s.field, s.outcome]));

describe('scoring a reading against an annotation', () => {
  it('when the reader finds what the annotation states, then correct; a name may carry extra words', () => {
    const o = outcome({ processor: { name: 'Voorbeeldhosting B.V. (Utrecht)', kvk: 'KvK 12345678' }, deadline: { immediate: false, hours: 36 }, clock_start: { value: 'processor_discovery' } });
    expect([o.processor, o.processorRegistration, o.deadlineHours, o.deadlineImmediate, o.clockStart]).toEqual(['correct', 'correct', 'correct', 'correct', 'correct']);
  });

  it('when the annotation states a value the reader did not find, then missing; a different one, wrong', () => {
    const o = outcome({ sub_processors: ['Hostbedrijf'], deadline: { immediate: false, hours: 24 } });
    expect([o.subProcessors, o.deadlineHours]).toEqual(['missing', 'wrong']);
  });

  it('when the text is silent and the reader proposes a value, then invented', () => {
    const scores = scoreAgreement({ processor: null, deadline: { immediate: false, hours: null } }, proposal);
    expect(Object.fromEntries(scores.map((s) => [s.field, s.outcome]))).toMatchObject({ processor: 'invented', processorRegistration: 'invented', deadlineHours: 'invented', clockStart: 'invented' });
    expect(tally(scores).invented).toBe(4);
  });
});
