import { canApply } from '../../machines/track-workflow';
import type { TrackEvent } from '../../machines/breach-track.machine';
import type { IncidentRow, TrackRow } from '../domain/incident.repository';
import { applyTrackEvent, type CommandContext } from './apply-track-event';

/**
 * Applies a track's due timers in the order they fell due, each at most once: all that are
 * due now, or (with `upTo`) those due no later than that timer. An event the state no longer
 * takes cancels its timer. The caller holds the incident's and the track's locks.
 */
export async function applyDueTimers(ctx: CommandContext, incident: IncidentRow, track: TrackRow, upTo?: string): Promise<string[]> {
  const pending = await ctx.tx.query(
    `SELECT * FROM track_timers WHERE track_id = $1 AND applied_at IS NULL AND cancelled_at IS NULL
        AND due_at <= ${upTo ? '(SELECT due_at FROM track_timers WHERE track_id = $1 AND name = $2)' : 'now()'}
      ORDER BY due_at, name FOR UPDATE`,
    upTo ? [track.id, upTo] : [track.id],
  );
  const applied: string[] = [];
  for (const due of pending) {
    const event = due.event as TrackEvent;
    if (!canApply(track.snapshot, event)) {
      await ctx.tx.query(`UPDATE track_timers SET cancelled_at = $3 WHERE track_id = $1 AND name = $2`, [track.id, due.name, ctx.at]);
      continue;
    }
    await applyTrackEvent(ctx, incident, track, event, {
      timer: due.name,
      dueAt: new Date(due.due_at).toISOString(),
      latenessMs: ctx.at.getTime() - new Date(due.due_at).getTime(),
    });
    await ctx.tx.query(`UPDATE track_timers SET applied_at = $3 WHERE track_id = $1 AND name = $2`, [track.id, due.name, ctx.at]);
    applied.push(due.name);
  }
  return applied;
}
