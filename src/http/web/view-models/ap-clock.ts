import type { TrackView } from '../../../domain/incident.views';

/** GDPR art. 33: the controller has 72 hours to report to the AP. */
export const AP_HOURS = 72;

/**
 * The controller counts as aware once our notice of a breach reached it, as the machine
 * recorded it (CONTROLLER_AWARE): not an outbox copy, not a notice of a mere suspicion.
 */
export function apClockStart(track: TrackView): string | null {
  return track.controllerAwareAt;
}
