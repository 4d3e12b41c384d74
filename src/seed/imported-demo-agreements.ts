import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractAgreementProfile } from '../agreement-import/extract-agreement-profile';
import { contactsFromProposal, draftFromProposal, mergeDemoContacts } from '../agreement-import/proposal-to-agreement';
import { demoAgreements, type DemoAgreementSeed } from './demo-agreements';

/**
 * The demo's agreements, read from the three seed DPAs in ../shared/seeds when they are
 * there (beside the repository, as in development and CI), else the hand-written profiles
 * (e.g. in the Docker image, which has no ../shared). A value the import does not find, or
 * finds contradicted, keeps the hand-written one; contact details are always the invented
 * demo people's, placed in the roles and stand-in order the annex gives.
 */
export const DEFAULT_SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');

export type DemoAgreementWithSource = DemoAgreementSeed & { source?: { name: string; text: string }; importedFrom?: string };

export function importDemoAgreement(seed: DemoAgreementSeed, dir: string = DEFAULT_SEEDS_DIR): DemoAgreementWithSource {
  let text: string;
  try {
    text = readFileSync(path.join(dir, seed.agreement.seedFile), 'utf8');
  } catch {
    return seed;
  }
  try {
    const proposal = extractAgreementProfile(text);
    const draft = draftFromProposal(proposal, seed.agreement);
    const contacts = mergeDemoContacts(contactsFromProposal(proposal, []), seed.contacts);
    return {
      controller: seed.controller,
      agreement: { ...draft.agreement, title: seed.agreement.title, triggerText: seed.agreement.triggerText, seedFile: seed.agreement.seedFile },
      contacts,
      source: { name: seed.agreement.seedFile, text },
      importedFrom: path.join(dir, seed.agreement.seedFile),
    };
  } catch {
    return seed;
  }
}

export function demoAgreementsFromSeeds(dir: string = DEFAULT_SEEDS_DIR): DemoAgreementWithSource[] {
  return demoAgreements.map((seed) => importDemoAgreement(seed, dir));
}
