import { applyEvent, acceptedEventTypes } from '../../machines/track-workflow';
import type { TrackEffect, TrackEvent, TrackState } from '../../machines/breach-track.machine';
import { appendAudit, type Actor } from '../audit/audit-trail';
import type { Tx } from '../db/transaction';
import { ConflictError } from '../domain/errors';
import { saveTrack, type IncidentRow, type TrackRow } from '../domain/incident.repository';
import { executeTrackEffects } from './track-effects';
import { queueWebhooks } from '../webhooks/queue-webhooks';

export interface CommandContext {
  tx: Tx;
  /** The database clock at the start of the command. */
  at: Date;
  actor: Actor;
  /** The acting user, if a person acts (stored as the notice's author). */
  userId: string | null;
  /** Base of links in alerts (the UI's pages). */
  publicUrl: string;
}

/** What every command needs from outside. */
export interface CommandDeps {
  dataSource: import('typeorm').DataSource;
  publicUrl: string;
}

/**
 * Runs one event through the track's machine and records everything it implies: the new
 * snapshot, the facts the event carries, the effects as rows and jobs, and an audit event.
 * The caller holds the incident's and the track's row locks.
 */
export async function applyTrackEvent(
  ctx: CommandContext,
  incident: IncidentRow,
  track: TrackRow,
  event: TrackEvent,
  auditData: Record<string, unknown> = {},
): Promise<TrackEffect[]> {
  const step = applyEvent(track.snapshot, event);
  if (!step) throw notAllowed(track, event);
  const from = track.state;
  track.snapshot = step.snapshot;
  track.state = step.snapshot.value;
  track.overdue = step.snapshot.context.overdue;
  recordEventFacts(ctx, track, event);
  await executeTrackEffects(ctx, incident, track, step.effects, event);
  await saveTrack(ctx.tx, track);
  const { seq } = await appendAudit(ctx.tx, {
    incidentId: incident.id,
    trackId: track.id,
    type: `track.${event.type.toLowerCase()}`,
    actor: ctx.actor,
    at: ctx.at,
    data: { from, to: track.state, ...eventData(event), ...auditData, effects: step.effects.map((e) => e.type) },
  });
  if (from !== track.state) {
    await queueWebhooks(ctx.tx, {
      incidentId: incident.id, reference: incident.reference, trackId: track.id, controllerId: track.controllerId,
      from, to: track.state, event: event.type, at: ctx.at, seq: String(seq),
    });
  }
  return step.effects;
}

function recordEventFacts(ctx: CommandContext, track: TrackRow, event: TrackEvent): void {
  switch (event.type) {
    case 'CONFIRM':
      track.establishedAt = ctx.at;
      break;
    case 'DISMISS':
      track.dismissReason = event.reason.trim();
      track.closedAt = ctx.at;
      break;
    case 'NOTIFY':
      if (event.lateReason?.trim()) track.lateReason = event.lateReason.trim();
      break;
    case 'ACKNOWLEDGE':
      track.acknowledgedAt ??= ctx.at;
      break;
    case 'CLOSE':
      track.closedAt = ctx.at;
      break;
    default:
      break;
  }
}

function eventData(event: TrackEvent): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}

const STATE_LABELS: Record<TrackState, string> = {
  detected: 'detected',
  triage: 'in triage',
  dismissed: 'dismissed',
  awaitingNotice: 'awaiting notice',
  notified: 'notified',
  awaitingAssessment: 'awaiting assessment',
  followUp: 'in follow-up',
  closed: 'closed',
};

function notAllowed(track: TrackRow, event: TrackEvent): ConflictError {
  const state = track.snapshot.value;
  const accepted = acceptedEventTypes(track.snapshot);
  if (accepted.includes(event.type)) {
    const hint =
      event.type === 'NOTIFY' && track.snapshot.context.overdue
        ? 'The deadline has passed: give the reason for the delay (lateReason).'
        : event.type === 'NOTIFY'
          ? "This agreement does not want a mere suspicion notified: CONFIRM the breach first."
          : event.type === 'DISMISS'
            ? 'Give the reason for dismissing (reason).'
            : event.type === 'CLOSE'
              ? 'Closing needs the measures recorded (fields.measures) and a final notice sent (SUPPLEMENT with final: true).'
              : 'Its conditions are not met.';
    const fields: Record<string, string> | undefined = event.type === 'NOTIFY' && track.snapshot.context.overdue ? { lateReason: 'required: the notice is late' } : event.type === 'DISMISS' ? { reason: 'required' } : undefined;
    return new ConflictError('event_not_allowed', `${event.type} is not possible now on the track for this controller (${STATE_LABELS[state]}). ${hint}`, fields);
  }
  return new ConflictError(
    'event_not_allowed',
    `${event.type} is not possible while the track is ${STATE_LABELS[state]}; possible now: ${accepted.filter((t) => !t.startsWith('DEADLINE_')).join(', ') || 'nothing'}.`,
  );
}
