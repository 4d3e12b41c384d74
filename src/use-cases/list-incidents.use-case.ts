import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { isControllerSide, type AuthUser } from '../auth/auth-user';
import { toIncident, toTrack, type TrackRow } from '../domain/incident.repository';
import { incidentFacts, trackViews, type IncidentView } from '../domain/incident.views';

/** The register, newest first; controller-side users see only incidents that concern them. */
export async function listIncidents(user: AuthUser, deps: CommandDeps, options: { limit?: number } = {}): Promise<IncidentView[]> {
  const tx = deps.dataSource.manager;
  const controllerId = isControllerSide(user) ? user.controllerId : null;
  const incidents = await tx.query(
    `SELECT i.* FROM incidents i
      WHERE $1::uuid IS NULL OR EXISTS (SELECT 1 FROM tracks t WHERE t.incident_id = i.id AND t.controller_id = $1)
      ORDER BY i.created_at DESC LIMIT $2`,
    [controllerId, options.limit ?? 200],
  );
  if (incidents.length === 0) return [];
  const tracks: TrackRow[] = (
    await tx.query(
      `SELECT * FROM tracks WHERE incident_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR controller_id = $2)`,
      [incidents.map((i: any) => i.id), controllerId],
    )
  ).map(toTrack);
  const withMeasures = new Set(incidents.filter((i: any) => i.fields?.measures != null).map((i: any) => i.id));
  const views = await trackViews(tx, tracks, (track) => withMeasures.has(track.incidentId));
  return incidents.map((row: any) => ({
    ...incidentFacts(toIncident(row)),
    tracks: views.filter((v) => tracks.find((t) => t.id === v.id)!.incidentId === row.id),
  }));
}
