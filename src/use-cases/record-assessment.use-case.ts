import type { CommandDeps } from '../workflow/apply-track-event';
import { actorOf, requireRole, type AuthUser } from '../auth/auth-user';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import { apReportsOf, currentMeldnummer, insertApReport, insertDecision, latestDecision, latestRiskAssessments, type ApReport, type StoredDecision } from '../domain/dpo-records.repository';
import { checkApReportDate } from '../domain/ap-report-date';
import { NotFoundError, ValidationError } from '../domain/errors';
import { findTrack, lockIncident, tracksOf, type TrackRow } from '../domain/incident.repository';
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
    const previous = await latestDecision(tx, trackId);
    const ap = apFacts(track, input, previous, (await apReportsOf(tx, [trackId])).get(trackId)!, at);
    checkApTiming(track, ap);
    const ctx = { tx, at, actor: actorOf(user), userId: user.id, publicUrl: deps.publicUrl };
    await applyTrackEvent(ctx, incident, track, { type: 'ASSESS', reportToAp: input.reportToAp }, {
      revision: (previous?.revision ?? 0) + 1,
      reportToAp: input.reportToAp,
      apReasons: input.apReasons,
      informSubjects: input.informSubjects,
      subjectReasons: input.subjectReasons,
      apReference: ap.apReference,
      riskAssessmentId: measured.riskAssessmentId,
      followsRecommendation: measured.follows,
      deviationReason: input.deviationReason ?? null,
      apLateReason: ap.apLateReason,
    });
    await insertDecision(tx, {
      trackId, revision: (previous?.revision ?? 0) + 1, reportToAp: input.reportToAp, apReasons: input.apReasons, informSubjects: input.informSubjects,
      subjectReasons: input.subjectReasons, apReference: ap.apReference, reportedToApAt: ap.reportedToApAt, userId: user.id, at,
      riskAssessmentId: measured.riskAssessmentId, followsRecommendation: measured.follows, deviationReason: input.deviationReason ?? null, apLateReason: ap.apLateReason,
    });
    // A meldnummer given with the first decision to report starts the AP report's history, through the machine.
    if (ap.newReport) {
      await insertApReport(tx, { trackId, kind: 'report', meldnummer: ap.apReference!, at: ap.reportedToApAt ?? at, note: null, userId: user.id, recordedAt: at });
      await applyTrackEvent(ctx, incident, track, { type: 'AP_REPORT', kind: 'report' }, { meldnummer: ap.apReference, at: (ap.reportedToApAt ?? at).toISOString() });
    }
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

interface ApFacts {
  apReference: string | null;
  reportedToApAt: Date | null;
  apLateReason: string | null;
  /** The decision brings a meldnummer no report on record has yet. */
  newReport: boolean;
}

/**
 * The AP facts a decision records. A revision does not rewrite the AP report's history: with
 * a report in force its meldnummer and date are kept (a different one is an error: correct it
 * through the AP follow-up), and a late reason given before stays unless a new one is given.
 */
function apFacts(track: TrackRow, input: AssessmentInput, previous: StoredDecision | null, reports: ApReport[], at: Date): ApFacts {
  const inForce = currentMeldnummer(reports);
  const report = inForce ? [...reports].reverse().find((r) => r.kind === 'report' && r.meldnummer === inForce)! : null;
  const reportedToApAt = input.reportedToApAt ? new Date(input.reportedToApAt) : null;
  if (reportedToApAt) checkApReportDate('reportedToApAt', reportedToApAt, at, track.controllerAwareAt ?? track.firstNotifiedAt);
  if (!input.reportToAp) return { apReference: null, reportedToApAt: null, apLateReason: null, newReport: false };
  if (report) {
    if (input.apReference && input.apReference !== report.meldnummer) {
      throw new ValidationError('Check apReference.', { apReference: `report ${report.meldnummer} is on record: change it through the AP follow-up (correction or withdrawal)` });
    }
    if (reportedToApAt && reportedToApAt.getTime() !== Date.parse(report.at)) {
      throw new ValidationError('Check reportedToApAt.', { reportedToApAt: `report ${report.meldnummer} is on record as made at ${report.at}: correct it through the AP follow-up` });
    }
    return { apReference: report.meldnummer, reportedToApAt: new Date(report.at), apLateReason: input.apLateReason ?? previous?.apLateReason ?? null, newReport: false };
  }
  return {
    apReference: input.apReference ?? null,
    reportedToApAt,
    apLateReason: input.apLateReason ?? (previous?.reportToAp ? previous.apLateReason : null),
    newReport: Boolean(input.apReference),
  };
}

/** A report after the controller's 72 hours must say why (art. 33(1)). */
function checkApTiming(track: TrackRow, ap: ApFacts): void {
  if (!ap.reportedToApAt || !track.apDeadlineAt || ap.apLateReason) return;
  if (ap.reportedToApAt > track.apDeadlineAt) {
    throw new ValidationError('Check apLateReason.', { apLateReason: `required: the AP report came after the 72-hour term (${track.apDeadlineAt.toISOString()})` });
  }
}
