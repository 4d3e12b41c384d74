import { applyEvent, acceptedEventTypes } from '../../machines/track-workflow';
import type { TrackEffect, TrackEvent } from '../../machines/breach-track.machine';
import { appendAudit, type Actor } from '../audit/audit-trail';
import type { Tx } from '../db/transaction';
import { EventNotAllowedError, PERSON_EVENTS, type RefusalWhy } from '../domain/event-refusal';
import { saveTrack, type IncidentRow, type TrackRow } from '../domain/incident.repository';
import { loadAgreement, type Agreement } from '../domain/directory.repository';
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
  /** Agreements loaded in this command, by id: an incident-wide command loads each once. */
  agreements?: Map<string, Agreement>;
}

/** What every command needs from outside. */
export interface CommandDeps {
  dataSource: import('typeorm').DataSource;
  publicUrl: string;
  config?: { reopenDays?: number };
}

/** The track's agreement, loaded once per command. */
export async function agreementFor(ctx: Pick<CommandContext, 'tx' | 'agreements'>, agreementId: string): Promise<Agreement> {
  const cached = ctx.agreements?.get(agreementId);
  if (cached) return cached;
  const agreement = await loadAgreement(ctx.tx, agreementId);
  ctx.agreements?.set(agreementId, agreement);
  return agreement;
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
  if (!step) throw refusalOf(track, event);
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

/** The track as it will be once the event's facts are recorded (for a preview; nothing is written). */
export function withEventFacts(track: TrackRow, event: TrackEvent, at: Date): TrackRow {
  const copy = { ...track };
  recordEventFacts({ at } as CommandContext, copy, event);
  return copy;
}

function recordEventFacts(ctx: Pick<CommandContext, 'at'>, track: TrackRow, event: TrackEvent): void {
  switch (event.type) {
    case 'CONFIRM':
      track.establishedAt = ctx.at;
      break;
    case 'DISMISS':
      track.dismissReason = event.reason.trim();
      track.closedAt = ctx.at;
      break;
    case 'REOPEN':
      // The dismissal and its reason stay in the audit trail; the track is open again.
      track.reopenedAt = ctx.at;
      track.reopenReason = event.reason.trim();
      track.dismissReason = null;
      track.closedAt = null;
      break;
    case 'RETRACT':
      track.retractReason = event.reason.trim();
      track.closedAt = ctx.at;
      break;
    case 'CONTROLLER_AWARE':
      track.controllerAwareAt = ctx.at;
      track.apDeadlineAt = new Date(ctx.at.getTime() + AP_TERM_MS);
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

/** The controller's term for the AP (GDPR art. 33(1)). */
export const AP_TERM_MS = 72 * 3_600_000;

function eventData(event: TrackEvent): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}

/** Why the machine refuses this event on this track, in words (and facts for a page). */
export function refusalOf(track: TrackRow, event: TrackEvent): EventNotAllowedError {
  const state = track.snapshot.value;
  const accepted = acceptedEventTypes(track.snapshot);
  const possible = accepted.filter((t) => PERSON_EVENTS.includes(t));
  if (!accepted.includes(event.type)) return new EventNotAllowedError(event.type, state, 'state', possible);
  const why: RefusalWhy =
    event.type === 'NOTIFY' && track.snapshot.context.overdue ? 'lateReason'
      : event.type === 'NOTIFY' ? 'suspicionNotNotified'
        : event.type === 'DISMISS' || event.type === 'RETRACT' || event.type === 'REOPEN' ? (event.type === 'REOPEN' && hasText(event.reason) ? 'reopenPeriod' : 'reason')
          : event.type === 'CLOSE' ? 'closeNeeds'
            : event.type === 'CONFIRM' ? 'alreadyConfirmed'
              : 'conditions';
  return new EventNotAllowedError(event.type, state, why, possible);
}

const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim().length > 0;
