import type { AgreementProfileProposal } from '../agreement-profile.types';

/**
 * Scores the reader's proposal against a hand-made annotation in the format of
 * `dpa-corpus/expected.json` (see its README): per field correct, missing (stated in the
 * text, not found), wrong (found something else) or invented (the text is silent, the
 * reader proposed a value). Matching of names and list items is lenient about case,
 * punctuation and extra words (one contains the other, or most words agree), because the
 * annotation quotes whole phrases where the reader keeps a name.
 */
export type Outcome = 'correct' | 'missing' | 'wrong' | 'invented';

export interface FieldScore {
  field: EvaluatedField;
  outcome: Outcome;
  expected: unknown;
  actual: unknown;
}

export const EVALUATED_FIELDS = [
  'processor', 'processorRegistration', 'controller', 'deadlineImmediate', 'deadlineHours', 'clockStart',
  'notifySuspicion', 'regardlessOfImpact', 'requiredFields', 'contacts', 'subProcessors', 'subjectCategories', 'dataCategories',
] as const;
export type EvaluatedField = (typeof EVALUATED_FIELDS)[number];

/** One document's annotation, as far as the scorer reads it. */
export interface ExpectedAgreement {
  processor?: { name: string; kvk?: string | null } | null;
  controller?: { name: string; kvk?: string | null } | null;
  deadline?: { immediate?: boolean | null; hours?: number | null; business_days?: number | null } | null;
  clock_start?: { value: string | null } | null;
  suspicion_must_be_notified?: { value: boolean | null } | null;
  regardless_of_impact?: { value: boolean | null } | null;
  required_fields?: { keys: string[] } | null;
  contacts_with_email_or_phone?: { role: string; name: string | null; email: string | null; phone: string | null }[];
  sub_processors?: string[];
  data_subject_categories?: string[];
  data_categories?: string[];
}

const normalise = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}@.]+/gu, ' ').replace(/\s+/g, ' ').trim();
const words = (s: string) => new Set(normalise(s).split(' ').filter((w) => w.length > 1));

/** Same thing named: one contains the other, or most of the shorter one's words are in the longer. */
export function sameText(a: string, b: string): boolean {
  const x = normalise(a);
  const y = normalise(b);
  if (!x || !y) return false;
  if (x === y || x.includes(y) || y.includes(x)) return true;
  const wa = words(a);
  const wb = words(b);
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  if (small.size === 0) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size >= 0.6;
}

const digits = (s: string) => s.replace(/\D/g, '');

function scoreValue<T>(expected: T | null, actual: T | null, same: (a: T, b: T) => boolean): Outcome {
  if (expected === null) return actual === null ? 'correct' : 'invented';
  if (actual === null) return 'missing';
  return same(expected, actual) ? 'correct' : 'wrong';
}

/** A list is right when (nearly) every item is found and (nearly) nothing else is. */
function scoreList(expected: string[], actual: string[] | null, same: (a: string, b: string) => boolean = sameText): Outcome {
  const found = actual ?? [];
  if (expected.length === 0) return found.length === 0 ? 'correct' : 'invented';
  if (found.length === 0) return 'missing';
  const recall = expected.filter((e) => found.some((a) => same(e, a))).length / expected.length;
  const precision = found.filter((a) => expected.some((e) => same(e, a))).length / found.length;
  return recall >= 0.8 && precision >= 0.8 ? 'correct' : 'wrong';
}

const SUPERVISOR = /\b(toezichthouder|supervisory|autoriteit persoonsgegevens|gegevensbeschermingsautoriteit|GBA|geen partij|not a party)\b/i;

function value<T>(x: { found: boolean; value?: T }): T | null {
  return x.found ? (x.value as T) : null;
}

export function scoreAgreement(expected: ExpectedAgreement, proposal: AgreementProfileProposal): FieldScore[] {
  const scores: FieldScore[] = [];
  const add = (field: EvaluatedField, outcome: Outcome, e: unknown, a: unknown) => scores.push({ field, outcome, expected: e, actual: a });

  const processor = value(proposal.processor);
  const eProcessor = expected.processor?.name ?? null;
  add('processor', scoreValue(eProcessor, processor?.name ?? null, sameText), eProcessor, processor?.name ?? null);
  const eReg = expected.processor?.kvk ?? null;
  add('processorRegistration', scoreValue(eReg, processor?.kvkNumber ?? null, (a, b) => digits(a) === digits(b)), eReg, processor?.kvkNumber ?? null);
  const controller = value(proposal.controller);
  const eController = expected.controller?.name ?? null;
  add('controller', scoreValue(eController, controller?.name ?? null, sameText), eController, controller?.name ?? null);

  const deadline = value(proposal.deadline);
  const eImmediate = expected.deadline?.immediate ?? null;
  // Silence on "without undue delay" is the same as "not immediate".
  const immediate = deadline ? deadline.withoutUndueDelay || deadline.hours === null : null;
  add('deadlineImmediate', scoreValue(eImmediate, immediate ?? (eImmediate === false ? false : null), (a, b) => a === b), eImmediate, immediate);
  const eHours = expected.deadline?.hours ?? (expected.deadline?.business_days ? expected.deadline.business_days * 24 : null);
  add('deadlineHours', scoreValue(eHours, deadline?.hours ?? null, (a, b) => a === b), eHours, deadline?.hours ?? null);

  const eClock = expected.clock_start?.value ?? null;
  add('clockStart', scoreValue(eClock, value(proposal.clockStart), (a, b) => a === b), eClock, value(proposal.clockStart));
  const eSuspicion = expected.suspicion_must_be_notified?.value ?? null;
  add('notifySuspicion', scoreValue(eSuspicion, value(proposal.notifySuspicion), (a, b) => a === b), eSuspicion, value(proposal.notifySuspicion));
  const eImpact = expected.regardless_of_impact?.value ?? null;
  add('regardlessOfImpact', scoreValue(eImpact, value(proposal.regardlessOfImpact), (a, b) => a === b), eImpact, value(proposal.regardlessOfImpact));

  const eFields = expected.required_fields?.keys ?? [];
  const fields = value(proposal.requiredFields);
  const fieldOutcome = eFields.length === 0
    ? (fields && fields.length ? 'invented' : 'correct')
    : !fields || fields.length === 0 ? 'missing'
      : [...new Set(eFields)].sort().join() === [...new Set(fields)].sort().join() ? 'correct' : 'wrong';
  add('requiredFields', fieldOutcome, eFields, fields);

  const eContacts = (expected.contacts_with_email_or_phone ?? []).filter((c) => !SUPERVISOR.test(c.role)).map((c) => [c.email, c.phone].filter(Boolean).join(' '));
  const contacts = (value(proposal.contacts) ?? []).filter((c) => c.email || c.phone || c.mobile).map((c) => [c.email, c.phone, c.mobile].filter(Boolean).join(' '));
  const sameContact = (a: string, b: string) => {
    const ta = a.split(' ');
    const tb = b.split(' ');
    return ta.some((x) => tb.some((y) => (x.includes('@') ? x.toLowerCase() === y.toLowerCase() : digits(x).slice(-9) === digits(y).slice(-9) && digits(x).length >= 9)));
  };
  add('contacts', scoreList(eContacts, contacts, sameContact), eContacts, contacts);

  const subs = value(proposal.subProcessors)?.map((s) => s.name) ?? null;
  add('subProcessors', scoreList(expected.sub_processors ?? [], subs), expected.sub_processors ?? [], subs);
  const subjects = value(proposal.subjectCategories);
  add('subjectCategories', scoreList(expected.data_subject_categories ?? [], subjects), expected.data_subject_categories ?? [], subjects);
  const data = value(proposal.dataCategories);
  add('dataCategories', scoreList(expected.data_categories ?? [], data), expected.data_categories ?? [], data);
  return scores;
}

export interface Tally {
  correct: number;
  missing: number;
  wrong: number;
  invented: number;
}

export const emptyTally = (): Tally => ({ correct: 0, missing: 0, wrong: 0, invented: 0 });

export function tally(scores: FieldScore[], into: Tally = emptyTally()): Tally {
  for (const s of scores) into[s.outcome] += 1;
  return into;
}

export const total = (t: Tally) => t.correct + t.missing + t.wrong + t.invented;
export const percentCorrect = (t: Tally) => (total(t) === 0 ? 0 : Math.round((1000 * t.correct) / total(t)) / 10);
