import { demoAgreements } from '../../../src/seed/demo-agreements';
import { DEFAULT_SEEDS_DIR, importDemoAgreement } from '../../../src/seed/imported-demo-agreements';

/**
 * The demo's agreements come from importing the seeds; where the import finds nothing the
 * hand-written profile stays, and contact details are always the invented demo people's.
 */
describe.each(demoAgreements.map((seed) => [seed.agreement.seedFile, seed] as const))('demo agreement %s', (_file, seed) => {
  const imported = importDemoAgreement(seed);

  it('is read from the seed file, with its text as the source', () => {
    expect(imported.importedFrom).toContain(DEFAULT_SEEDS_DIR);
    expect(imported.source?.text.length).toBeGreaterThan(20_000);
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
