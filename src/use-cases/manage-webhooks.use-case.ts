import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../domain/errors';
import { deleteWebhookWithDeliveries, setWebhookActive, type WebhookRow } from '../webhooks/webhook.repository';
import { checkWebhookTarget, WebhookTargetRefused, type ResolveHost, type WebhookTargetPolicy } from '../webhooks/webhook-target';

export const createWebhookSchema = z
  .object({
    url: z.url({ message: 'must be an absolute http(s) URL', protocol: /^https?$/ }),
    controllerId: z.uuid({ message: 'must be a controller id' }).toLowerCase().optional(),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z.object({ active: z.boolean({ message: 'active must be true or false' }) }).strict();
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

/* What the webhook API answers, described beside its inputs for the OpenAPI document. */
export const webhookViewSchema = z.object({ id: z.uuid(), url: z.string(), controllerId: z.uuid().nullable(), active: z.boolean(), createdAt: z.iso.datetime() });
/** The secret is shown this once. */
export const createdWebhookSchema = webhookViewSchema.omit({ active: true }).extend({ secret: z.string() });
export const webhookListSchema = z.object({ webhooks: z.array(webhookViewSchema.extend({ failedDeliveries: z.int(), queuedDeliveries: z.int() })) });

interface WebhookDeps {
  dataSource: DataSource;
  config: { webhookTargets: WebhookTargetPolicy };
  resolveHost?: ResolveHost;
}

/**
 * An admin hangs a ticket system or chat on track state changes; the secret is shown once.
 * A target inside the network is refused unless the operator allows it (delivery checks again).
 */
export async function createWebhook(input: CreateWebhookInput, user: AuthUser, deps: WebhookDeps) {
  requireRole(user, ['admin']);
  try {
    await checkWebhookTarget(input.url, deps.config.webhookTargets, deps.resolveHost);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw new ValidationError('Check url.', { url: error.reason });
    throw error;
  }
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

export interface WebhookListEntry {
  id: string;
  url: string;
  controllerId: string | null;
  active: boolean;
  createdAt: string;
  failedDeliveries: number;
  queuedDeliveries: number;
}

export async function listWebhooks(user: AuthUser, deps: { dataSource: DataSource }): Promise<WebhookListEntry[]> {
  requireRole(user, ['admin']);
  const rows = await deps.dataSource.query(
    `SELECT w.id, w.url, w.controller_id, w.active, w.created_at,
            count(d.*) FILTER (WHERE d.status = 'failed')::int AS failed, count(d.*) FILTER (WHERE d.status = 'queued')::int AS queued
       FROM webhooks w LEFT JOIN webhook_deliveries d ON d.webhook_id = w.id GROUP BY w.id ORDER BY w.created_at`,
  );
  return rows.map((r: any) => ({ id: r.id, url: r.url, controllerId: r.controller_id, active: r.active, createdAt: new Date(r.created_at).toISOString(), failedDeliveries: r.failed, queuedDeliveries: r.queued }));
}

const view = (r: WebhookRow) => ({ id: r.id, url: r.url, controllerId: r.controller_id, active: r.active, createdAt: new Date(r.created_at).toISOString() });

/** Off stops new deliveries (queued ones end unsent); on again picks up the next change. */
export async function updateWebhook(id: string, input: UpdateWebhookInput, user: AuthUser, deps: { dataSource: DataSource }) {
  requireRole(user, ['admin']);
  const row = await inTransaction(deps.dataSource, (tx) => setWebhookActive(tx, id, input.active));
  if (!row) throw new NotFoundError('Webhook');
  return view(row);
}

export async function deleteWebhook(id: string, user: AuthUser, deps: { dataSource: DataSource }): Promise<void> {
  requireRole(user, ['admin']);
  const deleted = await inTransaction(deps.dataSource, (tx) => deleteWebhookWithDeliveries(tx, id));
  if (!deleted) throw new NotFoundError('Webhook');
}
