import { appendAudit } from '../audit/audit-trail';
import { processorRecipients } from '../alerts/alert-recipients';
import { queueAlert } from '../alerts/queue-alerts';
import type { Tx } from '../db/transaction';
import { listControllers, loadAgreement } from '../domain/directory.repository';
import { lockIncident, saveTrack, tracksOf } from '../domain/incident.repository';
import type { Settled } from '../notify/ledger-delivery';
import { queueNoticeDeliveries } from './notice-queue';
import { scheduleTimer } from './track-timers';

const WORKER = { kind: 'system' as const, name: 'notice-sender' };
const AP_TERM_MS = 72 * 3_600_000;
const AP_REMINDER_BEFORE_MS = 12 * 3_600_000;

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
    await startControllerClock(tx, incident.id, notice.track_id, at);
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

/** The controller is aware once our notice reached it: its 72 hours for the AP start then. */
async function startControllerClock(tx: Tx, incidentId: string, trackId: string, at: Date): Promise<void> {
  const [track] = (await tracksOf(tx, incidentId, { lock: true })).filter((t) => t.id === trackId);
  // Two first notices may settle out of order: the earliest acceptance is the moment of awareness.
  if (track.controllerAwareAt && track.controllerAwareAt <= at) return;
  track.controllerAwareAt = at;
  track.apDeadlineAt = new Date(at.getTime() + AP_TERM_MS);
  await saveTrack(tx, track);
  await scheduleTimer(tx, trackId, 'ap-reminder', new Date(track.apDeadlineAt.getTime() - AP_REMINDER_BEFORE_MS), { type: 'AP_REMINDER' });
  await appendAudit(tx, {
    incidentId, trackId, type: 'track.controller_aware', actor: WORKER, at,
    data: { controllerAwareAt: at.toISOString(), apDeadlineAt: track.apDeadlineAt.toISOString() },
  });
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
