import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { startTrack } from '../../machines/track-workflow';
import { insertAuditEvents, readChainEnd } from '../audit/audit-trail';
import { actorOf, requireRole, PROCESSOR_ROLES, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction } from '../db/transaction';
import { listControllers } from '../domain/directory.repository';
import { checkDiscoveryMoments } from '../domain/discovery';
import { ValidationError } from '../domain/errors';
import { assignReference, saveTrack, toIncident, toTrack } from '../domain/incident.repository';
import type { ReportIncidentInput } from '../domain/incident.schemas';
import { loadIncidentView, type IncidentView } from '../domain/incident.views';
import { completeFields, NOTICE_FIELD_KEYS } from '../domain/notice-fields';
import { executeTrackEffects } from '../workflow/track-effects';

/**
 * Support staff log a suspected leak: the incident gets its reference and, per affected
 * controller, a track whose notice deadline follows that controller's agreement.
 */
export async function reportIncident(input: ReportIncidentInput, user: AuthUser, deps: CommandDeps): Promise<IncidentView> {
  requireRole(user, PROCESSOR_ROLES);
  const incidentId = await inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const ctx = { tx, at, actor: actorOf(user), userId: user.id, publicUrl: deps.publicUrl };
    const discoveredAt = new Date(input.discoveredAt);
    const subProcessorDiscoveredAt = input.discoveredBy.kind === 'sub_processor' && input.discoveredBy.discoveredAt ? new Date(input.discoveredBy.discoveredAt) : null;
    checkDiscoveryMoments(at, { discoveredAt, subProcessorDiscoveredAt, occurred: input.fields?.occurred as { from: string; until?: string } | null | undefined });
    const controllers = await listControllers(tx, input.controllerIds);
    const unknown = input.controllerIds.filter((id) => !controllers.some((c) => c.id === id));
    if (unknown.length > 0) {
      throw new ValidationError('Unknown controller.', { controllerIds: `unknown controller: ${unknown.join(', ')}` });
    }
    const inactive = controllers.filter((c) => !c.active);
    if (inactive.length > 0) {
      throw new ValidationError('A controller is deactivated.', { controllerIds: `deactivated: ${inactive.map((c) => c.name).join(', ')}` });
    }
    const withoutAgreement = controllers.filter((c) => !c.agreement);
    if (withoutAgreement.length > 0) {
      throw new ValidationError('A controller has no active agreement to take the deadline from.', {
        controllerIds: `no active agreement: ${withoutAgreement.map((c) => c.name).join(', ')}`,
      });
    }

    // The reference comes last: its per-year counter row is the one lock every intake shares,
    // so it is held only for the end of the transaction (references stay gap-free).
    const fields = completeFields(input.fields);
    const [row] = await tx.query(
      `INSERT INTO incidents (reference, summary, discovered_at, discovered_by, sub_processor_name, sub_processor_discovered_at, fields, created_by, created_at, updated_at)
       VALUES ('pending:' || gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
      [
        input.summary, discoveredAt, input.discoveredBy.kind,
        input.discoveredBy.kind === 'sub_processor' ? input.discoveredBy.name : null,
        subProcessorDiscoveredAt, JSON.stringify(fields), user.id, at,
      ],
    );
    const incident = toIncident(row);

    const opened: Array<{ trackId: string; data: Record<string, unknown> }> = [];
    for (const controller of controllers) {
      const agreement = controller.agreement!;
      const start = startTrack({ notifySuspicion: agreement.notifySuspicion, immediate: agreement.deadlineHours === null });
      const [trackRow] = await tx.query(
        `INSERT INTO tracks (incident_id, controller_id, agreement_id, state, snapshot, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        [incident.id, controller.id, agreement.id, start.snapshot.value, JSON.stringify(start.snapshot), at],
      );
      const track = toTrack(trackRow);
      await executeTrackEffects(ctx, incident, track, start.effects);
      await saveTrack(tx, track);
      opened.push({
        trackId: track.id,
        data: {
          controllerId: controller.id,
          agreementId: agreement.id,
          state: track.state,
          clockStartedAt: track.clockStartedAt?.toISOString() ?? null,
          notifyDeadlineAt: track.notifyDeadlineAt?.toISOString() ?? null,
        },
      });
    }

    // From the reference to commit every other intake waits: two statements and the commit.
    const chainEnd = await readChainEnd(tx, incident.id);
    const reference = await assignReference(tx, incident.id, at);
    await insertAuditEvents(tx, incident.id, chainEnd, [
      {
        type: 'incident.reported',
        actor: ctx.actor,
        at,
        data: {
          reference,
          controllerIds: input.controllerIds,
          discoveredBy: input.discoveredBy,
          discoveredAt: discoveredAt.toISOString(),
          knownFields: NOTICE_FIELD_KEYS.filter((key) => fields[key] !== null),
        },
      },
      ...opened.map((track) => ({ trackId: track.trackId, type: 'track.opened', actor: ctx.actor, at, data: track.data })),
    ]);
    return incident.id;
  });
  // Read after commit: the answer shows what is stored, and the counter lock is not held for it.
  return loadIncidentView(deps.dataSource.manager, incidentId, user);
}
