import type { ContactRole } from './agreement-profile.types';

/** Role words as annexes write them; the first that matches wins, so the order matters. */
const ROLE_WORDS: Array<[RegExp, ContactRole]> = [
  [/\b(FG|functionaris (voor )?(de )?gegevensbescherming|DPO|data protection officer|privacy officer)\b/i, 'dpo'],
  [/\b(CISO|information security officer|security officer|informatiebeveiliger)\b/i, 'iso'],
  [/\bISO\b(?!\s*\d)/, 'iso'],
  [/\b(managing director|director|directeur|directie|bestuurder|CEO)\b/i, 'director'],
  [/\b(support ?desk|servicedesk|service desk|helpdesk|help desk|support cent(er|re))\b/i, 'support_desk'],
];

export function roleOf(text: string): { role: ContactRole; label: string } | null {
  let best: { role: ContactRole; label: string; index: number } | null = null;
  for (const [pattern, role] of ROLE_WORDS) {
    const m = pattern.exec(text);
    // The earliest role word names the role: "FG dan wel ISO" is first of all an FG.
    if (m && (best === null || m.index < best.index)) best = { role, label: m[0], index: m.index };
  }
  return best && { role: best.role, label: best.label };
}

const NAME = /^[A-Z][\p{L}'’.-]+(?:\s+(?:van|de|der|den|ter|te|in 't|[A-Z][\p{L}'’.-]*)){1,4}$/u;

/** A person's name as annexes write it ("Eric Klement", "Jan van der Berg"), not a role or a company. */
export function looksLikeName(text: string): boolean {
  return NAME.test(text.trim()) && !/\b(B\.?V\.?|N\.?V\.?|Ltd|GmbH|Inc)\b/.test(text) && roleOf(text) === null && !/\d|@/.test(text);
}
