import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../db/connection-loss';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import { ProviderError } from './provider-error';
import type { MailSender, SmsSender } from './senders';

/**
 * Sending through a ledger, at most once (DESIGN: "a ledger, not fire-and-forget"):
 * 1. claim the row (`queued` → `sending`) and commit;
 * 2. call the provider;
 * 3. record `sent` with the provider's id and a hash of exactly what went out.
 * A row found `sending` was interrupted between 1 and 3: it may have gone out, so it
 * becomes `unknown` for a person to check and is never resent automatically. Failures
 * before the provider accepted go back to `queued` for the job queue's backoff, a bounded
 * number of times.
 */
export type LedgerTable = 'notices' | 'alerts';
export type CrashPoint = 'before-provider' | 'after-provider' | 'after-ledger';
export type Settled = 'sent' | 'failed' | 'unknown';

export interface Outgoing {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  html?: string;
}

export interface LedgerHooks {
  /** Builds what to send from the claimed row (inside the claiming transaction). */
  compose(tx: Tx, row: Record<string, any>): Promise<Outgoing>;
  /** Records the outcome's consequences (audit, alerts, clocks) in the settling transaction. */
  settled(tx: Tx, row: Record<string, any>, outcome: Settled, at: Date, detail: Record<string, string | null>): Promise<void>;
}

export interface LedgerDeps {
  dataSource: DataSource;
  mail: MailSender;
  sms: SmsSender;
  maxAttempts: number;
  /** Where Twilio reports delivery (absolute URL), if configured. */
  statusCallbackUrl?: string;
  /**
   * How long the `sent` record may keep trying while the database is away, after the provider
   * accepted (default 0: not at all). Stay well below the reconciler's stale window, after
   * which the row is called unknown and a person is alerted.
   */
  recordRetryMs?: number;
  /** Test hook for the crash tests: called between the steps above. */
  crashPoint?: (point: CrashPoint) => void;
}

/** Thrown to make the job queue try again later (with its backoff). */
export class RetryLater extends Error {}

export async function deliverThroughLedger(table: LedgerTable, id: string, hooks: LedgerHooks, deps: LedgerDeps): Promise<void> {
  const claimed = await inTransaction(deps.dataSource, async (tx) => {
    const [row] = await tx.query(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) return null;
    if (row.status === 'sending') {
      await settle(tx, table, row, 'unknown', { last_error: 'interrupted while sending: outcome unknown' }, hooks);
      return null;
    }
    if (row.status !== 'queued') return null;
    await tx.query(`UPDATE ${table} SET status = 'sending', attempts = attempts + 1, sending_at = now() WHERE id = $1`, [id]);
    return { row, outgoing: await hooks.compose(tx, row) };
  });
  if (!claimed) return;

  const { row, outgoing } = claimed;
  const contentHash = sha256(outgoing.channel === 'email' ? `${outgoing.subject}\n${outgoing.text}\n${outgoing.html ?? ''}` : outgoing.text);
  let providerId: string;
  try {
    deps.crashPoint?.('before-provider');
    if (outgoing.channel === 'email') {
      ({ providerId } = await deps.mail.send({
        to: outgoing.to, subject: outgoing.subject ?? '', text: outgoing.text, html: outgoing.html ?? '',
        ledgerRef: `${table}:${id}`,
      }));
    } else {
      ({ providerId } = await deps.sms.send({ to: outgoing.to, body: outgoing.text, ledgerRef: `${table}:${id}`, statusCallback: deps.statusCallbackUrl }));
    }
    deps.crashPoint?.('after-provider');
  } catch (error) {
    const failure = error instanceof ProviderError ? error : new ProviderError('ambiguous', `unexpected: ${(error as Error).name}`);
    const retry = failure.kind === 'retryable' && row.attempts + 1 < deps.maxAttempts;
    await inTransaction(deps.dataSource, async (tx) => {
      if (retry) {
        await tx.query(`UPDATE ${table} SET status = 'queued', last_error = $2 WHERE id = $1`, [id, failure.message]);
      } else {
        await settle(tx, table, row, failure.kind === 'ambiguous' ? 'unknown' : 'failed', { last_error: failure.message }, hooks);
      }
    });
    if (retry) throw new RetryLater(failure.message);
    return;
  }
  // The provider has it: losing this write would make the notice `unknown` and alert a person
  // for nothing, so a database restart here is waited out (within recordRetryMs).
  await untilTheDatabaseIsBack(deps.recordRetryMs ?? 0, () => inTransaction(deps.dataSource, async (tx) => {
    const [current] = await tx.query(`SELECT status FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    if (current?.status !== 'sending') return; // the reconciler already called it unknown: a person checks
    await settle(tx, table, row, 'sent', { provider_id: providerId, content_hash: contentHash, last_error: null }, hooks);
  }));
  deps.crashPoint?.('after-ledger');
}

async function untilTheDatabaseIsBack(withinMs: number, write: () => Promise<void>): Promise<void> {
  const giveUpAt = Date.now() + withinMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const wait = Math.min(250 * 2 ** attempt, 5000);
      if (!isDatabaseUnavailable(error) || Date.now() + wait > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function settle(tx: Tx, table: LedgerTable, row: Record<string, any>, outcome: Settled, values: Record<string, string | null>, hooks: LedgerHooks): Promise<void> {
  const at = await dbNow(tx);
  const timestampColumn = outcome === 'sent' ? 'sent_at' : 'failed_at';
  const sets = Object.keys(values).map((key, i) => `${key} = $${i + 4}`);
  await tx.query(
    `UPDATE ${table} SET status = $2, ${timestampColumn} = $3, status_updated_at = $3${sets.length ? ', ' + sets.join(', ') : ''} WHERE id = $1`,
    [row.id, outcome, at, ...Object.values(values)],
  );
  await hooks.settled(tx, row, outcome, at, values);
}

/**
 * Rows stuck in `sending` far beyond any provider timeout were interrupted (a crash, a
 * killed worker): their outcome is unknown.
 */
export async function settleInterrupted(tx: Tx, table: LedgerTable, staleAfterMs: number, hooks: LedgerHooks): Promise<number> {
  const stuck = await tx.query(
    `SELECT * FROM ${table} WHERE status = 'sending' AND sending_at < now() - make_interval(secs => $1::double precision / 1000)
      ORDER BY sending_at FOR UPDATE SKIP LOCKED LIMIT 500`,
    [staleAfterMs],
  );
  for (const row of stuck) await settle(tx, table, row, 'unknown', { last_error: 'interrupted while sending: outcome unknown' }, hooks);
  return stuck.length;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Queued rows whose job went missing, or whose job is still locked long after it was taken
 * (a live worker claims the row right after taking the job, so the worker holding it died —
 * kill -9 — before claiming, and graphile-worker would only free the lock after 4 hours).
 * Re-adding the job with the same key (mode replace) retires the locked one.
 */
export async function lostLedgerRows(tx: Tx, table: LedgerTable, jobKeyPrefix: string, staleMs: number): Promise<string[]> {
  const rows = await tx.query(
    `SELECT r.id FROM ${table} r
      WHERE r.status = 'queued'
        AND ((r.queued_at < now() - interval '1 minute'
              AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = $2 || r.id))
          OR EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = $2 || r.id
                      AND j.locked_at < now() - make_interval(secs => $1::double precision / 1000)))
      LIMIT 500`,
    [staleMs, jobKeyPrefix],
  );
  return rows.map((r: { id: string }) => r.id);
}
