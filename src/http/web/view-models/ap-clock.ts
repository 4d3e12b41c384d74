import type { TrackView } from '../../../domain/incident.views';

/** GDPR art. 33: the controller has 72 hours to report to the AP. */
export const AP_HOURS = 72;

/**
 * The controller counts as aware once our notice reached it: the first notice we sent on
 * this track, or its acknowledgement if that is what we have first.
 */
export function apClockStart(track: TrackView): string | null {
  const moments = [...track.notices.map((n) => n.sentAt), track.acknowledgedAt]
    .filter((x): x is string => Boolean(x))
    .sort();
  return moments[0] ?? null;
}
