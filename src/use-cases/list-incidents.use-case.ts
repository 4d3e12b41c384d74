import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { isControllerSide, type AuthUser } from '../auth/auth-user';
import { toIncident, toTrack, type TrackRow } from '../domain/incident.repository';
import { asToldToController, incidentFacts, trackViews, type IncidentView } from '../domain/incident.views';
import { latestSentContent, NOTIFIED_TRACK } from '../domain/controller-visibility';

/** The register, newest first; controller-side users see only incidents notified to them. */
export async function listIncidents(user: AuthUser, deps: CommandDeps, options: { limit?: number } = {}): Promise<IncidentView[]> {
  const tx = deps.dataSource.manager;
  const controllerId = isControllerSide(user) ? user.controllerId : null;
  // Two statements, not one with `$1 IS NULL OR EXISTS (…)`: that form hides the semi-join
  // from the planner, which then walked the newest incidents one by one until it had found
  // 200 of a small controller's (benchmark 4, docs/PERFORMANCE.md §4).
  const limit = options.limit ?? 200;
  const incidents = controllerId === null
    ? await tx.query(`SELECT i.* FROM incidents i ORDER BY i.created_at DESC LIMIT $1`, [limit])
    : await tx.query(
      `SELECT i.* FROM incidents i
        WHERE EXISTS (SELECT 1 FROM tracks t WHERE t.incident_id = i.id AND t.controller_id = $1 AND ${NOTIFIED_TRACK('t')})
        ORDER BY i.created_at DESC LIMIT $2`,
      [controllerId, limit],
    );
  if (incidents.length === 0) return [];
  const tracks: TrackRow[] = (
    await tx.query(
      `SELECT * FROM tracks t WHERE t.incident_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR (t.controller_id = $2 AND ${NOTIFIED_TRACK('t')}))`,
      [incidents.map((i: any) => i.id), controllerId],
    )
  ).map(toTrack);
  const withMeasures = new Set(incidents.filter((i: any) => i.fields?.measures != null).map((i: any) => i.id));
  const views = await trackViews(tx, tracks, (track) => withMeasures.has(track.incidentId));
  // Grouped in one pass: a search per incident through every track was quadratic (benchmark 4).
  const viewsByIncident = new Map<string, typeof views>();
  views.forEach((view, i) => {
    const incidentId = tracks[i].incidentId;
    viewsByIncident.set(incidentId, [...(viewsByIncident.get(incidentId) ?? []), view]);
  });
  if (controllerId === null) return incidents.map((row: any) => ({ ...incidentFacts(toIncident(row)), tracks: viewsByIncident.get(row.id) ?? [] }));
  // The controller side: each incident as its latest notice told it (one track per incident).
  const sent = await latestSentContent(tx, tracks.map((t) => t.id));
  return incidents.map((row: any) => {
    const own = viewsByIncident.get(row.id)!;
    return asToldToController(toIncident(row), sent.get(own[0].id), own);
  });
}
