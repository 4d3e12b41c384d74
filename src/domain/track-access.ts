import type { AuthUser } from '../auth/auth-user';
import { visibleTo } from './controller-visibility';
import type { Tx } from '../db/transaction';
import { NotFoundError } from './errors';
import { findTrack, type TrackRow } from './incident.repository';

/**
 * A track the user may see: the processor's staff see every track, controller-side users
 * only their controller's, and those only once notified (controller-visibility.ts). Anything
 * else does not exist for them (404, not 403: no hint that another controller has a case).
 */
export async function accessibleTrack(tx: Tx, trackId: string, user: AuthUser): Promise<TrackRow> {
  const track = await findTrack(tx, trackId);
  if (!track || !visibleTo(user, track)) throw new NotFoundError('Track');
  return track;
}
