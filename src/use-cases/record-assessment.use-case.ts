import type { CommandDeps } from '../workflow/apply-track-event';
import { actorOf, requireRole, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import { apReportsOf, insertApReport, latestRiskAssessments } from '../domain/dpo-records.repository';
import { ValidationError } from '../domain/errors';
import { lockIncident, tracksOf, type TrackRow } from '../domain/incident.repository';
import { accessibleTrack } from '../domain/track-access';
import type { AssessmentInput } from '../domain/incident.schemas';
import { loadIncidentView, type IncidentView } from '../domain/incident.views';
import { followsRecommendation } from '../risk/recommendation';
import { applyTrackEvent } from '../workflow/apply-track-event';

/**
 * The controller's DPO records the decision: report to the AP or not, inform the data
 * subjects or not, each with reasons; the AP meldnummer once reported. A later decision
 * revises the earlier one; both stay on record. Measured against the latest risk
 * assessment, if there is one: a decision that deviates from its recommendation needs a
 * reason (the DPO decides, the tool only recommends).
 */
export async function recordAssessment(trackId: string, input: AssessmentInput, user: AuthUser, deps: CommandDeps): Promise<IncidentView> {
  requireRole(user, ['dpo']);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const found = await accessibleTrack(tx, trackId, user);
    const incident = (await lockIncident(tx, found.incidentId))!;
    const [track] = (await tracksOf(tx, incident.id, { lock: true })).filter((t) => t.id === trackId);
    const measured = await measureAgainstRecommendation(tx, trackId, input);
    checkApTiming(track, input);
    await applyTrackEvent({ tx, at, actor: actorOf(user), userId: user.id, publicUrl: deps.publicUrl }, incident, track, { type: 'ASSESS' }, {
      reportToAp: input.reportToAp,
      apReasons: input.apReasons,
      informSubjects: input.informSubjects,
      subjectReasons: input.subjectReasons,
      apReference: input.apReference ?? null,
      riskAssessmentId: measured.riskAssessmentId,
      followsRecommendation: measured.follows,
      deviationReason: input.deviationReason ?? null,
      apLateReason: input.apLateReason ?? null,
    });
    await tx.query(
      `INSERT INTO assessments (track_id, report_to_ap, ap_reasons, inform_subjects, subject_reasons, ap_reference, reported_to_ap_at, decided_by, decided_at,
         risk_assessment_id, follows_recommendation, deviation_reason, ap_late_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        trackId, input.reportToAp, input.apReasons, input.informSubjects, input.subjectReasons, input.apReference ?? null, input.reportedToApAt ?? null,
        user.id, at, measured.riskAssessmentId, measured.follows, input.deviationReason ?? null, input.apLateReason ?? null,
      ],
    );
    if (input.apReference) await recordReportFromDecision(tx, trackId, input, user.id, at);
    return loadIncidentView(tx, incident.id, user);
  });
}

async function measureAgainstRecommendation(tx: Tx, trackId: string, input: AssessmentInput): Promise<{ riskAssessmentId: string | null; follows: boolean | null }> {
  const risk = (await latestRiskAssessments(tx, [trackId])).get(trackId);
  if (!risk) {
    if (input.followsRecommendation !== undefined) {
      throw new ValidationError('Check followsRecommendation.', { followsRecommendation: 'there is no risk assessment on record to follow: record one first (POST /api/tracks/:id/risk-assessment) or leave this out' });
    }
    return { riskAssessmentId: null, follows: null };
  }
  const r = risk.result.recommendation;
  const follows = followsRecommendation(r, input);
  const recommended = `report to the AP: ${r.reportToAp ? 'yes' : 'no'}, inform the data subjects: ${r.informSubjects ? 'yes' : 'no'}`;
  if (input.followsRecommendation === true && !follows) {
    throw new ValidationError('Check followsRecommendation.', { followsRecommendation: `the decision differs from the recommendation (${recommended}): set false and give deviationReason` });
  }
  if (!follows && !input.deviationReason) {
    throw new ValidationError('Check deviationReason.', { deviationReason: `required: the decision deviates from the recommendation (${recommended})` });
  }
  return { riskAssessmentId: risk.id, follows };
}

/** A report after the controller's 72 hours must say why (art. 33(1)). */
function checkApTiming(track: TrackRow, input: AssessmentInput): void {
  if (!input.reportedToApAt || !track.apDeadlineAt || input.apLateReason) return;
  if (Date.parse(input.reportedToApAt) > track.apDeadlineAt.getTime()) {
    throw new ValidationError('Check apLateReason.', { apLateReason: `required: the AP report came after the 72-hour term (${track.apDeadlineAt.toISOString()})` });
  }
}

/** A meldnummer given with the decision starts the AP report's history, once. */
async function recordReportFromDecision(tx: Tx, trackId: string, input: AssessmentInput, userId: string, at: Date): Promise<void> {
  const reports = (await apReportsOf(tx, [trackId])).get(trackId)!;
  if (reports.some((r) => r.kind === 'report' && r.meldnummer === input.apReference)) return;
  const doneAt = input.reportedToApAt ? new Date(input.reportedToApAt) : at;
  await insertApReport(tx, { trackId, kind: 'report', meldnummer: input.apReference!, at: doneAt, note: null, userId, recordedAt: at });
}
