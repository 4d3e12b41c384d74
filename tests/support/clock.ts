import type { TestService } from './test-service';

/**
 * "Let time pass" for one timer of a track: it falls due now, and so does its job. Tests move
 * data, never sleep on the wall clock.
 */
export async function makeTimerDue(t: TestService, trackId: string, name: string): Promise<void> {
  await t.sql(`UPDATE track_timers SET due_at = now() - interval '1 second' WHERE track_id = $1 AND name = $2`, [trackId, name]);
  await t.sql(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1`, [`track:${trackId}:deadline:${name}`]);
}

/** A job that is waiting for its backoff runs now. */
export async function runJobsNow(t: TestService, keyPrefix: string): Promise<void> {
  await t.sql(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key LIKE $1`, [`${keyPrefix}%`]);
}
