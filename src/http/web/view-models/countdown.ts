import type { UiMessages } from '../../../i18n/ui-messages';

export type Tone = 'ok' | 'warn' | 'over';

export interface Countdown {
  startIso: string;
  deadlineIso: string;
  warnShare: number;
  percent: number;
  tone: Tone;
  text: string;
  /** Templates for static/app.js, which keeps the text live: `{t}` is the remaining time. */
  leftTemplate: string;
  overTemplate: string;
  hoursShort: string;
  minutesShort: string;
}

/** "5 u 12 min" / "5 h 12 min": hours and minutes are what people count a 24-hour term in. */
export function duration(m: UiMessages, ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  return `${Math.floor(minutes / 60)} ${m.hoursShort} ${minutes % 60} ${m.minutesShort}`;
}

/**
 * A bar from clock start to deadline: green, amber from the agreement's first warning, red
 * once overdue. The same arithmetic runs in static/app.js to keep it moving.
 */
export function countdown(m: UiMessages, startIso: string, deadlineIso: string, warnShare: number, nowMs: number): Countdown {
  const start = Date.parse(startIso);
  const deadline = Date.parse(deadlineIso);
  const span = Math.max(1, deadline - start);
  const share = (nowMs - start) / span;
  const over = nowMs >= deadline;
  return {
    startIso,
    deadlineIso,
    warnShare,
    percent: Math.round(Math.min(1, Math.max(0, share)) * 100),
    tone: over ? 'over' : share >= warnShare ? 'warn' : 'ok',
    text: (over ? m.timeOver : m.timeLeft).replace('{t}', duration(m, deadline - nowMs)),
    leftTemplate: m.timeLeft,
    overTemplate: m.timeOver,
    hoursShort: m.hoursShort,
    minutesShort: m.minutesShort,
  };
}
