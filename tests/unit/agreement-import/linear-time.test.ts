import { extractAgreementProfile } from '../../../src/agreement-import/extract-agreement-profile';

/**
 * The text is the client's: no pattern may take time that grows faster than the text. For
 * each shape that makes a careless pattern retry a long run from every position, reading
 * four times as much must take about four times as long, not sixteen. Ratios, not absolute
 * times, so a slow or busy machine does not decide the outcome; the best of three runs per
 * size takes out most of the noise.
 */
const SHAPES: Array<[string, (n: number) => string]> = [
  ['a table-of-contents line with a long run of dots', (n) => `1. Inleiding ${'.'.repeat(n)}x\nDe verwerker meldt een datalek.`],
  ['a long capitalised token before "is de verwerker"', (n) => `${'Ab'.repeat(n / 2)} is de verwerker van persoonsgegevens.`],
  ['a long capitalised token before a legal form', (n) => `${'Ab'.repeat(n / 2)}x B.V. (hierna: Verwerker) verwerkt persoonsgegevens.`],
  ['a long run of letters (no e-mail address in it)', (n) => `Contact:\n${'a'.repeat(n)}\nDe verwerker meldt een datalek.`],
  ['a long run of spaces inside a sentence', (n) => `Soort persoonsgegevens\n\nDe gegevens zijn: naam${' '.repeat(n)}x, adres.`],
  ['many "alleen als" in one sentence about a breach', (n) => `De verwerker meldt een datalek ${'alleen als '.repeat(n / 11)}het zo is.`],
  ['a long run of digits', (n) => `De verwerker meldt een datalek binnen ${'1'.repeat(n)} uur.`],
  ['a long capitalised run before an address in brackets', (n) => `Sub-verwerker ${'Ab'.repeat(n / 2)} (${'x'.repeat(50)})`],
];

function bestOf3(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    extractAgreementProfile(text);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

describe('reading time grows linearly with the text', () => {
  it.each(SHAPES)('when the text holds %s, then 4× the text takes well under 16× the time', (_name, shape) => {
    const small = 100_000;
    bestOf3(shape(small / 4)); // warm up the patterns and the JIT
    const t1 = bestOf3(shape(small));
    const t4 = bestOf3(shape(4 * small));
    // Linear gives ~4, quadratic ~16: a bound of 10 leaves room for a busy machine's noise;
    // a floor of 5 ms keeps timer noise on tiny times out.
    expect(t4 / Math.max(t1, 5)).toBeLessThan(10);
  });
});
