import type { DataSource } from 'typeorm';
import { isControllerSide, requireRole, type AuthUser } from '../auth/auth-user';
import { buildApSheet, type ApSheet, type ApSheetFacts } from '../ap-sheet/ap-sheet';
import type { Tx } from '../db/transaction';
import { apReportsOf, currentMeldnummer, latestRiskAssessments } from '../domain/dpo-records.repository';
import { listControllers, loadProcessor } from '../domain/directory.repository';
import { findIncident } from '../domain/incident.repository';
import { accessibleTrack } from '../domain/track-access';
import { incidentAsSent, latestSentContent } from '../domain/controller-visibility';
import type { Language } from '../i18n/messages';

/** The facts about one track that the AP sheet and the data-subject draft are made from. */
export async function loadTrackFacts(tx: Tx, trackId: string, user: AuthUser): Promise<ApSheetFacts> {
  const track = await accessibleTrack(tx, trackId, user);
  const recorded = (await findIncident(tx, track.incidentId))!;
  // The controller's DPO works from what the notices told them, not from the processor's unsent edits.
  const incident = isControllerSide(user) ? incidentAsSent(recorded, (await latestSentContent(tx, [trackId])).get(trackId)) : recorded;
  const [controller] = await listControllers(tx, [track.controllerId]);
  const processor = await loadProcessor(tx);
  const [decision] = await tx.query(
    `SELECT a.*, u.name AS decided_by_name, u.email AS decided_by_email FROM assessments a JOIN users u ON u.id = a.decided_by
      WHERE a.track_id = $1 ORDER BY a.decided_at DESC LIMIT 1`,
    [trackId],
  );
  const apReports = (await apReportsOf(tx, [trackId])).get(trackId)!;
  return {
    incident, track, controller, processor,
    decision: decision
      ? {
          reportToAp: decision.report_to_ap, informSubjects: decision.inform_subjects, subjectReasons: decision.subject_reasons,
          apLateReason: decision.ap_late_reason, decidedBy: { name: decision.decided_by_name, email: decision.decided_by_email },
        }
      : null,
    risk: (await latestRiskAssessments(tx, [trackId])).get(trackId) ?? null,
    apReports,
    currentMeldnummer: currentMeldnummer(apReports),
  };
}

export async function apSheet(trackId: string, language: Language, user: AuthUser, deps: { dataSource: DataSource }): Promise<ApSheet> {
  // The DPO's working papers: the controller's DPO and the processor's staff, not its other contacts.
  requireRole(user, ['dpo', 'support', 'admin']);
  const tx = deps.dataSource.manager;
  return buildApSheet(await loadTrackFacts(tx, trackId, user), language, new Date());
}
