import { appendAudit } from '../audit/audit-trail';
import { lockIncident } from '../domain/incident.repository';
import type { Tx } from '../db/transaction';
import { deliverThroughLedger, lostLedgerRows, settleInterrupted, type LedgerDeps, type LedgerHooks } from '../notify/ledger-delivery';
import { addJob } from '../jobs/job-queue';

/** Alerts are rendered when queued; sending only reads the row. */
const alertHooks: LedgerHooks = {
  async compose(_tx, alert) {
    return alert.channel === 'email'
      ? { channel: 'email', to: alert.recipient, subject: alert.subject, text: alert.text_body, html: alert.html_body }
      : { channel: 'sms', to: alert.recipient, text: alert.text_body };
  },
  async settled(tx, alert, outcome, at, detail) {
    await lockIncident(tx, alert.incident_id);
    await appendAudit(tx, {
      incidentId: alert.incident_id,
      trackId: alert.track_id,
      type: `alert.${outcome}`,
      actor: { kind: 'system', name: 'alert-sender' },
      at,
      data: { alertId: alert.id, kind: alert.kind, role: alert.recipient_role, channel: alert.channel, providerId: detail.provider_id ?? null, error: detail.last_error ?? null },
    });
  },
};

export function deliverAlert(alertId: string, deps: LedgerDeps): Promise<void> {
  return deliverThroughLedger('alerts', alertId, alertHooks, deps);
}

/** The alerts ledger's safety net, as for notices: lost jobs re-added, interrupted sends unknown. */
export async function reconcileAlerts(tx: Tx, staleSendingMs: number): Promise<{ requeued: number; unknown: number }> {
  const lost = await lostLedgerRows(tx, 'alerts', 'alert:', staleSendingMs);
  for (const id of lost) await addJob(tx, 'send_alert', { alertId: id }, { jobKey: `alert:${id}` });
  return { requeued: lost.length, unknown: await settleInterrupted(tx, 'alerts', staleSendingMs, alertHooks) };
}
