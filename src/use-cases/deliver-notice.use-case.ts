import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendAudit, type Actor } from '../audit/audit-trail';
import type { Tokens } from '../auth/tokens';
import { dbNow, inTransaction } from '../db/transaction';
import { lockIncident } from '../domain/incident.repository';
import type { NoticeContent } from '../domain/notice-content';
import type { FieldChange } from '../domain/notice-fields';
import { buildNoticeView, buildSmsView } from '../notify/notice-view-model';
import { ProviderError } from '../notify/provider-error';
import type { MailSender, SmsSender } from '../notify/senders';
import { renderEmail, renderSms } from '../notify/templates';

export interface DeliveryDeps {
  dataSource: DataSource;
  tokens: Tokens;
  mail: MailSender;
  sms: SmsSender;
  publicUrl: string;
  maxAttempts: number;
}

const WORKER: Actor = { kind: 'system', name: 'notice-sender' };

/** Thrown to make the job queue try again later (with its backoff). */
export class RetryLater extends Error {}

/**
 * Sends one notice (one contact, one channel, one version) at most once:
 * 1. mark it `sending` and commit; 2. call the provider; 3. record `sent` with its id.
 * A notice found `sending` was interrupted between 1 and 3: it may have gone out, so it
 * becomes `unknown` for a person to check, and is never resent automatically.
 */
export async function deliverNotice(noticeId: string, deps: DeliveryDeps): Promise<void> {
  const claimed = await inTransaction(deps.dataSource, async (tx) => {
    const [notice] = await tx.query(`SELECT * FROM notices WHERE id = $1 FOR UPDATE`, [noticeId]);
    if (!notice) return null;
    if (notice.status === 'sending') {
      await settle(tx, notice, 'unknown', { last_error: 'interrupted while sending: outcome unknown' });
      return null;
    }
    if (notice.status !== 'queued') return null;
    await tx.query(`UPDATE notices SET status = 'sending', attempts = attempts + 1, sending_at = now() WHERE id = $1`, [noticeId]);
    const [detail] = await tx.query(
      `SELECT v.content, v.changes, k.name AS contact_name FROM notice_versions v
         JOIN contacts k ON k.id = $2 WHERE v.id = $1`,
      [notice.notice_version_id, notice.contact_id],
    );
    return { notice, content: detail.content as NoticeContent, changes: detail.changes as FieldChange[], contactName: detail.contact_name as string };
  });
  if (!claimed) return;

  const { notice, content, changes, contactName } = claimed;
  const ackUrl = `${deps.publicUrl}/ack/${deps.tokens.issueAckLink({ trackId: notice.track_id, contactId: notice.contact_id, version: notice.version })}`;
  let providerId: string;
  let contentHash: string;
  try {
    if (notice.channel === 'email') {
      const email = renderEmail('notice', buildNoticeView(content, changes, contactName, ackUrl));
      contentHash = sha256(`${email.subject}\n${email.text}\n${email.html}`);
      ({ providerId } = await deps.mail.send({ to: notice.recipient, ...email, noticeId }));
    } else {
      const body = renderSms('notice', buildSmsView(content, ackUrl));
      contentHash = sha256(body);
      ({ providerId } = await deps.sms.send({ to: notice.recipient, body, noticeId }));
    }
  } catch (error) {
    const failure = error instanceof ProviderError ? error : new ProviderError('ambiguous', `unexpected: ${(error as Error).name}`);
    const retry = failure.kind === 'retryable' && notice.attempts + 1 < deps.maxAttempts;
    await inTransaction(deps.dataSource, async (tx) => {
      if (retry) {
        await tx.query(`UPDATE notices SET status = 'queued', last_error = $2 WHERE id = $1`, [noticeId, failure.message]);
      } else {
        await settle(tx, notice, failure.kind === 'ambiguous' ? 'unknown' : 'failed', { last_error: failure.message });
      }
    });
    if (retry) throw new RetryLater(failure.message);
    return;
  }
  await inTransaction(deps.dataSource, async (tx) => {
    await settle(tx, notice, 'sent', { provider_id: providerId, content_hash: contentHash, last_error: null });
  });
}

/** Records the outcome on the ledger row and in the incident's audit trail. */
async function settle(tx: Parameters<Parameters<typeof inTransaction>[1]>[0], notice: Record<string, any>, status: 'sent' | 'failed' | 'unknown', values: Record<string, string | null>): Promise<void> {
  const at = await dbNow(tx);
  const [track] = await tx.query(`SELECT incident_id FROM tracks WHERE id = $1`, [notice.track_id]);
  await lockIncident(tx, track.incident_id);
  const timestampColumn = status === 'sent' ? 'sent_at' : 'failed_at';
  const sets = Object.keys(values).map((key, i) => `${key} = $${i + 4}`);
  await tx.query(
    `UPDATE notices SET status = $2, ${timestampColumn} = $3${sets.length ? ', ' + sets.join(', ') : ''} WHERE id = $1`,
    [notice.id, status, at, ...Object.values(values)],
  );
  await appendAudit(tx, {
    incidentId: track.incident_id,
    trackId: notice.track_id,
    type: `notice.${status}`,
    actor: WORKER,
    at,
    data: { noticeId: notice.id, version: notice.version, channel: notice.channel, contactId: notice.contact_id, ...values },
  });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The ledger's safety net: a queued notice whose job went missing gets a new job; one stuck
 * in `sending` far beyond any provider timeout was interrupted and becomes `unknown`.
 */
export async function reconcileNotices(deps: { dataSource: DataSource; addMissingJob: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0], noticeId: string) => Promise<void> }): Promise<{ requeued: number; unknown: number }> {
  return inTransaction(deps.dataSource, async (tx) => {
    const lost = await tx.query(
      `SELECT n.id FROM notices n
        WHERE n.status = 'queued' AND n.queued_at < now() - interval '2 minutes'
          AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'notice:' || n.id)
        LIMIT 500`,
    );
    for (const row of lost) await deps.addMissingJob(tx, row.id);
    const stuck = await tx.query(
      `SELECT * FROM notices WHERE status = 'sending' AND sending_at < now() - interval '5 minutes' FOR UPDATE SKIP LOCKED LIMIT 500`,
    );
    for (const notice of stuck) await settle(tx, notice, 'unknown', { last_error: 'interrupted while sending: outcome unknown' });
    return { requeued: lost.length, unknown: stuck.length };
  });
}
