import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { accessibleTrack } from '../domain/track-access';
import { loadIncidentView, type IncidentView, type TrackView } from '../domain/incident.views';

/** One track with its incident, as this user may see it; another controller's track does not exist. */
export async function readTrack(trackId: string, user: AuthUser, deps: { dataSource: DataSource }): Promise<{ incident: IncidentView; track: TrackView }> {
  const tx = deps.dataSource.manager;
  const found = await accessibleTrack(tx, trackId, user);
  const incident = await loadIncidentView(tx, found.incidentId, user);
  return { incident, track: incident.tracks.find((tr) => tr.id === trackId)! };
}
