import { isControllerSide, type AuthUser } from '../auth/auth-user';
import type { Tx } from '../db/transaction';
import type { IncidentRow, TrackRow } from './incident.repository';
import type { NoticeContent } from './notice-content';

/**
 * Who sees what on the controller's side (DESIGN.md, "Who sees what"): a controller's DPO and
 * contacts see a track from its first issued notice on (NOTIFY; the notice rows exist from that
 * commit, whether a provider or only the outbox takes them), and then only what was sent to
 * them — never the processor's triage of a suspicion it has not notified, its alerts, its
 * handlers or its deadline bookkeeping.
 */
export function visibleTo(user: AuthUser, track: Pick<TrackRow, 'controllerId' | 'firstNotifiedAt'>): boolean {
  if (!isControllerSide(user)) return true;
  return track.controllerId === user.controllerId && track.firstNotifiedAt !== null;
}

/** The SQL condition of `visibleTo` on a `tracks` alias, for list queries. */
export const NOTIFIED_TRACK = (alias: string): string => `${alias}.first_notified_at IS NOT NULL`;

/**
 * The audit events a controller-side reader sees on its own track: what was sent to it, what
 * became of it, its acknowledgements and its own decisions. Not: triage, confirmation,
 * deadlines, warnings, alerts, fallbacks, edits of the processor's record.
 */
export const CONTROLLER_AUDIT_TYPES: ReadonlySet<string> = new Set([
  'notice.queued', 'notice.sent', 'notice.delivered', 'notice.failed', 'notice.unknown', 'notice.escalated',
  'track.notify', 'track.auto_notify', 'track.supplement', 'track.acknowledge', 'track.controller_aware',
  'track.assess', 'track.close', 'risk.assessed',
  'ap.report', 'ap.supplement', 'ap.correction', 'ap.withdrawal',
]);

/** The latest notice version sent on each of these tracks: what its controller was told. */
export async function latestSentContent(tx: Tx, trackIds: string[]): Promise<Map<string, NoticeContent>> {
  if (trackIds.length === 0) return new Map();
  const rows = await tx.query(
    `SELECT DISTINCT ON (track_id) track_id, content FROM notice_versions WHERE track_id = ANY($1::uuid[]) ORDER BY track_id, version DESC`,
    [trackIds],
  );
  return new Map(rows.map((r: { track_id: string; content: NoticeContent }) => [r.track_id, r.content]));
}

/**
 * The incident as the controller was told it in the latest notice: what the processor
 * edited since (and has not sent yet) is not theirs to see yet.
 */
export function incidentAsSent(incident: IncidentRow, sent: NoticeContent | undefined): IncidentRow {
  // Past its retention term the frozen content is erased like the incident's own details.
  if (!sent || typeof sent.summary !== 'string') return incident;
  return {
    ...incident,
    summary: sent.summary,
    discoveredAt: new Date(sent.discoveredAt),
    discoveredBy: sent.discoveredBy,
    subProcessorName: sent.subProcessorName,
    subProcessorDiscoveredAt: sent.subProcessorDiscoveredAt ? new Date(sent.subProcessorDiscoveredAt) : null,
    fields: sent.fields as Record<string, unknown>,
  };
}
