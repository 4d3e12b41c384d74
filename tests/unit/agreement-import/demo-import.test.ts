import path from 'node:path';
import { demoAgreements } from '../../../src/seed/demo-agreements';
import { importDemoAgreement } from '../../../src/seed/imported-demo-agreements';

/** Excerpts of the seed DPAs kept in the repo, named like the seeds (tests never read ../shared). */
const SEEDS = path.resolve(__dirname, '../../fixtures/seed-excerpts');

/**
 * The demo's agreements come from importing the seeds; where the import finds nothing the
 * hand-written profile stays, and contact details are always the invented demo people's.
 */
describe.each(demoAgreements.map((seed) => [seed.agreement.seedFile, seed] as const))('demo agreement %s', (_file, seed) => {
  const imported = importDemoAgreement(seed, SEEDS);

  it('is read from the seed file, with its text as the source', () => {
    expect(imported.importedFrom).toBe(path.join(SEEDS, seed.agreement.seedFile));
    expect(imported.source?.text).toContain(seed.agreement.seedFile === '001_767ff1e236aec2cf.txt' ? '4.4.1' : 'uur');
  });

  it('keeps the notification terms the hand-written profile has', () => {
    const { deadlineHours, clockStart, notifySuspicion, regardlessOfImpact, subProcessors, retentionMonthsAfterEnd, subjectCategories } = seed.agreement;
    expect(imported.agreement).toMatchObject({ deadlineHours, clockStart, notifySuspicion, regardlessOfImpact, subProcessors, retentionMonthsAfterEnd, subjectCategories });
  });

  it('uses only the demo contacts, in the roles and order the annex gives', () => {
    expect(imported.contacts).toEqual(seed.contacts);
  });
});

it('falls back to the hand-written profile when the seeds are not there (e.g. in Docker)', () => {
  expect(importDemoAgreement(demoAgreements[0], '/nonexistent')).toBe(demoAgreements[0]);
});
