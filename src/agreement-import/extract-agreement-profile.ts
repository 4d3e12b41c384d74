import type { AgreementProfileProposal } from './agreement-profile.types';
import { splitAgreement } from './clause-splitter';
import { extractCategories } from './categories.extractor';
import { extractContacts, extractEscalation } from './contacts.extractor';
import { extractDeadline } from './deadline.extractor';
import { extractNoticeFields } from './notice-fields.extractor';
import { extractParties, extractVersion } from './parties.extractor';
import { extractRetention } from './retention.extractor';
import { extractSubProcessors } from './sub-processors.extractor';
import { extractTriggers } from './trigger.extractor';

/**
 * Reads a data processing agreement (plain text) and proposes its notification profile.
 * Deterministic and local: the same text always gives the same proposal, nothing leaves
 * the process. Every value carries its source sentence and a confidence, or says why it
 * was not found; the admin confirms or corrects before anything is saved.
 */
export const MAX_AGREEMENT_CHARS = 10_000_000;

export class AgreementTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementTextError';
  }
}

const NL_WORDS = /\b(de|het|een|van|en|is|dat|op|voor|niet|met|zal|wordt|verwerker)\b/gi;
const EN_WORDS = /\b(the|of|and|to|is|that|for|with|shall|be|processor|controller)\b/gi;
const DPA_WORDS = /\b(verwerker\w*|verwerkersovereenkomst|persoonsgegevens|verwerkingsverantwoordelijke|betrokkenen|processor|controller|personal data|data processing|data subjects?)\b/gi;

function countMatches(text: string, pattern: RegExp, limit = 200_000): number {
  return (text.slice(0, limit).match(pattern) ?? []).length;
}

/** Refuses what is not text at all; an odd but readable text still gets a (mostly empty) proposal. */
export function assertReadableText(text: string): void {
  if (text.trim().length === 0) throw new AgreementTextError('The agreement text is empty.');
  if (text.length > MAX_AGREEMENT_CHARS) throw new AgreementTextError(`The agreement text is longer than ${MAX_AGREEMENT_CHARS} characters.`);
  const sample = text.slice(0, 100_000);
  const control = (sample.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g) ?? []).length;
  if (control > sample.length * 0.01) throw new AgreementTextError('This does not look like text (binary data?). Upload a .txt, .docx or .pdf file.');
}

export function extractAgreementProfile(input: string): AgreementProfileProposal {
  assertReadableText(input);
  const doc = splitAgreement(input);
  const language = countMatches(doc.text, EN_WORDS) > countMatches(doc.text, NL_WORDS) ? 'en' : 'nl';
  const looksLikeAgreement = countMatches(doc.text, DPA_WORDS) >= 3;
  const warnings: string[] = [];
  if (!looksLikeAgreement) warnings.push('This text does not look like a data processing agreement: hardly any of its words are about processing personal data.');

  const { processor, controller } = extractParties(doc.sentences);
  const deadline = extractDeadline(doc.sentences);
  const triggers = extractTriggers(doc.sentences);
  const fields = extractNoticeFields(doc);
  const categories = extractCategories(doc);
  const retention = extractRetention(doc.sentences);
  warnings.push(...deadline.warnings, ...retention.warnings);
  for (const [name, value] of Object.entries({ clockStart: deadline.clockStart, ...triggers })) {
    if (value.found && value.conflicts) warnings.push(`The text says different things about ${name}; choose one.`);
  }

  return {
    language,
    looksLikeAgreement,
    processor,
    controller,
    version: extractVersion(doc.sentences),
    deadline: deadline.deadline,
    clockStart: deadline.clockStart,
    notifySuspicion: triggers.notifySuspicion,
    regardlessOfImpact: triggers.regardlessOfImpact,
    requiredFields: fields.requiredFields,
    requiredFieldHits: fields.requiredFieldHits,
    extraItems: fields.extraItems,
    contacts: extractContacts(doc, processor.found ? processor.value.name : null),
    escalation: extractEscalation(doc),
    subProcessors: extractSubProcessors(doc),
    dataCategories: categories.dataCategories,
    subjectCategories: categories.subjectCategories,
    retentionMonthsAfterEnd: retention.retention,
    warnings,
  };
}
