import type { DataSource } from 'typeorm';
import { signWebhook } from '../webhooks/webhook-signature';

export class WebhookRetry extends Error {}

/**
 * POSTs one delivery. A 2xx is done; anything else is thrown so the job queue retries with
 * its backoff (10 attempts), after which the delivery stays `failed` for an operator to see.
 */
export async function deliverWebhook(deliveryId: string, deps: { dataSource: DataSource; timeoutMs?: number }): Promise<void> {
  const [delivery] = await deps.dataSource.query(
    `SELECT d.*, w.url, w.secret, w.active FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
    [deliveryId],
  );
  if (!delivery || delivery.status === 'sent' || !delivery.active) return;
  const body = JSON.stringify(delivery.payload);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-meldplicht-event': delivery.payload.type, 'x-meldplicht-signature': signWebhook(delivery.secret, body, Math.floor(Date.now() / 1000)) },
      body,
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (e) {
    error = (e as Error).name;
  }
  const ok = status !== null && status >= 200 && status < 300;
  await deps.dataSource.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
       status = CASE WHEN $4 THEN 'sent' WHEN attempts + 1 >= 10 THEN 'failed' ELSE 'queued' END,
       sent_at = CASE WHEN $4 THEN now() ELSE sent_at END
     WHERE id = $1`,
    [deliveryId, status, error, ok],
  );
  if (!ok) throw new WebhookRetry(`webhook answered ${status ?? error}`);
}
