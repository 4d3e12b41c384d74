/**
 * Notice deadlines as the agreement words them. Computed once, stored on the track; the
 * timers only wake the stored values up.
 */
export type ClockStart = 'processor_discovery' | 'first_discovery' | 'establishment';

export interface AgreementClock {
  deadlineHours: number | null; // null: "onverwijld" / immediately
  clockStart: ClockStart;
  warningShares: number[];
  /** Send a preliminary notice automatically at this share of the term, if none went out. */
  autoNoticeShare?: number | null;
}

export interface BreachMoments {
  discoveredAt: Date; // became known to us
  subProcessorDiscoveredAt: Date | null;
  establishedAt: Date | null;
}

export interface TimerPlan {
  name: string;
  dueAt: Date;
  event: { type: 'DEADLINE_WARNING'; share: number } | { type: 'DEADLINE_ELAPSED' } | { type: 'AUTO_NOTIFY' };
}

export function clockStartedAt(clock: AgreementClock, moments: BreachMoments): Date | null {
  switch (clock.clockStart) {
    case 'processor_discovery':
      return moments.discoveredAt;
    case 'first_discovery':
      return moments.subProcessorDiscoveredAt && moments.subProcessorDiscoveredAt < moments.discoveredAt
        ? moments.subProcessorDiscoveredAt
        : moments.discoveredAt;
    case 'establishment':
      return moments.establishedAt;
  }
}

export function noticeDeadline(clock: AgreementClock, startedAt: Date): Date {
  return new Date(startedAt.getTime() + (clock.deadlineHours ?? 0) * 3_600_000);
}

/**
 * Warnings at the agreement's shares of the term, the optional automatic preliminary notice,
 * then the deadline itself. "Immediately" has no term to share out: one warning at once
 * ("due now") goes to the people who must act, and nothing can be late by hours.
 */
export function timerPlan(clock: AgreementClock, startedAt: Date): TimerPlan[] {
  if (clock.deadlineHours === null) {
    return [{ name: 'warning-0', dueAt: startedAt, event: { type: 'DEADLINE_WARNING', share: 0 } }];
  }
  const deadline = noticeDeadline(clock, startedAt);
  const span = deadline.getTime() - startedAt.getTime();
  const at = (share: number) => new Date(startedAt.getTime() + share * span);
  const warnings: TimerPlan[] = clock.warningShares.map((share) => ({
    name: `warning-${Math.round(share * 100)}`,
    dueAt: at(share),
    event: { type: 'DEADLINE_WARNING' as const, share },
  }));
  const auto: TimerPlan[] = clock.autoNoticeShare
    ? [{ name: 'auto-notice', dueAt: at(clock.autoNoticeShare), event: { type: 'AUTO_NOTIFY' as const } }]
    : [];
  return [...warnings, ...auto, { name: 'elapsed', dueAt: deadline, event: { type: 'DEADLINE_ELAPSED' as const } }].sort(
    (a, b) => a.dueAt.getTime() - b.dueAt.getTime(),
  );
}

export function describeDeadlineRule(clock: AgreementClock, language: 'nl' | 'en'): string {
  const start = {
    nl: { processor_discovery: 'nadat het lek bij ons bekend werd', first_discovery: 'na de eerste ontdekking (door ons of een sub-verwerker)', establishment: 'na het vaststellen van het datalek' },
    en: { processor_discovery: 'after the breach became known to us', first_discovery: 'after the first discovery (by us or a sub-processor)', establishment: 'after the breach was established' },
  }[language][clock.clockStart];
  if (clock.deadlineHours === null) return language === 'nl' ? `onverwijld ${start}` : `immediately ${start}`;
  return language === 'nl' ? `binnen ${clock.deadlineHours} uur ${start}` : `within ${clock.deadlineHours} hours ${start}`;
}
