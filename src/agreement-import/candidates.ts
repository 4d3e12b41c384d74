import type { Extracted, NotFound, SourceRef } from './agreement-profile.types';

export interface Candidate<T> {
  value: T;
  confidence: number;
  source: SourceRef;
}

export const notFound = (reason: string): NotFound => ({ found: false, reason });

/**
 * The first candidate in the text becomes the proposal; the others either corroborate it
 * (same value) or contradict it (different value). A contradiction lowers the confidence
 * and is shown, so the admin chooses: nothing is dropped silently.
 */
export function decide<T>(candidates: Candidate<T>[], reason: string, same: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b)): Extracted<T> {
  if (candidates.length === 0) return notFound(reason);
  const [first, ...rest] = candidates;
  const alsoIn = rest.filter((c) => same(c.value, first.value) && c.source.start !== first.source.start).map((c) => c.source);
  const conflicts: { value: T; source: SourceRef }[] = [];
  for (const c of rest) {
    if (same(c.value, first.value)) continue;
    if (conflicts.some((k) => same(k.value, c.value))) continue;
    conflicts.push({ value: c.value, source: c.source });
  }
  return {
    found: true,
    value: first.value,
    confidence: conflicts.length ? Math.min(first.confidence, 0.5) : first.confidence,
    source: first.source,
    ...(alsoIn.length ? { alsoIn } : {}),
    ...(conflicts.length ? { conflicts } : {}),
  };
}
