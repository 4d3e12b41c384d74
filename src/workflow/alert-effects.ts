import { dpoRecipients, processorRecipients } from '../alerts/alert-recipients';
import { queueAlert } from '../alerts/queue-alerts';
import { describeDeadlineRule } from '../domain/deadlines';
import { listControllers } from '../domain/directory.repository';
import type { IncidentRow, TrackRow } from '../domain/incident.repository';
import { formatDateTime, type Language } from '../i18n/messages';
import type { CommandContext } from './apply-track-event';

/** Dates and the agreement's rule in each recipient's own language. */
async function deadlineValues(ctx: CommandContext, incident: IncidentRow, track: TrackRow): Promise<(language: Language) => Record<string, string>> {
  const [controller] = await listControllers(ctx.tx, [track.controllerId]);
  return (language) => ({
    reference: incident.reference,
    controller: controller.name,
    deadline: track.notifyDeadlineAt ? formatDateTime(language, track.notifyDeadlineAt.toISOString()) : '—',
    rule: controller.agreement ? describeDeadlineRule(controller.agreement, language) : '',
    apDeadline: track.apDeadlineAt ? formatDateTime(language, track.apDeadlineAt.toISOString()) : '—',
  });
}

/** Before the deadline: the incident's handler and the processor's security officer, by e-mail. */
export async function warnDeadline(ctx: CommandContext, incident: IncidentRow, track: TrackRow, share: number): Promise<void> {
  await queueAlert(ctx.tx, {
    incidentId: incident.id, trackId: track.id, kind: share === 0 ? 'due_now' : 'deadline_warning', occasion: `warning-${Math.round(share * 100)}`,
    recipients: await processorRecipients(ctx.tx, incident.id, { handler: true, securityOfficer: true }),
    values: await deadlineValues(ctx, incident, track),
    link: `${ctx.publicUrl}/incidents/${incident.id}`, actor: ctx.actor, at: ctx.at,
  });
}

/** Past the deadline: the security officer and the director, by e-mail and SMS; the handler by e-mail. */
export async function escalateOverdue(ctx: CommandContext, incident: IncidentRow, track: TrackRow): Promise<void> {
  await queueAlert(ctx.tx, {
    incidentId: incident.id, trackId: track.id, kind: 'overdue', occasion: 'elapsed',
    recipients: [
      ...(await processorRecipients(ctx.tx, incident.id, { handler: true })),
      ...(await processorRecipients(ctx.tx, incident.id, { securityOfficer: true, director: true, sms: true })),
    ],
    values: await deadlineValues(ctx, incident, track),
    link: `${ctx.publicUrl}/incidents/${incident.id}`, actor: ctx.actor, at: ctx.at,
  });
}

/** The controller's 72 hours run out and no decision is on record: remind its DPO. */
export async function remindDpo(ctx: CommandContext, incident: IncidentRow, track: TrackRow): Promise<void> {
  await queueAlert(ctx.tx, {
    incidentId: incident.id, trackId: track.id, kind: 'dpo_reminder', occasion: 'ap-reminder',
    recipients: await dpoRecipients(ctx.tx, track.id),
    values: await deadlineValues(ctx, incident, track),
    link: `${ctx.publicUrl}/incidents/${incident.id}`, actor: ctx.actor, at: ctx.at,
  });
}
