import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { dbNow, inTransaction } from '../db/transaction';
import { lockIncident, tracksOf } from '../domain/incident.repository';
import { applyDueTimers } from '../workflow/due-timers';

/**
 * A deadline timer came due: apply its event once. The timer rows are the truth: applied or
 * cancelled timers are left alone, so a duplicate or late job changes nothing. Earlier due
 * timers of the same track are applied first, in order, so a worker that catches up after an
 * outage records 50 %, 80 % and the deadline in the sequence they fell due.
 */
export async function applyTrackTimer(trackId: string, name: string, deps: CommandDeps, source: 'job' | 'reconciler' = 'job'): Promise<'applied' | 'moot' | 'not-due' | 'done'> {
  return inTransaction(deps.dataSource, async (tx) => {
    const [head] = await tx.query(`SELECT incident_id FROM tracks WHERE id = $1`, [trackId]);
    if (!head) return 'done';
    const incident = (await lockIncident(tx, head.incident_id))!;
    const [track] = (await tracksOf(tx, incident.id, { lock: true })).filter((t) => t.id === trackId);
    const [timer] = await tx.query(
      `SELECT *, due_at <= now() AS due FROM track_timers WHERE track_id = $1 AND name = $2 FOR UPDATE`,
      [trackId, name],
    );
    if (!timer || timer.applied_at || timer.cancelled_at) return 'done';
    if (!timer.due) return 'not-due';
    const at = await dbNow(tx);
    const ctx = { tx, at, actor: { kind: 'system' as const, name: source === 'job' ? 'deadline-timer' : 'reconciler' }, userId: null, publicUrl: deps.publicUrl };
    const outcome: 'applied' | 'moot' = (await applyDueTimers(ctx, incident, track, name)).includes(name) ? 'applied' : 'moot';
    return outcome;
  });
}

/**
 * The safety net: applies every due timer that no job applied (a lost job, a restored
 * backup, a stuck worker). One instance at a time, by advisory lock.
 */
export async function reconcileTimers(deps: CommandDeps): Promise<number> {
  const runner = deps.dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [lock] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('meldplicht:reconciler')) AS got`);
    if (!lock.got) return 0;
    try {
      const due = await runner.query(
        `SELECT track_id, name FROM track_timers
          WHERE applied_at IS NULL AND cancelled_at IS NULL AND due_at <= now() - interval '5 seconds'
          ORDER BY due_at LIMIT 500`,
      );
      let applied = 0;
      for (const timer of due) {
        if ((await applyTrackTimer(timer.track_id, timer.name, deps, 'reconciler')) === 'applied') applied++;
      }
      return applied;
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('meldplicht:reconciler'))`);
    }
  } finally {
    await runner.release();
  }
}
