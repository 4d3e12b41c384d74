import type { CommandDeps } from '../workflow/apply-track-event';
import { canApply } from '../../machines/track-workflow';
import { DEFAULT_REOPEN_DAYS, type TrackEvent } from '../../machines/breach-track.machine';
import { appendAudit } from '../audit/audit-trail';
import { actorOf, requireRole, PROCESSOR_ROLES, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import { NotFoundError } from '../domain/errors';
import { lockIncident, setIncidentStatus, tracksOf, type IncidentRow, type TrackRow } from '../domain/incident.repository';
import { listControllers } from '../domain/directory.repository';
import { BatchRefusedError } from '../domain/event-refusal';
import type { IncidentEventInput } from '../domain/incident.schemas';
import { loadIncidentView, type IncidentView } from '../domain/incident.views';
import { applyTrackEvent, refusalOf, type CommandContext } from '../workflow/apply-track-event';
import { applyDueTimers } from '../workflow/due-timers';

/**
 * Support staff move the case on: confirm, dismiss, reopen, notify, supplement, retract,
 * close. One track (`trackId`), a chosen subset (`trackIds`: every one must take it), or,
 * without either, every track that can take it now (the usual "notify all").
 *
 * One transaction, one incident lock, each distinct agreement loaded once; the pure machine
 * decides per track. A subset is all or nothing: refusals are reported per controller and
 * nothing is applied.
 */
export async function applyIncidentEvent(incidentId: string, input: IncidentEventInput, user: AuthUser, deps: CommandDeps): Promise<IncidentView> {
  requireRole(user, PROCESSOR_ROLES);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const incident = await lockIncident(tx, incidentId);
    if (!incident) throw new NotFoundError('Incident');
    const tracks = await tracksOf(tx, incidentId, { lock: true });
    const { trackId, trackIds, ...rest } = input;
    const ctx: CommandContext = { tx, at, actor: actorOf(user), userId: user.id, publicUrl: deps.publicUrl, agreements: new Map() };
    // A deadline that passed a moment ago counts even if its job has not run yet: a notice
    // sent now is late and must say why.
    const catchUp: CommandContext = { ...ctx, actor: { kind: 'system', name: 'deadline-catch-up' }, userId: null };
    for (const track of tracks) await applyDueTimers(catchUp, incident, track);

    const reopenMs = (deps.config?.reopenDays ?? DEFAULT_REOPEN_DAYS) * 86_400_000;
    // The facts the machine's guards need, per track.
    const eventFor = (track: TrackRow): TrackEvent => {
      if (rest.type === 'CLOSE') return { ...rest, measuresRecorded: incident.fields.measures != null };
      if (rest.type === 'REOPEN') return { ...rest, withinPeriod: track.closedAt !== null && at.getTime() - track.closedAt.getTime() <= reopenMs };
      // One reason for several tracks: printed only in the notices that are late.
      if (rest.type === 'NOTIFY' && rest.lateReason && (trackIds?.length ?? 0) > 1 && !track.overdue) return { type: 'NOTIFY' };
      return rest as TrackEvent;
    };

    const targets = chooseTargets(tracks, trackId, trackIds, eventFor);
    if (trackIds) {
      const refused = targets.filter((t) => !canApply(t.snapshot, eventFor(t)));
      if (refused.length > 0) throw await batchRefused(tx, refused, targets, eventFor);
    }
    for (const track of targets) await applyTrackEvent(ctx, incident, track, eventFor(track));
    if (rest.type === 'REOPEN' && incident.status === 'closed') await reopenIncident(ctx, incident);
    await closeIncidentWhenDone(ctx, incident);
    return loadIncidentView(tx, incidentId, user);
  });
}

function chooseTargets(tracks: TrackRow[], trackId: string | undefined, trackIds: string[] | undefined, eventFor: (t: TrackRow) => TrackEvent): TrackRow[] {
  if (trackId || trackIds) {
    const wanted = new Set(trackIds ?? [trackId!]);
    const targets = tracks.filter((t) => wanted.has(t.id));
    if (targets.length !== wanted.size) throw new NotFoundError('Track');
    return targets;
  }
  const able = tracks.filter((t) => canApply(t.snapshot, eventFor(t)));
  // Nothing can take it: let the first track explain why (state, missing reason, …).
  return able.length > 0 ? able : tracks.slice(0, 1);
}

async function batchRefused(tx: Tx, refused: TrackRow[], targets: TrackRow[], eventFor: (t: TrackRow) => TrackEvent): Promise<BatchRefusedError> {
  const controllers = new Map((await listControllers(tx, refused.map((t) => t.controllerId))).map((c) => [c.id, c.name]));
  return new BatchRefusedError(refused.map((track) => ({
    trackId: track.id, index: targets.indexOf(track), controller: controllers.get(track.controllerId) ?? track.controllerId, refusal: refusalOf(track, eventFor(track)),
  })));
}

async function reopenIncident(ctx: CommandContext, incident: IncidentRow): Promise<void> {
  await setIncidentStatus(ctx.tx, incident.id, 'open', ctx.at);
  incident.status = 'open';
  await appendAudit(ctx.tx, { incidentId: incident.id, type: 'incident.reopened', actor: ctx.actor, at: ctx.at, data: {} });
}

/** An incident closes when every track is closed or dismissed. */
export async function closeIncidentWhenDone(ctx: CommandContext, incident: IncidentRow): Promise<void> {
  if (incident.status === 'closed') return;
  const open = await openTrackCount(ctx.tx, incident.id);
  if (open > 0) return;
  await setIncidentStatus(ctx.tx, incident.id, 'closed', ctx.at);
  await appendAudit(ctx.tx, { incidentId: incident.id, type: 'incident.closed', actor: ctx.actor, at: ctx.at, data: {} });
}

async function openTrackCount(tx: Tx, incidentId: string): Promise<number> {
  const [row] = await tx.query(`SELECT count(*)::int AS n FROM tracks WHERE incident_id = $1 AND state NOT IN ('closed', 'dismissed')`, [incidentId]);
  return row.n;
}
