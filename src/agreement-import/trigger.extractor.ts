import type { Extracted } from './agreement-profile.types';
import { decide, type Candidate } from './candidates';
import { sourceOf, type Sentence } from './clause-splitter';
import { noticeSentences } from './deadline.extractor';
import { BREACH, IMPACT_FALSE, IMPACT_TRUE, SUSPICION_FALSE, SUSPICION_TRUE } from './vocabulary';

/**
 * What triggers a notice: must a mere suspicion be notified ("(potentieel) datalek",
 * "suspected breach"; or "alleen als de gebeurtenis zich daadwerkelijk voorgedaan heeft"),
 * and must every breach be notified regardless of impact ("iedere Inbreuk", "altijd",
 * "regardless of impact"; or "alleen indien … risico"). Silence stays not found.
 */
function candidates(sentences: Sentence[], yes: RegExp, no: RegExp): Candidate<boolean>[] {
  const out: Candidate<boolean>[] = [];
  for (const s of sentences) {
    if (no.test(s.text)) out.push({ value: false, confidence: 0.8, source: sourceOf(s) });
    else if (yes.test(s.text)) out.push({ value: true, confidence: 0.8, source: sourceOf(s) });
  }
  return out;
}

const chapterOf = (clause: string | null): string | null => (clause === null ? null : clause.replace(/\.\d.*$/, ''));

export function extractTriggers(sentences: Sentence[]): { notifySuspicion: Extracted<boolean>; regardlessOfImpact: Extracted<boolean> } {
  const notice = new Set(noticeSentences(sentences));
  // "Een melding moet altijd worden gedaan" sits in the notice article but names no breach itself.
  const chapters = new Set<string | null>([...notice].map((s) => chapterOf(s.clause)).filter((c) => c !== null));
  const headings = new Set([...notice].map((s) => s.heading).filter((h) => h !== null));
  const inNoticeClauses = sentences.filter((s) => notice.has(s)
    || (chapters.has(chapterOf(s.clause)) && /\b(melding|meld\w*|notice|notif\w*)\b/i.test(s.text))
    // "Bij een (vermoedelijk) datalek:" introduces the notice list under the same heading.
    || (s.heading !== null && headings.has(s.heading) && /:\s*$/.test(s.text) && BREACH.test(s.text)));
  return {
    notifySuspicion: decide(candidates(inNoticeClauses, SUSPICION_TRUE, SUSPICION_FALSE), 'The text does not say whether a mere suspicion of a breach must be notified.'),
    regardlessOfImpact: decide(candidates(inNoticeClauses, IMPACT_TRUE, IMPACT_FALSE), 'The text does not say whether every breach must be notified regardless of its impact.'),
  };
}
