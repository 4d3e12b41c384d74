import type { Extracted } from './agreement-profile.types';
import { decide, type Candidate } from './candidates';
import { sourceOf, type Sentence } from './clause-splitter';
import { findDurations, toMonths } from './number-words';
import { BREACH } from './vocabulary';

/**
 * How long breach records are kept after the contract ends ("informatie met betrekking tot
 * Inbreuken … tenminste tot een jaar na beëindiging … bewaren"). The sentence must be about
 * breaches: retention of the *data* after the contract ends is something else.
 */
const KEEP = /\b(bewaar\w*|bewaren|retain\w*|keep|kept|store[sd]?)\b/i;
const AFTER_END = /\b(na (de )?(beëindiging|het einde|afloop|einde)|nadat de overeenkomst|after (the )?(termination|end|expiry|expiration))\b/i;

export function extractRetention(sentences: Sentence[]): { retention: Extracted<number>; warnings: string[] } {
  const warnings: string[] = [];
  const hits: Candidate<number>[] = [];
  for (const s of sentences) {
    if (!BREACH.test(s.text) || !KEEP.test(s.text) || !AFTER_END.test(s.text)) continue;
    const d = findDurations(s.text)[0];
    if (!d) continue;
    const months = toMonths(d);
    if (months === null) {
      warnings.push(`Clause ${s.clause ?? '?'}: breach records are kept "${d.text}" after the contract ends; that is not a whole number of months, fill it in.`);
      continue;
    }
    hits.push({ value: months, confidence: 0.8, source: sourceOf(s) });
  }
  return { retention: decide(hits, 'The text does not say how long breach records are kept after the contract ends.'), warnings };
}
