import { appendAudit } from '../audit/audit-trail';
import { processorRecipients } from '../alerts/alert-recipients';
import { queueAlert } from '../alerts/queue-alerts';
import type { Tx } from '../db/transaction';
import { listControllers, loadAgreement } from '../domain/directory.repository';
import { lockIncident, tracksOf, type IncidentRow } from '../domain/incident.repository';
import { canApply } from '../../machines/track-workflow';
import type { TrackEvent } from '../../machines/breach-track.machine';
import { isOutboxId } from '../notify/senders';
import { applyTrackEvent } from './apply-track-event';
import type { Settled } from '../notify/ledger-delivery';
import { noticeVersionSaysBreach, queueNoticeDeliveries } from './notice-queue';

const WORKER = { kind: 'system' as const, name: 'notice-sender' };

/**
 * What a notice's outcome sets in motion: the audit record; on the first acceptance the
 * controller's own 72-hour AP clock; on failure the other channel, then the stand-in, and a
 * person told; on an unknown outcome a person told (never an automatic resend).
 */
export async function recordNoticeOutcome(
  tx: Tx,
  notice: Record<string, any>,
  outcome: Settled | 'delivered',
  at: Date,
  detail: Record<string, string | null>,
  publicUrl: string,
): Promise<void> {
  const [head] = await tx.query(`SELECT incident_id FROM tracks WHERE id = $1`, [notice.track_id]);
  const incident = (await lockIncident(tx, head.incident_id))!;
  await appendAudit(tx, {
    incidentId: incident.id, trackId: notice.track_id, type: `notice.${outcome}`, actor: WORKER, at,
    data: { noticeId: notice.id, version: notice.version, channel: notice.channel, contactId: notice.contact_id, reason: notice.reason, ...detail },
  });
  if (outcome === 'sent') {
    await startControllerClock(tx, incident, notice, at, detail.provider_id ?? null, publicUrl);
    return;
  }
  if (outcome === 'delivered') return;

  const [contact] = await tx.query(`SELECT name FROM contacts WHERE id = $1`, [notice.contact_id]);
  const [track] = (await tracksOf(tx, incident.id)).filter((t) => t.id === notice.track_id);
  const [controller] = await listControllers(tx, [track.controllerId]);
  await queueAlert(tx, {
    incidentId: incident.id, trackId: track.id, kind: outcome === 'failed' ? 'notice_failed' : 'notice_unknown', occasion: notice.id,
    recipients: await processorRecipients(tx, incident.id, { handler: true, securityOfficer: true }),
    values: { reference: incident.reference, controller: controller.name, contact: contact.name, channel: notice.channel === 'email' ? 'e-mail' : 'sms' },
    link: `${publicUrl}/incidents/${incident.id}`, actor: WORKER, at,
  });
  if (outcome === 'failed') await fallBack(tx, notice, track.agreementId, incident.id, at);
}

/**
 * The controller is aware of a breach once our notice of it reached it: its 72 hours for the
 * AP start then (the machine's CONTROLLER_AWARE). Not when the message only landed in the
 * outbox (nothing was sent), and not for a notice of a mere suspicion: per the EDPB's
 * guidelines awareness is of a breach, so the confirmation starts the clock.
 */
async function startControllerClock(tx: Tx, incident: IncidentRow, notice: Record<string, any>, at: Date, providerId: string | null, publicUrl: string): Promise<void> {
  if (providerId === null || isOutboxId(providerId)) return;
  if (!(await noticeVersionSaysBreach(tx, notice.notice_version_id))) return;
  const [track] = (await tracksOf(tx, incident.id, { lock: true })).filter((t) => t.id === notice.track_id);
  // Two first notices may settle out of order: the earliest acceptance is the moment of awareness.
  const event: TrackEvent = { type: 'CONTROLLER_AWARE', earlier: track.controllerAwareAt !== null && at < track.controllerAwareAt };
  if (!canApply(track.snapshot, event)) return;
  await applyTrackEvent({ tx, at, actor: WORKER, userId: null, publicUrl }, incident, track, event, { noticeId: notice.id, version: notice.version });
}

/**
 * A failed e-mail takes the SMS path and vice versa; when both channels to a contact failed,
 * the contact's stand-in gets the notice.
 */
async function fallBack(tx: Tx, notice: Record<string, any>, agreementId: string, incidentId: string, at: Date): Promise<void> {
  const agreement = await loadAgreement(tx, agreementId);
  const contact = agreement.contacts.find((c) => c.id === notice.contact_id);
  if (!contact) return;
  const other = notice.channel === 'email' ? 'sms' : 'email';
  const [sibling] = await tx.query(
    `SELECT status FROM notices WHERE track_id = $1 AND contact_id = $2 AND version = $3 AND channel = $4`,
    [notice.track_id, contact.id, notice.version, other],
  );
  const otherAddress = other === 'sms' ? contact.mobile : contact.email;
  let queued = 0;
  if (!sibling && otherAddress) {
    queued = (await queueNoticeDeliveries(tx, {
      trackId: notice.track_id, noticeVersionId: notice.notice_version_id, version: notice.version, contacts: [contact], reason: 'fallback', channels: [other],
    })).length;
  } else if (!sibling || ['failed', 'bounced'].includes(sibling.status)) {
    const standIns = agreement.contacts.filter((c) => c.standInForId === contact.id);
    queued = (await queueNoticeDeliveries(tx, {
      trackId: notice.track_id, noticeVersionId: notice.notice_version_id, version: notice.version, contacts: standIns, reason: 'stand_in',
    })).length;
  }
  if (queued > 0) {
    await appendAudit(tx, {
      incidentId, trackId: notice.track_id, type: 'notice.fallback', actor: WORKER, at,
      data: { failedNoticeId: notice.id, contactId: contact.id, messages: queued },
    });
  }
}
