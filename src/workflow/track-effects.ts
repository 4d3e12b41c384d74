import type { TrackEffect, TrackEvent } from '../../machines/breach-track.machine';
import { clockStartedAt, noticeDeadline, timerPlan } from '../domain/deadlines';
import type { IncidentRow, TrackRow } from '../domain/incident.repository';
import { agreementFor, type CommandContext } from './apply-track-event';
import { escalateOverdue, remindDpo, warnDeadline } from './alert-effects';
import { escalateNotice, queueNotice } from './notice-effects';
import { ACK_WINDOW_TIMERS, cancelTimers, DEADLINE_TIMERS, rearmTimer, scheduleTimer } from './track-timers';

/**
 * Turns the machine's effect intents into rows and jobs, on the command's transaction.
 * Nothing here talks to a provider: sending happens in jobs after commit.
 */
export async function executeTrackEffects(
  ctx: CommandContext,
  incident: IncidentRow,
  track: TrackRow,
  effects: TrackEffect[],
  event?: TrackEvent,
): Promise<void> {
  for (const effect of effects) {
    switch (effect.type) {
      case 'scheduleDeadline':
        await scheduleDeadline(ctx, incident, track);
        break;
      case 'cancelDeadline':
        await cancelTimers(ctx.tx, track.id, DEADLINE_TIMERS, ctx.at);
        break;
      case 'sendNotice':
        await queueNotice(ctx, incident, track, effect.params.kind, effect.params.preliminary === true);
        break;
      case 'scheduleAckWindow':
        await scheduleAckWindow(ctx, track);
        break;
      case 'cancelAckWindow':
        await cancelTimers(ctx.tx, track.id, ACK_WINDOW_TIMERS, ctx.at);
        break;
      case 'escalateNotice':
        await escalateNotice(ctx, incident, track, effect.params.step);
        break;
      case 'warnDeadline':
        await warnDeadline(ctx, incident, track, event?.type === 'DEADLINE_WARNING' ? event.share : 0);
        break;
      case 'escalateOverdue':
        await escalateOverdue(ctx, incident, track);
        break;
      case 'remindDpo':
        await remindDpo(ctx, incident, track);
        break;
      case 'scheduleApReminder':
        await scheduleTimer(ctx.tx, track.id, 'ap-reminder', new Date(track.apDeadlineAt!.getTime() - AP_REMINDER_BEFORE_MS), { type: 'AP_REMINDER' });
        break;
      case 'rescheduleDeadline':
        await scheduleDeadline(ctx, incident, track, true);
        break;
    }
  }
}

/** The DPO is reminded 12 hours before its 72 hours for the AP end. */
const AP_REMINDER_BEFORE_MS = 12 * 3_600_000;

/**
 * The deadline and its timers from the agreement and the facts. `again`: the facts changed
 * (a corrected discovery, a reopened dismissal): a timer that fired for the old deadline
 * fires again if its new moment is still ahead.
 */
async function scheduleDeadline(ctx: CommandContext, incident: IncidentRow, track: TrackRow, again = false): Promise<void> {
  const agreement = await agreementFor(ctx, track.agreementId);
  const startedAt = clockStartedAt(agreement, {
    discoveredAt: incident.discoveredAt,
    subProcessorDiscoveredAt: incident.subProcessorDiscoveredAt,
    establishedAt: track.establishedAt,
  });
  if (!startedAt) return; // the clock starts later (at establishment)
  track.clockStartedAt = startedAt;
  track.notifyDeadlineAt = noticeDeadline(agreement, startedAt);
  for (const timer of timerPlan(agreement, startedAt)) {
    if (again && timer.dueAt > ctx.at) await rearmTimer(ctx.tx, track.id, timer.name, timer.dueAt, timer.event);
    else await scheduleTimer(ctx.tx, track.id, timer.name, timer.dueAt, timer.event);
  }
}

/** Unacknowledged after the agreement's window: the stand-ins; after twice the window: the director (001, 4.4.2). */
async function scheduleAckWindow(ctx: CommandContext, track: TrackRow): Promise<void> {
  const agreement = await agreementFor(ctx, track.agreementId);
  const windowMs = agreement.ackWindowHours * 3_600_000;
  for (const step of [1, 2]) {
    await scheduleTimer(ctx.tx, track.id, `ack-${step}`, new Date(ctx.at.getTime() + step * windowMs), { type: 'ACK_OVERDUE', step });
  }
}
