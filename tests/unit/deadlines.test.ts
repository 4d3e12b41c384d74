import { clockStartedAt, describeDeadlineRule, noticeDeadline, timerPlan, type AgreementClock } from '../../src/domain/deadlines';

const discoveredAt = new Date('2026-11-20T10:00:00Z');
const subProcessorDiscoveredAt = new Date('2026-11-19T22:00:00Z');
const establishedAt = new Date('2026-11-20T15:30:00Z');
const moments = { discoveredAt, subProcessorDiscoveredAt, establishedAt };
const clock = (over: Partial<AgreementClock>): AgreementClock => ({ deadlineHours: 24, clockStart: 'processor_discovery', warningShares: [0.5, 0.8], ...over });

describe('notice deadlines from the agreement', () => {
  test('when the clock starts at our discovery, then a sub-processor\'s earlier discovery does not count', () => {
    expect(clockStartedAt(clock({}), moments)).toEqual(discoveredAt);
  });

  test('when the clock starts at the first discovery, then the sub-processor\'s earlier moment starts it', () => {
    expect(clockStartedAt(clock({ clockStart: 'first_discovery' }), moments)).toEqual(subProcessorDiscoveredAt);
    expect(clockStartedAt(clock({ clockStart: 'first_discovery' }), { ...moments, subProcessorDiscoveredAt: null })).toEqual(discoveredAt);
  });

  test('when the clock starts at establishment, then there is no deadline until the breach is established', () => {
    expect(clockStartedAt(clock({ clockStart: 'establishment' }), { ...moments, establishedAt: null })).toBeNull();
    expect(clockStartedAt(clock({ clockStart: 'establishment' }), moments)).toEqual(establishedAt);
  });

  test('when the agreement gives 24 hours, then warnings fall at 50 % and 80 % and the deadline 24 h after the start', () => {
    const plan = timerPlan(clock({}), discoveredAt);
    expect(plan.map((p) => [p.name, p.dueAt.toISOString()])).toEqual([
      ['warning-50', '2026-11-20T22:00:00.000Z'],
      ['warning-80', '2026-11-21T05:12:00.000Z'],
      ['elapsed', '2026-11-21T10:00:00.000Z'],
    ]);
  });

  test('when the agreement says "onverwijld" (no hours), then the notice is due at once, with one "due now" warning and no hour count to miss', () => {
    const immediate = clock({ deadlineHours: null, autoNoticeShare: 0.5 });
    expect(noticeDeadline(immediate, discoveredAt)).toEqual(discoveredAt);
    expect(timerPlan(immediate, discoveredAt).map((p) => [p.name, p.dueAt, p.event])).toEqual([
      ['warning-0', discoveredAt, { type: 'DEADLINE_WARNING', share: 0 }],
    ]);
    expect(describeDeadlineRule(immediate, 'nl')).toBe('onverwijld nadat het lek bij ons bekend werd');
  });

  test('when the agreement wants an automatic preliminary notice, then its timer falls at that share, in order with the warnings', () => {
    const plan = timerPlan(clock({ autoNoticeShare: 0.75 }), discoveredAt);
    expect(plan.map((p) => p.name)).toEqual(['warning-50', 'auto-notice', 'warning-80', 'elapsed']);
    expect(plan[1]).toMatchObject({ dueAt: new Date('2026-11-21T04:00:00Z'), event: { type: 'AUTO_NOTIFY' } });
  });

  test('when the rule is described, then it reads as the agreement would say it, in either language', () => {
    expect(describeDeadlineRule(clock({ clockStart: 'establishment' }), 'nl')).toBe('binnen 24 uur na het vaststellen van het datalek');
    expect(describeDeadlineRule(clock({ deadlineHours: 48 }), 'en')).toBe('within 48 hours after the breach became known to us');
  });
});
