import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-trail';
import { actorOf, requireRole, PROCESSOR_ROLES, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction } from '../db/transaction';
import { ConflictError, NotFoundError } from '../domain/errors';
import { lockIncident } from '../domain/incident.repository';
import type { UpdateIncidentInput } from '../domain/incident.schemas';
import { loadIncidentView, type IncidentView } from '../domain/incident.views';
import { diffContent } from '../domain/notice-fields';
import { checkDiscoveryMoments } from '../domain/discovery';
import { tracksOf, type IncidentRow } from '../domain/incident.repository';
import { PRE_NOTICE_STATES, type TrackEvent, type TrackState } from '../../machines/breach-track.machine';
import { canApply } from '../../machines/track-workflow';
import { clockStartedAt, noticeDeadline } from '../domain/deadlines';
import { loadAgreement, type Agreement } from '../domain/directory.repository';
import { applyTrackEvent, type CommandContext } from '../workflow/apply-track-event';

/**
 * Support staff fill in what has become known. The change is audited field by field (old →
 * new); it reaches the controllers with the next notice or supplement.
 */
export async function updateIncident(incidentId: string, input: UpdateIncidentInput, user: AuthUser, deps: CommandDeps): Promise<IncidentView> {
  requireRole(user, PROCESSOR_ROLES);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const incident = await lockIncident(tx, incidentId);
    if (!incident) throw new NotFoundError('Incident');
    if (input.expectedVersion !== undefined && input.expectedVersion !== incident.version) {
      throw new ConflictError('stale_version', `Someone changed this incident meanwhile (version ${incident.version}, you edited ${input.expectedVersion}). Reload and edit again.`);
    }
    if (incident.status === 'closed') throw new ConflictError('incident_closed', 'The incident is closed; it can no longer be edited.');

    const before = {
      summary: incident.summary,
      discoveredAt: incident.discoveredAt.toISOString(),
      discoveredBy: incident.discoveredBy,
      subProcessorName: incident.subProcessorName,
      subProcessorDiscoveredAt: incident.subProcessorDiscoveredAt?.toISOString() ?? null,
      ...incident.fields,
    };
    const fields = { ...incident.fields };
    for (const [key, value] of Object.entries(input.fields ?? {})) fields[key] = value ?? null;
    const discoveredBy = input.discoveredBy ?? null;
    const after = {
      summary: input.summary ?? incident.summary,
      discoveredAt: input.discoveredAt ? new Date(input.discoveredAt).toISOString() : before.discoveredAt,
      discoveredBy: discoveredBy ? discoveredBy.kind : before.discoveredBy,
      subProcessorName: discoveredBy ? (discoveredBy.kind === 'sub_processor' ? discoveredBy.name : null) : before.subProcessorName,
      subProcessorDiscoveredAt: discoveredBy
        ? discoveredBy.kind === 'sub_processor' && discoveredBy.discoveredAt ? new Date(discoveredBy.discoveredAt).toISOString() : null
        : before.subProcessorDiscoveredAt,
      ...fields,
    };
    const changes = diffContent(before, after);
    if (changes.length === 0) return loadIncidentView(tx, incidentId, user);
    checkDiscoveryMoments(at, {
      discoveredAt: new Date(after.discoveredAt),
      subProcessorDiscoveredAt: after.subProcessorDiscoveredAt ? new Date(after.subProcessorDiscoveredAt) : null,
      occurred: fields.occurred as { from: string; until?: string } | null | undefined,
    });

    await tx.query(
      `UPDATE incidents SET summary = $2, discovered_at = $3, discovered_by = $4, sub_processor_name = $5,
         sub_processor_discovered_at = $6, fields = $7, updated_at = $8, version = version + 1 WHERE id = $1`,
      [incidentId, after.summary, after.discoveredAt, after.discoveredBy, after.subProcessorName, after.subProcessorDiscoveredAt, JSON.stringify(fields), at],
    );
    const actor = actorOf(user);
    await appendAudit(tx, { incidentId, type: 'incident.updated', actor, at, data: { changes } });
    if (changes.some((c) => c.field === 'discoveredAt' || c.field === 'subProcessorDiscoveredAt')) {
      await moveDeadlines({ tx, at, actor, userId: user.id, publicUrl: deps.publicUrl }, (await lockIncident(tx, incidentId))!);
    }
    return loadIncidentView(tx, incidentId, user);
  });
}

/**
 * A corrected discovery moment moves the deadline of every track (the machine's
 * DEADLINE_MOVED). Before notice the timers follow and the overdue mark is re-derived (a
 * deadline that now lies ahead is not overdue); after notice the deadline is corrected on
 * record and the late/on-time verdict follows the corrected facts. Old and new values go
 * into the audit trail.
 */
async function moveDeadlines(ctx: CommandContext, incident: IncidentRow): Promise<void> {
  const agreements = new Map<string, Agreement>();
  for (const track of await tracksOf(ctx.tx, incident.id, { lock: true })) {
    if (!agreements.has(track.agreementId)) agreements.set(track.agreementId, await loadAgreement(ctx.tx, track.agreementId));
    const agreement = agreements.get(track.agreementId)!;
    const startedAt = clockStartedAt(agreement, {
      discoveredAt: incident.discoveredAt, subProcessorDiscoveredAt: incident.subProcessorDiscoveredAt, establishedAt: track.establishedAt,
    });
    if (!startedAt) continue; // the clock starts at establishment: nothing to move
    const deadline = noticeDeadline(agreement, startedAt);
    if (track.notifyDeadlineAt?.getTime() === deadline.getTime()) continue;
    const beforeNotice = PRE_NOTICE_STATES.includes(track.state as TrackState);
    const passed = beforeNotice ? deadline <= ctx.at : track.firstNotifiedAt !== null && track.firstNotifiedAt > deadline;
    const event: TrackEvent = { type: 'DEADLINE_MOVED', passed };
    if (!canApply(track.snapshot, event)) continue; // dismissed: reopening recomputes it
    const old = { deadline: track.notifyDeadlineAt?.toISOString() ?? null, overdue: track.overdue };
    if (!beforeNotice) {
      track.clockStartedAt = startedAt;
      track.notifyDeadlineAt = deadline;
    }
    await applyTrackEvent(ctx, incident, track, event, {
      deadlineFrom: old.deadline, deadlineTo: deadline.toISOString(), overdueFrom: old.overdue, overdueTo: beforeNotice ? old.overdue && passed : passed,
      afterNotice: !beforeNotice,
    });
  }
}
