import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { canApply } from '../../machines/track-workflow';
import type { TrackEvent } from '../../machines/breach-track.machine';
import { appendAudit } from '../audit/audit-trail';
import { actorOf, requireRole, PROCESSOR_ROLES, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import { NotFoundError } from '../domain/errors';
import { lockIncident, tracksOf, type IncidentRow } from '../domain/incident.repository';
import type { IncidentEventInput } from '../domain/incident.schemas';
import { loadIncidentView, type IncidentView } from '../domain/incident.views';
import { applyTrackEvent, type CommandContext } from '../workflow/apply-track-event';
import { applyDueTimers } from '../workflow/due-timers';

/**
 * Support staff move the case on: confirm, dismiss, notify, supplement, close. Without a
 * `trackId` the event goes to every track that can take it now (the usual "notify all").
 */
export async function applyIncidentEvent(incidentId: string, input: IncidentEventInput, user: AuthUser, deps: CommandDeps): Promise<IncidentView> {
  requireRole(user, PROCESSOR_ROLES);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const incident = await lockIncident(tx, incidentId);
    if (!incident) throw new NotFoundError('Incident');
    const tracks = await tracksOf(tx, incidentId, { lock: true });
    const { trackId, ...rest } = input;
    // Closing needs the measures on record (BRIEF §3.9): the machine's guard gets the fact.
    const event = (rest.type === 'CLOSE' ? { ...rest, measuresRecorded: incident.fields.measures != null } : rest) as TrackEvent;
    const ctx: CommandContext = { tx, at, actor: actorOf(user), userId: user.id, publicUrl: deps.publicUrl };
    // A deadline that passed a moment ago counts even if its job has not run yet: a notice
    // sent now is late and must say why.
    const catchUp: CommandContext = { ...ctx, actor: { kind: 'system', name: 'deadline-catch-up' }, userId: null };
    for (const track of tracks) await applyDueTimers(catchUp, incident, track);

    let targets = tracks;
    if (trackId) {
      targets = tracks.filter((t) => t.id === trackId);
      if (targets.length === 0) throw new NotFoundError('Track');
    } else {
      targets = tracks.filter((t) => canApply(t.snapshot, event));
      // Nothing can take it: let the first track explain why (state, missing reason, …).
      if (targets.length === 0) targets = tracks.slice(0, 1);
    }
    for (const track of targets) await applyTrackEvent(ctx, incident, track, event);
    await closeIncidentWhenDone(ctx, incident);
    return loadIncidentView(tx, incidentId, user);
  });
}

/** An incident closes when every track is closed or dismissed. */
export async function closeIncidentWhenDone(ctx: CommandContext, incident: IncidentRow): Promise<void> {
  if (incident.status === 'closed') return;
  const open = await openTrackCount(ctx.tx, incident.id);
  if (open > 0) return;
  await ctx.tx.query(`UPDATE incidents SET status = 'closed', updated_at = $2 WHERE id = $1`, [incident.id, ctx.at]);
  await appendAudit(ctx.tx, { incidentId: incident.id, type: 'incident.closed', actor: ctx.actor, at: ctx.at, data: {} });
}

async function openTrackCount(tx: Tx, incidentId: string): Promise<number> {
  const [row] = await tx.query(`SELECT count(*)::int AS n FROM tracks WHERE incident_id = $1 AND state NOT IN ('closed', 'dismissed')`, [incidentId]);
  return row.n;
}
