/** One register entry as the API and the exports show it. */
export interface RegisterRow {
  reference: string;
  incidentId: string;
  trackId: string;
  controller: { id: string; name: string };
  state: string;
  overdue: boolean;
  /** Facts */
  discoveredAt: string;
  occurredFrom: string | null;
  occurredUntil: string | null;
  summary: string | null;
  nature: string | null;
  dataCategories: string | null;
  specialCategories: string | null;
  subjectCount: string | null;
  /** Effects and measures */
  consequences: string | null;
  measuresTaken: string | null;
  measuresPlanned: string | null;
  /** Dates and decisions */
  establishedAt: string | null;
  notifiedAt: string | null;
  controllerAwareAt: string | null;
  dismissReason: string | null;
  lateReason: string | null;
  closedAt: string | null;
  riskScore: number | null;
  riskBand: string | null;
  recommendation: string | null;
  reportToAp: boolean | null;
  apReasons: string | null;
  informSubjects: boolean | null;
  subjectReasons: string | null;
  followsRecommendation: boolean | null;
  deviationReason: string | null;
  decidedAt: string | null;
  apMeldnummer: string | null;
  reportedToApAt: string | null;
  /** The report was withdrawn at the AP ("intrekken") on this date. */
  apWithdrawnAt: string | null;
  /** Set when the retention term ended and the breach details were erased; the skeleton stays. */
  detailsErasedAt: string | null;
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);
type Count = { exact: number } | { min: number; max: number } | null | undefined;
const count = (c: Count) => (!c ? null : 'exact' in c ? String(c.exact) : `${c.min}-${c.max}`);
const list = (l: string[] | null | undefined) => (l ? l.join('; ') : null);

export function toRegisterRow(r: Record<string, any>): RegisterRow {
  const f = (r.fields ?? {}) as Record<string, any>;
  return {
    reference: r.reference,
    incidentId: r.incident_id,
    trackId: r.track_id,
    controller: { id: r.controller_id, name: r.controller_name },
    state: r.state,
    overdue: r.overdue,
    discoveredAt: iso(r.discovered_at)!,
    occurredFrom: f.occurred?.from ?? null,
    occurredUntil: f.occurred?.until ?? null,
    summary: r.details_erased_at ? null : r.summary,
    nature: f.nature ? [...f.nature.kinds, ...(f.nature.actions ?? [])].join('; ') : null,
    dataCategories: list(f.dataCategories),
    specialCategories: list(f.specialCategories),
    subjectCount: count(f.subjectCount),
    consequences: f.consequences ?? null,
    measuresTaken: f.measures?.taken ?? null,
    measuresPlanned: f.measures?.planned ?? null,
    establishedAt: iso(r.established_at),
    notifiedAt: iso(r.first_notified_at),
    controllerAwareAt: iso(r.controller_aware_at),
    dismissReason: r.dismiss_reason,
    lateReason: r.late_reason,
    closedAt: iso(r.closed_at),
    riskScore: r.risk_score === null || r.risk_score === undefined ? null : Number(r.risk_score),
    riskBand: r.risk_band ?? null,
    recommendation: r.risk_action ?? null,
    reportToAp: r.report_to_ap ?? null,
    apReasons: r.ap_reasons ?? null,
    informSubjects: r.inform_subjects ?? null,
    subjectReasons: r.subject_reasons ?? null,
    followsRecommendation: r.follows_recommendation ?? null,
    deviationReason: r.deviation_reason ?? null,
    decidedAt: iso(r.decided_at),
    apMeldnummer: r.meldnummer ?? null,
    reportedToApAt: iso(r.reported_at),
    apWithdrawnAt: iso(r.withdrawn_at),
    detailsErasedAt: iso(r.details_erased_at),
  };
}

/** CSV columns in order; nested values flattened. */
export const CSV_COLUMNS: ReadonlyArray<readonly [string, (r: RegisterRow) => unknown]> = [
  ['reference', (r) => r.reference], ['controller', (r) => r.controller.name], ['state', (r) => r.state], ['overdue', (r) => r.overdue],
  ['discoveredAt', (r) => r.discoveredAt], ['occurredFrom', (r) => r.occurredFrom], ['occurredUntil', (r) => r.occurredUntil],
  ['summary', (r) => r.summary], ['nature', (r) => r.nature], ['dataCategories', (r) => r.dataCategories],
  ['specialCategories', (r) => r.specialCategories], ['subjectCount', (r) => r.subjectCount], ['consequences', (r) => r.consequences],
  ['measuresTaken', (r) => r.measuresTaken], ['measuresPlanned', (r) => r.measuresPlanned], ['establishedAt', (r) => r.establishedAt],
  ['notifiedAt', (r) => r.notifiedAt], ['controllerAwareAt', (r) => r.controllerAwareAt], ['dismissReason', (r) => r.dismissReason],
  ['lateReason', (r) => r.lateReason], ['closedAt', (r) => r.closedAt], ['riskScore', (r) => r.riskScore], ['riskBand', (r) => r.riskBand],
  ['recommendation', (r) => r.recommendation], ['reportToAp', (r) => r.reportToAp], ['apReasons', (r) => r.apReasons],
  ['informSubjects', (r) => r.informSubjects], ['subjectReasons', (r) => r.subjectReasons], ['followsRecommendation', (r) => r.followsRecommendation],
  ['deviationReason', (r) => r.deviationReason], ['decidedAt', (r) => r.decidedAt], ['apMeldnummer', (r) => r.apMeldnummer],
  ['reportedToApAt', (r) => r.reportedToApAt], ['apWithdrawnAt', (r) => r.apWithdrawnAt], ['detailsErasedAt', (r) => r.detailsErasedAt],
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(row: RegisterRow): string {
  return `${CSV_COLUMNS.map(([, get]) => csvCell(get(row))).join(',')}\r\n`;
}

export const CSV_HEADER = `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;
