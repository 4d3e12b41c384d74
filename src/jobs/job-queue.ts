import type { Tx } from '../db/transaction';

/**
 * Jobs are added with graphile-worker's SQL API on the command's own connection, so a job
 * exists exactly when the transaction that wanted it commits.
 */
export type TaskName = 'send_notice' | 'send_alert' | 'apply_track_timer' | 'deliver_webhook';

export async function addJob(
  tx: Tx,
  task: TaskName,
  payload: Record<string, unknown>,
  options: { jobKey?: string; runAt?: Date; maxAttempts?: number } = {},
): Promise<void> {
  await tx.query(
    `SELECT graphile_worker.add_job($1, $2::json, run_at := $3::timestamptz, max_attempts := $4, job_key := $5, job_key_mode := 'replace')`,
    [task, JSON.stringify(payload), options.runAt ?? null, options.maxAttempts ?? 25, options.jobKey ?? null],
  );
}

export async function removeJob(tx: Tx, jobKey: string): Promise<void> {
  await tx.query(`SELECT graphile_worker.remove_job($1)`, [jobKey]);
}

export const timerJobKey = (trackId: string, name: string): string => `track:${trackId}:deadline:${name}`;
export const noticeJobKey = (noticeId: string): string => `notice:${noticeId}`;
