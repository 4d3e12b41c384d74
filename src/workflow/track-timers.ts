import type { TrackEvent } from '../../machines/breach-track.machine';
import type { Tx } from '../db/transaction';
import { addJob, removeJob, timerJobKey } from '../jobs/job-queue';

/**
 * Timers are rows (`track_timers`); a job with a deterministic key only wakes each one up.
 * A timer that already fired is never moved or re-armed.
 */
export async function scheduleTimer(tx: Tx, trackId: string, name: string, dueAt: Date, event: TrackEvent): Promise<void> {
  const pending = await tx.query(
    `INSERT INTO track_timers (track_id, name, event, due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (track_id, name) DO UPDATE SET due_at = EXCLUDED.due_at, event = EXCLUDED.event, cancelled_at = NULL
     WHERE track_timers.applied_at IS NULL
     RETURNING name`,
    [trackId, name, JSON.stringify(event), dueAt],
  );
  if (pending.length === 0) return;
  await addJob(tx, 'apply_track_timer', { trackId, name }, { jobKey: timerJobKey(trackId, name), runAt: dueAt });
}

/** Arms a timer for a moment still ahead, even if it fired before for an earlier (wrong) moment. */
export async function rearmTimer(tx: Tx, trackId: string, name: string, dueAt: Date, event: TrackEvent): Promise<void> {
  await tx.query(
    `INSERT INTO track_timers (track_id, name, event, due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (track_id, name) DO UPDATE SET due_at = EXCLUDED.due_at, event = EXCLUDED.event, cancelled_at = NULL, applied_at = NULL`,
    [trackId, name, JSON.stringify(event), dueAt],
  );
  await addJob(tx, 'apply_track_timer', { trackId, name }, { jobKey: timerJobKey(trackId, name), runAt: dueAt });
}

/** The timers that belong to the notice deadline (not the ack window, not the AP clock). */
export const DEADLINE_TIMERS = ['warning-%', 'elapsed', 'auto-notice'];
export const ACK_WINDOW_TIMERS = ['ack-%'];

/** Cancels the pending timers whose name matches one of the SQL LIKE patterns, and their jobs. */
export async function cancelTimers(tx: Tx, trackId: string, namePatterns: string[], at: Date): Promise<void> {
  const [rows] = await tx.query(
    `UPDATE track_timers SET cancelled_at = $2
      WHERE track_id = $1 AND applied_at IS NULL AND cancelled_at IS NULL AND name LIKE ANY($3::text[])
      RETURNING name`,
    [trackId, at, namePatterns],
  );
  for (const row of rows ?? []) await removeJob(tx, timerJobKey(trackId, row.name));
}
