import type { TrackEffect, TrackEvent } from '../../machines/breach-track.machine';
import { clockStartedAt, noticeDeadline, timerPlan } from '../domain/deadlines';
import { loadAgreement } from '../domain/directory.repository';
import type { IncidentRow, TrackRow } from '../domain/incident.repository';
import type { CommandContext } from './apply-track-event';
import { escalateOverdue, remindDpo, warnDeadline } from './alert-effects';
import { escalateNotice, queueNotice } from './notice-effects';
import { ACK_WINDOW_TIMERS, cancelTimers, DEADLINE_TIMERS, scheduleTimer } from './track-timers';

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
    }
  }
}

async function scheduleDeadline(ctx: CommandContext, incident: IncidentRow, track: TrackRow): Promise<void> {
  const agreement = await loadAgreement(ctx.tx, track.agreementId);
  const startedAt = clockStartedAt(agreement, {
    discoveredAt: incident.discoveredAt,
    subProcessorDiscoveredAt: incident.subProcessorDiscoveredAt,
    establishedAt: track.establishedAt,
  });
  if (!startedAt) return; // the clock starts later (at establishment)
  track.clockStartedAt = startedAt;
  track.notifyDeadlineAt = noticeDeadline(agreement, startedAt);
  for (const timer of timerPlan(agreement, startedAt)) {
    await scheduleTimer(ctx.tx, track.id, timer.name, timer.dueAt, timer.event);
  }
}

/** Unacknowledged after the agreement's window: the stand-ins; after twice the window: the director (001, 4.4.2). */
async function scheduleAckWindow(ctx: CommandContext, track: TrackRow): Promise<void> {
  const agreement = await loadAgreement(ctx.tx, track.agreementId);
  const windowMs = agreement.ackWindowHours * 3_600_000;
  for (const step of [1, 2]) {
    await scheduleTimer(ctx.tx, track.id, `ack-${step}`, new Date(ctx.at.getTime() + step * windowMs), { type: 'ACK_OVERDUE', step });
  }
}
