import type { Tokens } from '../auth/tokens';
import type { Tx } from '../db/transaction';
import type { NoticeContent } from '../domain/notice-content';
import type { FieldChange } from '../domain/notice-fields';
import { deliverThroughLedger, lostLedgerRows, settleInterrupted, type LedgerDeps, type LedgerHooks } from '../notify/ledger-delivery';
import { renderNoticeEmail, renderNoticeSms } from '../notify/notice-message';
import { recordNoticeOutcome } from '../workflow/notice-outcomes';

export interface NoticeDeliveryDeps extends LedgerDeps {
  tokens: Tokens;
  publicUrl: string;
}

/** A notice is rendered when it is sent, from its frozen version, with a fresh signed link. */
function noticeHooks(deps: NoticeDeliveryDeps): LedgerHooks {
  return {
    async compose(tx, notice) {
      const [detail] = await tx.query(
        `SELECT v.content, v.changes, k.name AS contact_name FROM notice_versions v JOIN contacts k ON k.id = $2 WHERE v.id = $1`,
        [notice.notice_version_id, notice.contact_id],
      );
      const content = detail.content as NoticeContent;
      const ackUrl = `${deps.publicUrl}/ack/${deps.tokens.issueAckLink({ trackId: notice.track_id, contactId: notice.contact_id, version: notice.version })}`;
      if (notice.channel === 'email') {
        const email = renderNoticeEmail(content, detail.changes as FieldChange[], detail.contact_name, ackUrl);
        return { channel: 'email', to: notice.recipient, ...email };
      }
      return { channel: 'sms', to: notice.recipient, text: renderNoticeSms(content, ackUrl) };
    },
    settled: (tx, notice, outcome, at, detail) => recordNoticeOutcome(tx, notice, outcome, at, detail, deps.publicUrl),
  };
}

/** Sends one notice (one contact, one channel, one version) at most once; see ledger-delivery.ts. */
export function deliverNotice(noticeId: string, deps: NoticeDeliveryDeps): Promise<void> {
  return deliverThroughLedger('notices', noticeId, noticeHooks(deps), deps);
}

/**
 * The ledger's safety net: a queued notice whose job went missing gets a new job; one stuck
 * in `sending` beyond any provider timeout was interrupted and becomes `unknown`.
 */
export async function reconcileNotices(
  tx: Tx,
  deps: NoticeDeliveryDeps & { staleSendingMs: number; addMissingJob: (tx: Tx, noticeId: string) => Promise<void> },
): Promise<{ requeued: number; unknown: number }> {
  const lost = await lostLedgerRows(tx, 'notices', 'notice:', deps.staleSendingMs);
  for (const id of lost) await deps.addMissingJob(tx, id);
  const unknown = await settleInterrupted(tx, 'notices', deps.staleSendingMs, noticeHooks(deps));
  return { requeued: lost.length, unknown };
}
