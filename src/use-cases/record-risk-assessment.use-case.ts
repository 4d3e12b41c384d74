import { actorOf, requireRole, type AuthUser } from '../auth/auth-user';
import { appendAudit } from '../audit/audit-trail';
import { dbNow, inTransaction } from '../db/transaction';
import { insertRiskAssessment, latestRiskAssessments } from '../domain/dpo-records.repository';
import { lockIncident } from '../domain/incident.repository';
import { accessibleTrack } from '../domain/track-access';
import { RISK_METHOD_VERSION as METHOD_VERSION } from '../risk/breach-risk';
import { assessRisk } from '../risk/recommendation';
import type { RiskCriteria } from '../risk/risk-criteria.schema';
import type { CommandDeps } from '../workflow/apply-track-event';
import { riskAssessmentView, type RiskAssessmentView } from './read-risk-assessment.use-case';

/**
 * The controller's DPO answers the criteria; the score and recommendation are computed
 * here, never taken from the client, and stored with the method's version so an old
 * assessment still reads as it was made. A new assessment supersedes the earlier one; both
 * stay. Only the DPO: the judgement is the controller's (see docs/RISK-METHOD.md).
 */
export async function recordRiskAssessment(trackId: string, criteria: RiskCriteria, user: AuthUser, deps: CommandDeps): Promise<RiskAssessmentView> {
  requireRole(user, ['dpo']);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const track = await accessibleTrack(tx, trackId, user);
    await lockIncident(tx, track.incidentId); // the audit chain's sequence needs the incident's lock
    const result = assessRisk(criteria);
    const id = await insertRiskAssessment(tx, { trackId, criteria, methodVersion: METHOD_VERSION, result, userId: user.id, at });
    await appendAudit(tx, {
      incidentId: track.incidentId,
      trackId,
      type: 'risk.assessed',
      actor: actorOf(user),
      at,
      data: {
        riskAssessmentId: id, methodVersion: METHOD_VERSION, score: result.severity.score, band: result.severity.band,
        action: result.recommendation.action, exemption: result.recommendation.exemption,
      },
    });
    const stored = (await latestRiskAssessments(tx, [trackId])).get(trackId)!;
    return riskAssessmentView(stored);
  });
}
