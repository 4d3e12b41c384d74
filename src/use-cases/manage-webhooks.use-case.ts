import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { ValidationError } from '../domain/errors';

export const createWebhookSchema = z
  .object({
    url: z.url({ message: 'must be an absolute http(s) URL', protocol: /^https?$/ }),
    controllerId: z.uuid({ message: 'must be a controller id' }).toLowerCase().optional(),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

/** An admin hangs a ticket system or chat on track state changes; the secret is shown once. */
export async function createWebhook(input: CreateWebhookInput, user: AuthUser, deps: { dataSource: DataSource }) {
  requireRole(user, ['admin']);
  if (input.controllerId) {
    const [controller] = await deps.dataSource.query(`SELECT 1 FROM controllers WHERE id = $1`, [input.controllerId]);
    if (!controller) throw new ValidationError('Unknown controller.', { controllerId: 'unknown controller' });
  }
  const secret = randomBytes(24).toString('base64url');
  const [row] = await deps.dataSource.query(
    `INSERT INTO webhooks (controller_id, url, secret) VALUES ($1, $2, $3) RETURNING id, created_at`,
    [input.controllerId ?? null, input.url, secret],
  );
  return { id: row.id as string, url: input.url, controllerId: input.controllerId ?? null, secret, createdAt: new Date(row.created_at).toISOString() };
}

export async function listWebhooks(user: AuthUser, deps: { dataSource: DataSource }) {
  requireRole(user, ['admin']);
  const rows = await deps.dataSource.query(
    `SELECT w.id, w.url, w.controller_id, w.active, w.created_at,
            count(d.*) FILTER (WHERE d.status = 'failed')::int AS failed, count(d.*) FILTER (WHERE d.status = 'queued')::int AS queued
       FROM webhooks w LEFT JOIN webhook_deliveries d ON d.webhook_id = w.id GROUP BY w.id ORDER BY w.created_at`,
  );
  return rows.map((r: any) => ({ id: r.id, url: r.url, controllerId: r.controller_id, active: r.active, createdAt: new Date(r.created_at).toISOString(), failedDeliveries: r.failed, queuedDeliveries: r.queued }));
}
