import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { latestRiskAssessments, type StoredRiskAssessment } from '../domain/dpo-records.repository';
import { findIncident } from '../domain/incident.repository';
import { accessibleTrack } from '../domain/track-access';
import type { Contribution } from '../risk/enisa-severity';
import type { Recommendation } from '../risk/recommendation';
import type { RiskCriteria } from '../risk/risk-criteria.schema';
import { prefillFromNotice, type RiskPrefill } from '../risk/risk-prefill';

export interface RiskAssessmentView {
  id: string;
  methodVersion: string;
  criteria: RiskCriteria;
  severity: { dpc: number; ei: number; cb: number; score: number; band: string; unprotectedScore: number | null };
  contributions: Contribution[];
  doubts: Contribution[];
  recommendation: Recommendation;
  assessedBy: string;
  assessedAt: string;
}

export function riskAssessmentView(stored: StoredRiskAssessment): RiskAssessmentView {
  const { severity, recommendation } = stored.result;
  const { contributions, doubts, ...numbers } = severity;
  return {
    id: stored.id, methodVersion: stored.methodVersion, criteria: stored.criteria, severity: numbers, contributions, doubts,
    recommendation, assessedBy: stored.assessedBy, assessedAt: stored.assessedAt,
  };
}

/** The current assessment (or null) and a prefill from the notice fields for a new one. */
export async function readRiskAssessment(trackId: string, user: AuthUser, deps: { dataSource: DataSource }): Promise<{ assessment: RiskAssessmentView | null; prefill: RiskPrefill }> {
  // The DPO's working papers: the controller's DPO and the processor's staff, not its other contacts.
  requireRole(user, ['dpo', 'support', 'admin']);
  const tx = deps.dataSource.manager;
  const track = await accessibleTrack(tx, trackId, user);
  const incident = (await findIncident(tx, track.incidentId))!;
  const stored = (await latestRiskAssessments(tx, [trackId])).get(trackId);
  return { assessment: stored ? riskAssessmentView(stored) : null, prefill: prefillFromNotice(incident.fields) };
}
