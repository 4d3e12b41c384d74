import type { Tx } from '../db/transaction';
import { addJob } from '../jobs/job-queue';

export interface TrackStateChange {
  incidentId: string;
  reference: string;
  trackId: string;
  controllerId: string;
  from: string;
  to: string;
  event: string;
  at: Date;
  /** The audit event's sequence: makes the delivery key unique per change. */
  seq: string;
}

/**
 * A track changed state: every active webhook (global, or for this controller) gets a
 * delivery row and a job, in the same transaction. The payload holds ids and states only —
 * never names, addresses or the content of the breach.
 */
export async function queueWebhooks(tx: Tx, change: TrackStateChange): Promise<void> {
  const hooks = await tx.query(`SELECT id FROM webhooks WHERE active AND (controller_id IS NULL OR controller_id = $1)`, [change.controllerId]);
  for (const hook of hooks) {
    const eventKey = `${change.trackId}:${change.seq}`;
    const payload = {
      type: 'track.state_changed',
      id: eventKey,
      occurredAt: change.at.toISOString(),
      incident: { id: change.incidentId, reference: change.reference },
      track: { id: change.trackId, controllerId: change.controllerId, from: change.from, to: change.to, event: change.event },
    };
    const [row] = await tx.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_key, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
      [hook.id, eventKey, JSON.stringify(payload)],
    );
    if (row) await addJob(tx, 'deliver_webhook', { deliveryId: row.id }, { jobKey: `webhook:${row.id}`, maxAttempts: 10 });
  }
}
