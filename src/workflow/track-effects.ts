import type { TrackEffect } from '../../machines/breach-track.machine';
import { appendAudit } from '../audit/audit-trail';
import { clockStartedAt, noticeDeadline, timerPlan } from '../domain/deadlines';
import { listControllers, loadAgreement, loadProcessor } from '../domain/directory.repository';
import type { IncidentRow, TrackRow } from '../domain/incident.repository';
import { buildNoticeContent, comparableContent, type NoticeContent } from '../domain/notice-content';
import { diffContent } from '../domain/notice-fields';
import { addJob, noticeJobKey, removeJob, timerJobKey } from '../jobs/job-queue';
import type { CommandContext } from './apply-track-event';

/**
 * Turns the machine's effect intents into rows and jobs, on the command's transaction.
 * Nothing here talks to a provider: sending happens in jobs after commit.
 */
export async function executeTrackEffects(ctx: CommandContext, incident: IncidentRow, track: TrackRow, effects: TrackEffect[]): Promise<void> {
  for (const effect of effects) {
    switch (effect.type) {
      case 'scheduleDeadline':
        await scheduleDeadline(ctx, incident, track);
        break;
      case 'cancelDeadline':
        await cancelDeadline(ctx, track);
        break;
      case 'sendNotice':
        await queueNotice(ctx, incident, track, effect.params.kind);
        break;
      case 'warnDeadline':
      case 'escalateOverdue':
        // Recorded by the audit event of the transition; alerts by mail follow in the
        // durable-workflow work (issue 3).
        break;
    }
  }
}

async function scheduleDeadline(ctx: CommandContext, incident: IncidentRow, track: TrackRow): Promise<void> {
  const agreement = await loadAgreement(ctx.tx, track.agreementId);
  const startedAt = clockStartedAt(agreement, {
    discoveredAt: incident.discoveredAt,
    subProcessorDiscoveredAt: incident.subProcessorDiscoveredAt,
    establishedAt: track.establishedAt,
  });
  if (!startedAt) return; // the clock starts later (at establishment)
  track.clockStartedAt = startedAt;
  track.notifyDeadlineAt = noticeDeadline(agreement, startedAt);
  for (const timer of timerPlan(agreement, startedAt)) {
    // A timer that already fired stays as it was: no new row, no new job.
    const pending = await ctx.tx.query(
      `INSERT INTO track_timers (track_id, name, event, due_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (track_id, name) DO UPDATE SET due_at = EXCLUDED.due_at, event = EXCLUDED.event, cancelled_at = NULL
       WHERE track_timers.applied_at IS NULL
       RETURNING name`,
      [track.id, timer.name, JSON.stringify(timer.event), timer.dueAt],
    );
    if (pending.length === 0) continue;
    await addJob(ctx.tx, 'apply_track_timer', { trackId: track.id, name: timer.name }, { jobKey: timerJobKey(track.id, timer.name), runAt: timer.dueAt });
  }
}

async function cancelDeadline(ctx: CommandContext, track: TrackRow): Promise<void> {
  const cancelled = await ctx.tx.query(
    `UPDATE track_timers SET cancelled_at = $2 WHERE track_id = $1 AND applied_at IS NULL AND cancelled_at IS NULL RETURNING name`,
    [track.id, ctx.at],
  );
  for (const row of cancelled[0] ?? []) await removeJob(ctx.tx, timerJobKey(track.id, row.name));
}

async function queueNotice(ctx: CommandContext, incident: IncidentRow, track: TrackRow, kind: 'initial' | 'supplement'): Promise<void> {
  const version = track.snapshot.context.noticeVersion;
  // One connection per command: its queries run one after another.
  const agreement = await loadAgreement(ctx.tx, track.agreementId);
  const processor = await loadProcessor(ctx.tx);
  const [controller] = await listControllers(ctx.tx, [track.controllerId]);
  const content = buildNoticeContent({
    incident, track, controller, agreement, version, kind,
    processorName: processor.name,
    processorContactPoint: processor.contactPoint,
  });
  const [previous] = await ctx.tx.query(
    `SELECT content FROM notice_versions WHERE track_id = $1 ORDER BY version DESC LIMIT 1`,
    [track.id],
  );
  const changes = previous ? diffContent(comparableContent(previous.content as NoticeContent), comparableContent(content)) : [];
  const [noticeVersion] = await ctx.tx.query(
    `INSERT INTO notice_versions (track_id, version, kind, content, changes, late_reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [track.id, version, kind, JSON.stringify(content), JSON.stringify(changes), content.lateReason, ctx.userId],
  );
  const recipients = agreement.contacts.filter((c) => c.receivesBreachNotice);
  const deliveries = recipients.flatMap((contact) => [
    { contact, channel: 'email' as const, recipient: contact.email },
    ...(contact.mobile ? [{ contact, channel: 'sms' as const, recipient: contact.mobile }] : []),
  ]);
  for (const delivery of deliveries) {
    const [notice] = await ctx.tx.query(
      `INSERT INTO notices (notice_version_id, track_id, version, contact_id, channel, recipient)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [noticeVersion.id, track.id, version, delivery.contact.id, delivery.channel, delivery.recipient],
    );
    await addJob(ctx.tx, 'send_notice', { noticeId: notice.id }, { jobKey: noticeJobKey(notice.id) });
  }
  if (kind === 'initial') track.firstNotifiedAt ??= ctx.at;
  await appendAudit(ctx.tx, {
    incidentId: incident.id,
    trackId: track.id,
    type: 'notice.queued',
    actor: ctx.actor,
    at: ctx.at,
    data: {
      version,
      kind,
      changes: changes.map((c) => c.field),
      recipients: deliveries.map((d) => ({ contactId: d.contact.id, channel: d.channel })),
    },
  });
}
