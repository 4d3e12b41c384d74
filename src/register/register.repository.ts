import { z } from 'zod';
import { isoDateTime } from '../domain/date.schemas';
import type { Tx } from '../db/transaction';

/**
 * The register of every security incident per controller (GDPR art. 33(5); 001 4.4.7;
 * 002 6.5): one row per track, also dismissed and unreported ones. Read in keyset batches
 * ordered by (created_at, id) so an export of any size holds one batch in memory.
 */
export interface RegisterFilter {
  controllerId: string | null;
  /** Inclusive dates of discovery (Dutch calendar days). */
  from: string | null;
  to: string | null;
  state: string | null;
  /** Controller-side readers: only tracks notified to them (controller-visibility.ts). */
  notifiedOnly?: boolean;
}

export interface RegisterCursor {
  createdAt: string;
  id: string;
}

/** One row per track with what the register shows; callers add the filter, order and paging. */
export const REGISTER_ROWS = `SELECT t.id AS track_id, t.created_at::text AS cursor_created_at, i.id AS incident_id, i.reference, i.summary, i.discovered_at,
            i.fields, i.details_erased_at, c.id AS controller_id, c.name AS controller_name, t.state, t.overdue, t.established_at,
            t.first_notified_at, t.controller_aware_at, t.ap_deadline_at, t.dismiss_reason, t.late_reason, t.closed_at,
            a.report_to_ap, a.ap_reasons, a.inform_subjects, a.subject_reasons, a.follows_recommendation, a.deviation_reason, a.decided_at,
            r.score AS risk_score, r.band AS risk_band, r.action AS risk_action, ap.meldnummer, ap.done_at AS reported_at, wd.done_at AS withdrawn_at
       FROM tracks t
       JOIN incidents i ON i.id = t.incident_id
       JOIN controllers c ON c.id = t.controller_id
       LEFT JOIN LATERAL (SELECT * FROM assessments x WHERE x.track_id = t.id ORDER BY x.decided_at DESC LIMIT 1) a ON true
       LEFT JOIN LATERAL (SELECT score, band, action FROM risk_assessments x WHERE x.track_id = t.id ORDER BY x.assessed_at DESC LIMIT 1) r ON true
       LEFT JOIN LATERAL (SELECT meldnummer, done_at, recorded_at FROM ap_reports x WHERE x.track_id = t.id AND x.kind = 'report' ORDER BY x.done_at DESC LIMIT 1) ap ON true
       -- A withdrawal after the report means the report no longer stands at the AP.
       LEFT JOIN LATERAL (SELECT done_at FROM ap_reports x WHERE x.track_id = t.id AND x.kind = 'withdrawal' AND x.recorded_at >= ap.recorded_at ORDER BY x.recorded_at DESC LIMIT 1) wd ON true`;

export async function registerBatch(tx: Tx, filter: RegisterFilter, after: RegisterCursor | null, limit: number): Promise<Array<Record<string, any>>> {
  return tx.query(
    `${REGISTER_ROWS}
      WHERE ($1::uuid IS NULL OR t.controller_id = $1)
        AND ($2::date IS NULL OR (i.discovered_at AT TIME ZONE 'Europe/Amsterdam')::date >= $2)
        AND ($3::date IS NULL OR (i.discovered_at AT TIME ZONE 'Europe/Amsterdam')::date <= $3)
        AND ($4::text IS NULL OR t.state = $4)
        AND ($5::timestamptz IS NULL OR (t.created_at, t.id) > ($5::timestamptz, $6::uuid))
        AND ($8::boolean IS NOT TRUE OR t.first_notified_at IS NOT NULL)
      ORDER BY t.created_at, t.id
      LIMIT $7`,
    [filter.controllerId, filter.from, filter.to, filter.state, after?.createdAt ?? null, after?.id ?? null, limit, filter.notifiedOnly ?? false],
  );
}

const CURSOR_ID = z.uuid();

export function encodeCursor(c: RegisterCursor): string {
  return Buffer.from(`${c.createdAt}|${c.id}`).toString('base64url');
}

export function decodeCursor(text: string): RegisterCursor | null {
  const [createdAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  // PostgreSQL's own text form of the timestamp keeps its microseconds (a JS Date would not).
  const parts = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(:\d{2})?$/.exec(createdAt ?? '');
  if (!parts || rest.length > 0 || !CURSOR_ID.safeParse(id).success) return null;
  // A forged cursor with a month 13 or a year 0000 would reach the query as a 500: check the calendar first.
  const iso = `${parts[1]}T${parts[2]}${parts[3]}${parts[4] ?? ':00'}`;
  if (!isoDateTime.safeParse(iso).success) return null;
  return { createdAt, id };
}
