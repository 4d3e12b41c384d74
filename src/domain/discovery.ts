import type { Language } from '../i18n/messages';
import { LocalizedValidationError } from './errors';

const CLOCK_SKEW_MS = 5 * 60_000;

type DateRule = 'future' | 'subAfterDiscovered' | 'occurredAfterDiscovered' | 'occurredAfterSubDiscovered';

/** Each rule's words; the API says them in English unless the client asks for Dutch, a page in the reader's language. */
const WORDS: Record<Language, Record<DateRule, string>> = {
  en: {
    future: 'lies in the future',
    subAfterDiscovered: 'lies after discoveredAt: the sub-processor cannot have found it after it became known to us',
    occurredAfterDiscovered: 'lies after discoveredAt: the breach cannot have begun after it became known to us',
    occurredAfterSubDiscovered: "lies after the sub-processor's discovery: the breach cannot have begun after it was found",
  },
  nl: {
    future: 'ligt in de toekomst',
    subAfterDiscovered: 'ligt na het moment dat het bij ons bekend werd: de sub-verwerker kan het niet later ontdekt hebben',
    occurredAfterDiscovered: 'ligt na het moment dat het bij ons bekend werd: de inbreuk kan niet later begonnen zijn',
    occurredAfterSubDiscovered: 'ligt na de ontdekking door de sub-verwerker: de inbreuk kan niet later begonnen zijn',
  },
};

export interface IncidentMoments {
  discoveredAt: Date;
  subProcessorDiscoveredAt: Date | null;
  /** The notice field `occurred` (a period), when known. */
  occurred?: { from: string; until?: string } | null;
}

/**
 * The moments of an incident must be able to be true, whether reported or edited:
 * occurred ≤ discovered (by the sub-processor, then by us) ≤ now, and no part of the
 * occurrence period in the future. Every broken rule is named by its field.
 */
export function checkDiscoveryMoments(now: Date, moments: IncidentMoments): void {
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const broken: Record<string, DateRule> = {};
  const { discoveredAt, subProcessorDiscoveredAt: sub, occurred } = moments;
  if (discoveredAt.getTime() > latest) broken.discoveredAt = 'future';
  if (sub && sub > discoveredAt) broken['discoveredBy.discoveredAt'] = 'subAfterDiscovered';
  if (occurred) {
    const from = Date.parse(occurred.from);
    if (from > latest) broken['fields.occurred.from'] = 'future';
    else if (from > discoveredAt.getTime()) broken['fields.occurred.from'] = 'occurredAfterDiscovered';
    else if (sub && from > sub.getTime()) broken['fields.occurred.from'] = 'occurredAfterSubDiscovered';
    if (occurred.until && Date.parse(occurred.until) > latest) broken['fields.occurred.until'] = 'future';
  }
  if (Object.keys(broken).length === 0) return;
  const say = (language: Language) => Object.fromEntries(Object.entries(broken).map(([field, rule]) => [field, WORDS[language][rule]]));
  throw new LocalizedValidationError({ en: say('en'), nl: say('nl') });
}
