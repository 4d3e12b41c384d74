import type { Tx } from '../db/transaction';

export interface WebhookRow {
  id: string;
  url: string;
  controller_id: string | null;
  active: boolean;
  created_at: Date;
}

/** Switches a webhook on or off; null when there is no such webhook. */
export async function setWebhookActive(tx: Tx, id: string, active: boolean): Promise<WebhookRow | null> {
  // TypeORM answers an UPDATE/DELETE with [rows, affected].
  const [rows] = await tx.query(`UPDATE webhooks SET active = $2 WHERE id = $1 RETURNING id, url, controller_id, active, created_at`, [id, active]);
  return (rows?.[0] as WebhookRow) ?? null;
}

/** Removes a webhook with its delivery ledger (a queued job then finds nothing and ends). */
export async function deleteWebhookWithDeliveries(tx: Tx, id: string): Promise<boolean> {
  await tx.query(`DELETE FROM webhook_deliveries WHERE webhook_id = $1`, [id]);
  const [rows] = await tx.query(`DELETE FROM webhooks WHERE id = $1 RETURNING id`, [id]);
  return (rows?.length ?? 0) > 0;
}
