import type { NoticeKind } from '../../machines/breach-track.machine';
import { appendAudit } from '../audit/audit-trail';
import { processorRecipients } from '../alerts/alert-recipients';
import { queueAlert } from '../alerts/queue-alerts';
import { listControllers, loadProcessor, type Contact } from '../domain/directory.repository';
import type { IncidentRow, TrackRow } from '../domain/incident.repository';
import { buildNoticeContent, comparableContent, type NoticeContent } from '../domain/notice-content';
import { diffContent, type FieldChange } from '../domain/notice-fields';
import { agreementFor, type CommandContext } from './apply-track-event';
import type { Language } from '../i18n/messages';
import { latestNoticeVersion, queueNoticeDeliveries } from './notice-queue';

export interface ComposedNotice {
  content: NoticeContent;
  /** What changed since the previous version (old → new). */
  changes: FieldChange[];
  /** Everyone who receives breach notices, and everyone who got an earlier version (stand-ins and directors included). */
  recipients: Contact[];
}

/**
 * What the next notice version of a track says and to whom: the one function behind both
 * the notice that is sent and its preview.
 */
export async function composeNotice(
  ctx: Pick<CommandContext, 'tx' | 'agreements'>, incident: IncidentRow, track: TrackRow, version: number, kind: NoticeKind, preliminary: boolean,
): Promise<ComposedNotice> {
  // One connection per command: its queries run one after another.
  const agreement = await agreementFor(ctx, track.agreementId);
  const processor = await loadProcessor(ctx.tx);
  const [controller] = await listControllers(ctx.tx, [track.controllerId]);
  const content = buildNoticeContent({
    incident, track, controller, agreement, version, kind, preliminary,
    processorName: processor.name,
    processorContactPoint: processor.contactPoint,
  });
  const [previous] = await ctx.tx.query(`SELECT content FROM notice_versions WHERE track_id = $1 ORDER BY version DESC LIMIT 1`, [track.id]);
  const changes = previous ? diffContent(comparableContent(previous.content as NoticeContent), comparableContent(content)) : [];
  const earlier = await ctx.tx.query(`SELECT DISTINCT contact_id FROM notices WHERE track_id = $1`, [track.id]);
  const recipients = agreement.contacts.filter((c) => c.receivesBreachNotice || earlier.some((e: { contact_id: string }) => e.contact_id === c.id));
  return { content, changes, recipients };
}

/** A new notice version, frozen, on the ledger for every contact who receives breach notices. */
export async function queueNotice(ctx: CommandContext, incident: IncidentRow, track: TrackRow, kind: NoticeKind, preliminary: boolean): Promise<void> {
  const version = track.snapshot.context.noticeVersion;
  const { content, changes, recipients } = await composeNotice(ctx, incident, track, version, kind, preliminary);
  const [noticeVersion] = await ctx.tx.query(
    `INSERT INTO notice_versions (track_id, version, kind, content, changes, late_reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [track.id, version, kind === 'initial' ? 'initial' : 'supplement', JSON.stringify(content), JSON.stringify(changes), content.lateReason, ctx.userId],
  );
  const deliveries = await queueNoticeDeliveries(ctx.tx, { trackId: track.id, noticeVersionId: noticeVersion.id, version, contacts: recipients, reason: 'notice' });
  if (kind === 'initial') track.firstNotifiedAt ??= ctx.at;
  await appendAudit(ctx.tx, {
    incidentId: incident.id,
    trackId: track.id,
    type: 'notice.queued',
    actor: ctx.actor,
    at: ctx.at,
    data: { version, kind, preliminary, changes: changes.map((c) => c.field), recipients: deliveries.map((d) => ({ contactId: d.contactId, channel: d.channel })) },
  });
}

const STEP_NAMES: Record<Language, [string, string]> = { nl: ['vervanger (bij afwezigheid)', 'bestuurder'], en: ['stand-in (in case of absence)', 'director'] };

/**
 * The escalation ladder for an unacknowledged notice: step 1 the stand-ins ("bij
 * afwezigheid") of those notified, step 2 the controller's director. Nobody on a step: the
 * processor's people are told to phone.
 */
export async function escalateNotice(ctx: CommandContext, incident: IncidentRow, track: TrackRow, step: number): Promise<void> {
  const agreement = await agreementFor(ctx, track.agreementId);
  const latest = await latestNoticeVersion(ctx.tx, track.id);
  if (!latest) return;
  const notified = await ctx.tx.query(`SELECT DISTINCT contact_id FROM notices WHERE track_id = $1`, [track.id]);
  const notifiedIds = new Set<string>(notified.map((n: { contact_id: string }) => n.contact_id));
  const targets: Contact[] =
    step === 1
      ? agreement.contacts.filter((c) => c.standInForId !== null && notifiedIds.has(c.standInForId) && !notifiedIds.has(c.id))
      : agreement.contacts.filter((c) => c.role === 'director' && !notifiedIds.has(c.id));
  const [controller] = await listControllers(ctx.tx, [track.controllerId]);
  const stepName = (language: Language) => STEP_NAMES[language][step === 1 ? 0 : 1];
  const common = {
    incidentId: incident.id, trackId: track.id, occasion: `ladder-${step}`, actor: ctx.actor, at: ctx.at,
    link: `${ctx.publicUrl}/incidents/${incident.id}`,
    recipients: await processorRecipients(ctx.tx, incident.id, { handler: true, securityOfficer: true }),
  };
  if (targets.length === 0) {
    await queueAlert(ctx.tx, { ...common, kind: 'no_stand_in', values: (language) => ({ reference: incident.reference, controller: controller.name, step: stepName(language) }) });
    return;
  }
  const deliveries = await queueNoticeDeliveries(ctx.tx, {
    trackId: track.id, noticeVersionId: latest.id, version: latest.version, contacts: targets, reason: step === 1 ? 'stand_in' : 'director',
  });
  await appendAudit(ctx.tx, {
    incidentId: incident.id, trackId: track.id, type: 'notice.escalated', actor: ctx.actor, at: ctx.at,
    data: { step, version: latest.version, contactIds: targets.map((c) => c.id), messages: deliveries.length },
  });
  await queueAlert(ctx.tx, {
    ...common, kind: 'escalated',
    values: (language) => ({ reference: incident.reference, controller: controller.name, step: stepName(language), contact: targets.map((c) => c.name).join(', ') }),
  });
}
