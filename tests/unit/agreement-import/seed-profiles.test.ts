import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseAgreementText } from '../../../src/agreement-import/clause-splitter';
import { extractAgreementProfile } from '../../../src/agreement-import/extract-agreement-profile';
import { expected000 } from '../../fixtures/agreement-profiles/000.expected';
import { expected001 } from '../../fixtures/agreement-profiles/001.expected';
import { expected002 } from '../../fixtures/agreement-profiles/002.expected';
import { expectedEnglish } from '../../fixtures/agreement-profiles/english.expected';
import { matchField, PROFILE_FIELDS } from '../../fixtures/agreement-profiles/match-profile';

/**
 * Excerpts of the three seed DPAs kept in the repo (tests/fixtures/seed-excerpts) and an
 * English one written for the tests: the extractor's proposal, field by field, against the
 * profile a person wrote down from reading the text.
 */
const SEEDS = path.resolve(__dirname, '../../fixtures/seed-excerpts');
const FIXTURES = path.resolve(__dirname, '../../fixtures/agreement-profiles');

const cases = [
  { name: '000', file: path.join(SEEDS, expected000.seedFile), expected: expected000 },
  { name: '001', file: path.join(SEEDS, expected001.seedFile), expected: expected001 },
  { name: '002', file: path.join(SEEDS, expected002.seedFile), expected: expected002 },
  { name: 'english', file: path.join(FIXTURES, expectedEnglish.seedFile), expected: expectedEnglish },
];

describe.each(cases)('agreement $name', ({ file, expected }) => {
  const profile = extractAgreementProfile(readFileSync(file, 'utf8'));

  it('looks like an agreement', () => {
    expect(profile.looksLikeAgreement).toBe(true);
  });

  it.each(PROFILE_FIELDS)('%s matches the hand-written fixture', (field) => {
    matchField(field, profile, expected);
  });

  it('gives every required field the list item it came from', () => {
    if (!profile.requiredFields.found) return;
    for (const key of profile.requiredFields.value) {
      expect(profile.requiredFieldHits.some((h) => h.key === key && h.source.sentence.length > 0)).toBe(true);
    }
  });

  it('points every source at the text it quotes', () => {
    const text = readFileSync(file, 'utf8');
    const normalised = normaliseAgreementText(text);
    for (const value of Object.values(profile)) {
      if (value && typeof value === 'object' && 'found' in value && value.found) {
        const { start, end, sentence } = value.source;
        expect(normalised.slice(start, end)).toBe(sentence);
      }
    }
  });
});
