import type { Tx } from '../db/transaction';
import type { StoredTrackSnapshot } from '../../machines/track-workflow';

export interface IncidentRow {
  id: string;
  reference: string;
  summary: string;
  discoveredAt: Date;
  discoveredBy: 'processor' | 'sub_processor';
  subProcessorName: string | null;
  subProcessorDiscoveredAt: Date | null;
  fields: Record<string, unknown>;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface TrackRow {
  id: string;
  incidentId: string;
  controllerId: string;
  agreementId: string;
  state: string;
  snapshot: StoredTrackSnapshot;
  clockStartedAt: Date | null;
  notifyDeadlineAt: Date | null;
  overdue: boolean;
  establishedAt: Date | null;
  firstNotifiedAt: Date | null;
  acknowledgedAt: Date | null;
  dismissReason: string | null;
  lateReason: string | null;
  closedAt: Date | null;
  controllerAwareAt: Date | null;
  apDeadlineAt: Date | null;
  /** Why a notified suspicion was no breach after all. */
  retractReason: string | null;
  /** A dismissal undone: when, and why. */
  reopenedAt: Date | null;
  reopenReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

export function toIncident(row: Record<string, any>): IncidentRow {
  return {
    id: row.id,
    reference: row.reference,
    summary: row.summary,
    discoveredAt: new Date(row.discovered_at),
    discoveredBy: row.discovered_by,
    subProcessorName: row.sub_processor_name,
    subProcessorDiscoveredAt: date(row.sub_processor_discovered_at),
    fields: row.fields,
    status: row.status,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  };
}

export function toTrack(row: Record<string, any>): TrackRow {
  return {
    id: row.id,
    incidentId: row.incident_id,
    controllerId: row.controller_id,
    agreementId: row.agreement_id,
    state: row.state,
    snapshot: row.snapshot,
    clockStartedAt: date(row.clock_started_at),
    notifyDeadlineAt: date(row.notify_deadline_at),
    overdue: row.overdue,
    establishedAt: date(row.established_at),
    firstNotifiedAt: date(row.first_notified_at),
    acknowledgedAt: date(row.acknowledged_at),
    dismissReason: row.dismiss_reason,
    lateReason: row.late_reason,
    closedAt: date(row.closed_at),
    controllerAwareAt: date(row.controller_aware_at),
    apDeadlineAt: date(row.ap_deadline_at),
    retractReason: row.retract_reason ?? null,
    reopenedAt: date(row.reopened_at),
    reopenReason: row.reopen_reason ?? null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  };
}

/** Locks the incident row: every command on an incident holds it, so they serialize. */
export async function lockIncident(tx: Tx, incidentId: string): Promise<IncidentRow | null> {
  const [row] = await tx.query(`SELECT * FROM incidents WHERE id = $1 FOR UPDATE`, [incidentId]);
  return row ? toIncident(row) : null;
}

export async function findIncident(tx: Tx, incidentId: string): Promise<IncidentRow | null> {
  const [row] = await tx.query(`SELECT * FROM incidents WHERE id = $1`, [incidentId]);
  return row ? toIncident(row) : null;
}

export async function tracksOf(tx: Tx, incidentId: string, options: { lock?: boolean; controllerId?: string } = {}): Promise<TrackRow[]> {
  const rows = await tx.query(
    `SELECT t.* FROM tracks t JOIN controllers c ON c.id = t.controller_id
      WHERE t.incident_id = $1 AND ($2::uuid IS NULL OR t.controller_id = $2)
      ORDER BY c.name ${options.lock ? 'FOR UPDATE OF t' : ''}`,
    [incidentId, options.controllerId ?? null],
  );
  return rows.map(toTrack);
}

export async function findTrack(tx: Tx, trackId: string): Promise<TrackRow | null> {
  const [row] = await tx.query(`SELECT * FROM tracks WHERE id = $1`, [trackId]);
  return row ? toTrack(row) : null;
}

export async function saveTrack(tx: Tx, track: TrackRow): Promise<void> {
  await tx.query(
    `UPDATE tracks SET state = $2, snapshot = $3, clock_started_at = $4, notify_deadline_at = $5, overdue = $6,
       established_at = $7, first_notified_at = $8, acknowledged_at = $9, dismiss_reason = $10, late_reason = $11,
       closed_at = $12, controller_aware_at = $13, ap_deadline_at = $14, retract_reason = $15, reopened_at = $16, reopen_reason = $17,
       updated_at = now(), version = version + 1
     WHERE id = $1`,
    [
      track.id, track.state, JSON.stringify(track.snapshot), track.clockStartedAt, track.notifyDeadlineAt, track.overdue,
      track.establishedAt, track.firstNotifiedAt, track.acknowledgedAt, track.dismissReason, track.lateReason, track.closedAt,
      track.controllerAwareAt, track.apDeadlineAt, track.retractReason, track.reopenedAt, track.reopenReason,
    ],
  );
}

export async function setIncidentStatus(tx: Tx, incidentId: string, status: 'open' | 'closed', at: Date): Promise<void> {
  await tx.query(`UPDATE incidents SET status = $2, updated_at = $3 WHERE id = $1`, [incidentId, status, at]);
}

/** Next `DL-<year>-<nnnn>` reference; the counter row lock keeps it gap-free per year. */
/** References count per Dutch calendar year. */
const AMSTERDAM_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' });

/**
 * Gives the incident the next gap-free reference of its year, in one statement: the counter
 * row it updates is the one lock all intakes share, held from here until commit.
 */
export async function assignReference(tx: Tx, incidentId: string, at: Date): Promise<string> {
  const year = Number(AMSTERDAM_YEAR.format(at));
  const [rows] = await tx.query(
    `WITH next AS (
       INSERT INTO reference_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1
       RETURNING last_number)
     UPDATE incidents SET reference = 'DL-' || $1::text || '-' || lpad(next.last_number::text, greatest(4, length(next.last_number::text)), '0')
       FROM next WHERE incidents.id = $2
     RETURNING incidents.reference`,
    [year, incidentId],
  );
  return rows[0].reference;
}
