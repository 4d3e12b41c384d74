import type { ClockStart, Extracted, NoticeDeadline } from './agreement-profile.types';
import { decide, type Candidate } from './candidates';
import { sourceOf, type Sentence } from './clause-splitter';
import { findDurations, toHours, type Duration } from './number-words';
import { AUTHORITY, BREACH, CLOCK_ESTABLISHED, CLOCK_FIRST, CLOCK_KNOWN, DIRECT, NOTIFY, UNDUE_DELAY } from './vocabulary';

/**
 * The notice deadline and what starts its clock. A sentence counts when it (or its clause
 * paragraph) is about a breach and about telling the controller, and it names a time: hours
 * ("24 uur", "vierentwintig (24) uur", "twenty-four hours") or only "onverwijld / without
 * undue delay" (immediately). Support response times, back-up intervals and the controller's
 * own 72 hours towards the authority are not notice deadlines.
 */
export interface DeadlineResult {
  deadline: Extracted<NoticeDeadline>;
  clockStart: Extracted<ClockStart>;
  warnings: string[];
}

interface Hit {
  sentence: Sentence;
  deadline: NoticeDeadline;
  duration: Duration | null;
  confidence: number;
}

/** The line ending in ":" that a list item hangs under, when it names a breach. */
function introOf(sentences: Sentence[], i: number): Sentence | null {
  for (let j = i - 1; j >= 0 && i - j <= 12; j--) {
    const s = sentences[j];
    if (s.line.listItem) continue;
    return /:\s*$/.test(s.line.body) && BREACH.test(s.line.body) ? s : null;
  }
  return null;
}

export function noticeSentences(sentences: Sentence[]): Sentence[] {
  // The breach may be named in the sentence before ("… over iedere Inbreuk. Deze informatie wordt
  // gegeven … binnen 24 uur"), but the telling must be in the sentence itself.
  // Only the sentence before counts as context: a whole paragraph (or a text without line
  // breaks) would make "binnen 30 dagen na kennisgeving" of a price change a notice deadline.
  // A list item under "Bij een (vermoedelijk) datalek:" or an article headed "Datalekken" is
  // about a breach too, though its own sentence does not say so.
  return sentences.filter((s, i) => NOTIFY.test(s.text) && (BREACH.test(s.text) || (i > 0 && sentences[i - 1].line === s.line && BREACH.test(sentences[i - 1].text)) || (s.heading !== null && BREACH.test(s.heading)) || (s.line.listItem && introOf(sentences, i) !== null)));
}

function deadlineIn(sentence: Sentence, warnings: string[]): Hit | null {
  const text = sentence.text;
  const durations = findDurations(text).filter((d) => toHours(d) !== null);
  // A time limit reads "binnen/uiterlijk/within/no later than …" right before the duration.
  const limited = durations.filter((d) => /(binnen|uiterlijk|within|no later than|not later than|maximaal|at the latest)\s+(\S+\s+){0,2}$/i.test(text.slice(Math.max(0, d.index - 40), d.index)) || /binnen|within/i.test(d.text));
  const undue = UNDUE_DELAY.test(text) || DIRECT.test(text);
  const own = BREACH.test(text) && NOTIFY.test(text);
  if (limited.length === 0) {
    if (!undue || !own) return null;
    return { sentence, deadline: { hours: null, withoutUndueDelay: true }, duration: null, confidence: 0.8 };
  }
  const d = limited[0];
  const hours = toHours(d)!;
  if (hours === 72 && AUTHORITY.test(text)) return null; // the controller's own term towards the AP
  if (d.mismatch) warnings.push(`Clause ${sentence.clause ?? '?'}: "${d.text}" writes ${d.mismatch.words} in words but ${d.mismatch.digits} in digits; the digits were taken.`);
  if (d.unit === 'business_day') warnings.push(`Clause ${sentence.clause ?? '?'}: the deadline is in working days ("${d.text}"); it was counted as calendar days.`);
  return { sentence, deadline: { hours, withoutUndueDelay: undue }, duration: d, confidence: own ? 0.9 : 0.8 };
}

function clockIn(hit: Hit): ClockStart | null {
  const text = hit.sentence.text;
  // What starts the clock is said after the time limit ("binnen 24 uur na het vaststellen");
  // an "ontdekt" before it only sets the scene ("Indien Planning-4 een datalek ontdekt, …").
  const after = hit.duration ? text.slice(hit.duration.index) : text;
  for (const window of [after, text]) {
    if (CLOCK_FIRST.test(window)) return 'first_discovery';
    if (CLOCK_ESTABLISHED.test(window)) return 'establishment';
    if (CLOCK_KNOWN.test(window)) return 'processor_discovery';
  }
  return null;
}

/** Immediacy that contradicts an hour count, unlike "zonder onredelijke vertraging" which goes with one. */
const STRONG_IMMEDIATE = /\b(onverwijld|onmiddellijk|terstond|immediately|forthwith)\b/i;

const sameDeadline = (a: NoticeDeadline, b: NoticeDeadline) => a.hours === b.hours;

export function extractDeadline(sentences: Sentence[]): DeadlineResult {
  const warnings: string[] = [];
  const hits = noticeSentences(sentences).map((s) => deadlineIn(s, warnings)).filter((h): h is Hit => h !== null);
  // "zonder onredelijke vertraging, doch uiterlijk binnen 24 uur" and a later bare "zonder
  // onredelijke vertraging" agree; only a bare "onverwijld" with no hours anywhere is immediate.
  const withHours = hits.filter((h) => h.deadline.hours !== null);
  const ordered = withHours.length ? [...withHours, ...hits.filter((h) => h.deadline.hours === null && (STRONG_IMMEDIATE.test(h.sentence.text) || DIRECT.test(h.sentence.text)))] : hits;
  const deadline = decide<NoticeDeadline>(
    ordered.map((h) => ({ value: h.deadline, confidence: h.confidence, source: sourceOf(h.sentence) })),
    'No sentence about notifying a breach names a time limit (hours, days, or "onverwijld / without undue delay").',
    sameDeadline,
  );
  const clocks: Candidate<ClockStart>[] = [];
  for (const h of ordered) {
    const clock = clockIn(h);
    if (clock) clocks.push({ value: clock, confidence: 0.85, source: sourceOf(h.sentence) });
  }
  const clockStart = decide(clocks, 'The deadline sentence does not say from when it runs (known, established, first discovery).');
  if (deadline.found && deadline.conflicts) warnings.push(`The text names ${1 + deadline.conflicts.length} different notice deadlines; choose one.`);
  return { deadline, clockStart, warnings };
}
