import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { actorOf, requireRole, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction } from '../db/transaction';
import { NotFoundError } from '../domain/errors';
import { findTrack, lockIncident, tracksOf } from '../domain/incident.repository';
import type { AssessmentInput } from '../domain/incident.schemas';
import { loadIncidentView, type IncidentView } from '../domain/incident.views';
import { applyTrackEvent } from '../workflow/apply-track-event';

/**
 * The controller's DPO records the decision: report to the AP or not, inform the data
 * subjects or not, each with reasons; the AP meldnummer once reported. A later decision
 * revises the earlier one; both stay on record.
 */
export async function recordAssessment(trackId: string, input: AssessmentInput, user: AuthUser, deps: CommandDeps): Promise<IncidentView> {
  requireRole(user, ['dpo']);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const found = await findTrack(tx, trackId);
    if (!found || found.controllerId !== user.controllerId) throw new NotFoundError('Track');
    const incident = (await lockIncident(tx, found.incidentId))!;
    const [track] = (await tracksOf(tx, incident.id, { lock: true })).filter((t) => t.id === trackId);
    await applyTrackEvent({ tx, at, actor: actorOf(user), userId: user.id, publicUrl: deps.publicUrl }, incident, track, { type: 'ASSESS' }, {
      reportToAp: input.reportToAp,
      apReasons: input.apReasons,
      informSubjects: input.informSubjects,
      subjectReasons: input.subjectReasons,
      apReference: input.apReference ?? null,
    });
    await tx.query(
      `INSERT INTO assessments (track_id, report_to_ap, ap_reasons, inform_subjects, subject_reasons, ap_reference, reported_to_ap_at, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [trackId, input.reportToAp, input.apReasons, input.informSubjects, input.subjectReasons, input.apReference ?? null, input.reportedToApAt ?? null, user.id, at],
    );
    return loadIncidentView(tx, incident.id, user);
  });
}
