import type { Tx } from '../db/transaction';
import type { RiskResult } from '../risk/recommendation';
import type { RiskCriteria } from '../risk/risk-criteria.schema';

/** The DPO's records on a track: risk assessments (latest counts) and the AP report's history. */
export interface StoredRiskAssessment {
  id: string;
  trackId: string;
  criteria: RiskCriteria;
  methodVersion: string;
  result: RiskResult;
  assessedBy: string;
  assessedAt: string;
}

export type ApReportKind = 'report' | 'supplement' | 'correction' | 'withdrawal';

export interface ApReport {
  id: string;
  kind: ApReportKind;
  meldnummer: string;
  at: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

const iso = (v: unknown) => new Date(v as string).toISOString();

function toRisk(row: Record<string, any>): StoredRiskAssessment {
  return {
    id: row.id, trackId: row.track_id, criteria: row.criteria, methodVersion: row.method_version, result: row.result,
    assessedBy: row.assessed_by_name ?? row.assessed_by, assessedAt: iso(row.assessed_at),
  };
}

export async function insertRiskAssessment(tx: Tx, r: { trackId: string; criteria: RiskCriteria; methodVersion: string; result: RiskResult; userId: string; at: Date }): Promise<string> {
  const s = r.result.severity;
  const [row] = await tx.query(
    `INSERT INTO risk_assessments (track_id, criteria, method_version, dpc, ei, cb, score, band, action, result, assessed_by, assessed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [r.trackId, JSON.stringify(r.criteria), r.methodVersion, s.dpc, s.ei, s.cb, s.score, s.band, r.result.recommendation.action, JSON.stringify(r.result), r.userId, r.at],
  );
  return row.id;
}

/** The latest risk assessment per track (the one a decision is measured against). */
export async function latestRiskAssessments(tx: Tx, trackIds: string[]): Promise<Map<string, StoredRiskAssessment>> {
  if (trackIds.length === 0) return new Map();
  const rows = await tx.query(
    `SELECT DISTINCT ON (r.track_id) r.*, u.name AS assessed_by_name FROM risk_assessments r JOIN users u ON u.id = r.assessed_by
      WHERE r.track_id = ANY($1::uuid[]) ORDER BY r.track_id, r.assessed_at DESC, r.id`,
    [trackIds],
  );
  return new Map(rows.map((row: any) => [row.track_id, toRisk(row)]));
}

export async function insertApReport(tx: Tx, r: { trackId: string; kind: ApReportKind; meldnummer: string; at: Date; note: string | null; userId: string; recordedAt: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO ap_reports (track_id, kind, meldnummer, done_at, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [r.trackId, r.kind, r.meldnummer, r.at, r.note, r.userId, r.recordedAt],
  );
}

/** Every AP report event per track, in the order it happened at the AP. */
export async function apReportsOf(tx: Tx, trackIds: string[]): Promise<Map<string, ApReport[]>> {
  const result = new Map<string, ApReport[]>(trackIds.map((id) => [id, []]));
  if (trackIds.length === 0) return result;
  const rows = await tx.query(
    `SELECT a.*, u.name AS recorded_by_name FROM ap_reports a JOIN users u ON u.id = a.recorded_by
      WHERE a.track_id = ANY($1::uuid[]) ORDER BY a.done_at, a.recorded_at, a.id`,
    [trackIds],
  );
  for (const row of rows) {
    result.get(row.track_id)!.push({
      id: row.id, kind: row.kind, meldnummer: row.meldnummer, at: iso(row.done_at), note: row.note,
      recordedBy: row.recorded_by_name, recordedAt: iso(row.recorded_at),
    });
  }
  return result;
}

/** The meldnummer now in force: the latest report not withdrawn since (null if none). */
export function currentMeldnummer(reports: ApReport[]): string | null {
  let current: string | null = null;
  for (const r of reports) {
    if (r.kind === 'report') current = r.meldnummer;
    if (r.kind === 'withdrawal' && r.meldnummer === current) current = null;
  }
  return current;
}

/** The DPO's latest decision on a track (the one in force), or null. */
export interface StoredDecision {
  revision: number;
  reportToAp: boolean;
  apReference: string | null;
  reportedToApAt: Date | null;
  apLateReason: string | null;
}

export async function latestDecision(tx: Tx, trackId: string): Promise<StoredDecision | null> {
  const [row] = await tx.query(
    `SELECT revision, report_to_ap, ap_reference, reported_to_ap_at, ap_late_reason FROM assessments WHERE track_id = $1 ORDER BY decided_at DESC, revision DESC LIMIT 1`,
    [trackId],
  );
  return row
    ? { revision: row.revision, reportToAp: row.report_to_ap, apReference: row.ap_reference, reportedToApAt: row.reported_to_ap_at ? new Date(row.reported_to_ap_at) : null, apLateReason: row.ap_late_reason }
    : null;
}

/** Appends a decision: a later one is a revision; the earlier ones stay on record. */
export async function insertDecision(tx: Tx, d: {
  trackId: string; revision: number; reportToAp: boolean; apReasons: string; informSubjects: boolean; subjectReasons: string;
  apReference: string | null; reportedToApAt: Date | null; userId: string; at: Date; riskAssessmentId: string | null;
  followsRecommendation: boolean | null; deviationReason: string | null; apLateReason: string | null;
}): Promise<void> {
  await tx.query(
    `INSERT INTO assessments (track_id, report_to_ap, ap_reasons, inform_subjects, subject_reasons, ap_reference, reported_to_ap_at, decided_by, decided_at,
       risk_assessment_id, follows_recommendation, deviation_reason, ap_late_reason, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      d.trackId, d.reportToAp, d.apReasons, d.informSubjects, d.subjectReasons, d.apReference, d.reportedToApAt, d.userId, d.at,
      d.riskAssessmentId, d.followsRecommendation, d.deviationReason, d.apLateReason, d.revision,
    ],
  );
}
