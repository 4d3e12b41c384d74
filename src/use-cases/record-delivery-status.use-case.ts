import type { DataSource } from 'typeorm';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import { recordNoticeOutcome } from '../workflow/notice-outcomes';

/**
 * Twilio reports what became of an SMS. Statuses only move forward (queued → sent →
 * delivered, or → failed/undelivered); a duplicate or a late, older status changes nothing.
 * A report for a message we have not recorded yet (it can overtake our `sent` commit) is held
 * in the inbox and applied by the worker's sweep once the message is on record.
 */
const RANK: Record<string, number> = { accepted: 1, queued: 1, sending: 2, sent: 3, delivered: 4, undelivered: 4, failed: 4 };
/** Held reports that never find their message (another application on the account) are dropped after this. */
const INBOX_KEEP = '7 days';

type Deps = { dataSource: DataSource; publicUrl: string };

export async function recordDeliveryStatus(providerId: string, providerStatus: string, deps: Deps): Promise<'applied' | 'ignored' | 'held'> {
  return inTransaction(deps.dataSource, async (tx) => {
    const outcome = await applyStatus(tx, providerId, providerStatus, deps.publicUrl);
    if (outcome !== 'unknown-message') return outcome;
    await tx.query(`INSERT INTO provider_status_inbox (provider_id, provider_status) VALUES ($1, $2)`, [providerId, providerStatus]);
    return 'held';
  });
}

/** The worker's sweep: held reports whose message is on record now are applied, in arrival order. */
export async function applyHeldStatuses(tx: Tx, publicUrl: string): Promise<number> {
  const held = await tx.query(
    `SELECT i.id, i.provider_id, i.provider_status FROM provider_status_inbox i
      WHERE EXISTS (SELECT 1 FROM notices n WHERE n.provider_id = i.provider_id)
         OR EXISTS (SELECT 1 FROM alerts a WHERE a.provider_id = i.provider_id)
      ORDER BY i.id FOR UPDATE SKIP LOCKED LIMIT 500`,
  );
  for (const row of held) {
    await applyStatus(tx, row.provider_id, row.provider_status, publicUrl);
    await tx.query(`DELETE FROM provider_status_inbox WHERE id = $1`, [row.id]);
  }
  await tx.query(`DELETE FROM provider_status_inbox WHERE received_at < now() - interval '${INBOX_KEEP}'`);
  return held.length;
}

async function applyStatus(tx: Tx, providerId: string, providerStatus: string, publicUrl: string): Promise<'applied' | 'ignored' | 'unknown-message'> {
  const [notice] = await tx.query(`SELECT * FROM notices WHERE provider_id = $1 FOR UPDATE`, [providerId]);
  const [alert] = notice ? [] : await tx.query(`SELECT * FROM alerts WHERE provider_id = $1 FOR UPDATE`, [providerId]);
  const row = notice ?? alert;
  if (!row) return 'unknown-message';
  const rank = RANK[providerStatus] ?? 0;
  if (rank === 0 || rank <= (RANK[row.provider_status] ?? 0)) return 'ignored';
  const at = await dbNow(tx);
  const table = notice ? 'notices' : 'alerts';
  const settled = providerStatus === 'delivered' ? 'delivered' : providerStatus === 'failed' || providerStatus === 'undelivered' ? 'failed' : null;
  await tx.query(
    `UPDATE ${table} SET provider_status = $2, status_updated_at = $3
       ${settled === 'delivered' ? ", status = 'delivered', delivered_at = $3" : settled === 'failed' ? ", status = 'failed', failed_at = $3" : ''}
     WHERE id = $1`,
    [row.id, providerStatus, at],
  );
  if (notice && settled) {
    await recordNoticeOutcome(tx, notice, settled, at, { provider_status: providerStatus }, publicUrl);
  }
  return 'applied';
}
