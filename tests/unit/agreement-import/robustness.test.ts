import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AgreementTextError, extractAgreementProfile } from '../../../src/agreement-import/extract-agreement-profile';

/**
 * What the extractor does with input that is not a tidy DPA: a clear result or a clear
 * error, never a crash. Timing is measured in tests/bench (npm run bench), not here.
 */
/** Excerpts of the seed DPAs kept in the repo (tests never read ../shared). */
const SEEDS = path.resolve(__dirname, '../../fixtures/seed-excerpts');
const seed = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');

/** Deterministic pseudo-random words: the same garbage on every run. */
function garbage(chars: number): string {
  let x = 42;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = Array.from({ length: 2 + (next() % 9) }, () => String.fromCharCode(97 + (next() % 26))).join('');
    out.push(next() % 12 === 0 ? `${word}.\n` : word);
    length += word.length + 1;
  }
  return out.join(' ');
}

describe('input the extractor refuses, with a clear error', () => {
  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\t \n'],
    ['binary data', '\u0000\u0001\u0002PK\u0003\u0004'.repeat(200)],
  ])('%s', (_name, text) => {
    expect(() => extractAgreementProfile(text)).toThrow(AgreementTextError);
  });
});

describe('odd input that still gets a clear result', () => {
  it('garbage: nothing found, and a warning says it is no DPA', () => {
    const p = extractAgreementProfile(garbage(20_000));
    expect(p.looksLikeAgreement).toBe(false);
    expect(p.warnings.join(' ')).toMatch(/does not look like a data processing agreement/);
    for (const key of ['deadline', 'clockStart', 'notifySuspicion', 'regardlessOfImpact', 'requiredFields', 'contacts', 'processor'] as const) {
      expect({ key, found: p[key].found }).toEqual({ key, found: false });
    }
  });

  it('a 5 MB text finishes with a proposal', () => {
    const text = `${seed('002_26c4b675521f24a2.txt')}\n${garbage(5 * 1024 * 1024)}`;
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const p = extractAgreementProfile(text);
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 24 } });
  });

  it('a 5 MB text on a single line finishes (a paragraph is not re-read per sentence)', () => {
    const text = `${seed('001_767ff1e236aec2cf.txt')} ${garbage(5 * 1024 * 1024).replace(/\n/g, ' ')}`.replace(/\n/g, ' ');
    expect(text.includes('\n')).toBe(false);
    expect(extractAgreementProfile(text).deadline).toMatchObject({ found: true, value: { hours: 24 } });
  });

  it('a 50-page agreement finishes (timing: npm run bench)', () => {
    const text = [seed('000_23cbfdaf675b9fec.txt'), seed('001_767ff1e236aec2cf.txt'), seed('002_26c4b675521f24a2.txt')].join('\n\n').repeat(16);
    expect(text.length).toBeGreaterThan(150_000);
    expect(extractAgreementProfile(text).deadline.found).toBe(true);
  });

  it('a single line without any newline', () => {
    const p = extractAgreementProfile(seed('000_23cbfdaf675b9fec.txt').replace(/\s+/g, ' '));
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 24 } });
  });

  it('Windows line endings and a byte-order mark give the same proposal', () => {
    const text = seed('002_26c4b675521f24a2.txt');
    const a = extractAgreementProfile(text);
    const b = extractAgreementProfile(`\uFEFF${text.replace(/\n/g, '\r\n')}`);
    expect(b.contacts).toEqual(a.contacts);
    expect(b.deadline).toEqual(a.deadline);
  });
});
