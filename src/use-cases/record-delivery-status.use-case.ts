import type { DataSource } from 'typeorm';
import { dbNow, inTransaction } from '../db/transaction';
import { recordNoticeOutcome } from '../workflow/notice-outcomes';

/**
 * Twilio reports what became of an SMS. Statuses only move forward (queued → sent →
 * delivered, or → failed/undelivered); a duplicate or a late, older status changes nothing.
 */
const RANK: Record<string, number> = { accepted: 1, queued: 1, sending: 2, sent: 3, delivered: 4, undelivered: 4, failed: 4 };

export async function recordDeliveryStatus(
  providerId: string,
  providerStatus: string,
  deps: { dataSource: DataSource; publicUrl: string },
): Promise<'applied' | 'ignored' | 'unknown-message'> {
  return inTransaction(deps.dataSource, async (tx) => {
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
      await recordNoticeOutcome(tx, notice, settled, at, { provider_status: providerStatus }, deps.publicUrl);
    }
    return 'applied';
  });
}
