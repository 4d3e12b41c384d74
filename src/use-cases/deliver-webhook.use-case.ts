import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { DataSource } from 'typeorm';
import { signWebhook } from '../webhooks/webhook-signature';
import { checkWebhookTarget, type CheckedTarget, type ResolveHost, type WebhookTargetPolicy } from '../webhooks/webhook-target';

export class WebhookRetry extends Error {}

export interface DeliverWebhookDeps {
  dataSource: DataSource;
  webhookTargets: WebhookTargetPolicy;
  timeoutMs?: number;
  /** DNS, replaceable in tests (a rebinding resolver). */
  resolveHost?: ResolveHost;
}

/**
 * POSTs one delivery. A 2xx is done; anything else is thrown so the job queue retries with
 * its backoff (10 attempts), after which the delivery stays `failed` for an operator to see.
 * The target is checked again here (a name may resolve elsewhere since it was created), the
 * connection goes to exactly the address that was checked, and a redirect is an answer like
 * any other non-2xx: never followed.
 */
export async function deliverWebhook(deliveryId: string, deps: DeliverWebhookDeps): Promise<void> {
  const [delivery] = await deps.dataSource.query(
    `SELECT d.*, w.url, w.secret, w.active FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
    [deliveryId],
  );
  if (!delivery || delivery.status === 'sent' || !delivery.active) return;
  const body = JSON.stringify(delivery.payload);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const target = await checkWebhookTarget(delivery.url, deps.webhookTargets, deps.resolveHost);
    status = await post(target, body, {
      'content-type': 'application/json',
      'x-meldplicht-event': delivery.payload.type,
      'x-meldplicht-signature': signWebhook(delivery.secret, body, Math.floor(Date.now() / 1000)),
    }, deps.timeoutMs ?? 10_000);
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

/** One POST to the checked address (the URL's host still goes in Host and, for https, in SNI). */
function post(target: CheckedTarget, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(target.url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinned, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
