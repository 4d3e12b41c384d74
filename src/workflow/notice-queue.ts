import type { Tx } from '../db/transaction';
import type { Contact } from '../domain/directory.repository';
import { addJob, noticeJobKey } from '../jobs/job-queue';

export type NoticeReason = 'notice' | 'stand_in' | 'director' | 'fallback';

export interface QueuedDelivery {
  noticeId: string;
  contactId: string;
  channel: 'email' | 'sms';
}

/**
 * Puts one notice version on the ledger for these contacts: e-mail always, SMS when the
 * contact has a mobile. The ledger's uniqueness (track, contact, channel, version) means a
 * contact already on it for this version is skipped, never sent twice.
 */
export async function queueNoticeDeliveries(
  tx: Tx,
  args: { trackId: string; noticeVersionId: string; version: number; contacts: Contact[]; reason: NoticeReason; channels?: Array<'email' | 'sms'> },
): Promise<QueuedDelivery[]> {
  const channels = args.channels ?? ['email', 'sms'];
  const queued: QueuedDelivery[] = [];
  for (const contact of args.contacts) {
    const targets = [
      ...(channels.includes('email') ? [{ channel: 'email' as const, to: contact.email }] : []),
      ...(channels.includes('sms') && contact.mobile ? [{ channel: 'sms' as const, to: contact.mobile }] : []),
    ];
    for (const target of targets) {
      const [row] = await tx.query(
        `INSERT INTO notices (notice_version_id, track_id, version, contact_id, channel, recipient, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (track_id, contact_id, channel, version) DO NOTHING RETURNING id`,
        [args.noticeVersionId, args.trackId, args.version, contact.id, target.channel, target.to, args.reason],
      );
      if (!row) continue;
      await addJob(tx, 'send_notice', { noticeId: row.id }, { jobKey: noticeJobKey(row.id) });
      queued.push({ noticeId: row.id, contactId: contact.id, channel: target.channel });
    }
  }
  return queued;
}

/** The latest notice version of a track: what an escalation or fallback sends. */
export async function latestNoticeVersion(tx: Tx, trackId: string): Promise<{ id: string; version: number } | null> {
  const [row] = await tx.query(`SELECT id, version FROM notice_versions WHERE track_id = $1 ORDER BY version DESC LIMIT 1`, [trackId]);
  return row ?? null;
}

/** Was the track established as a breach when this version was written (not a mere suspicion)? */
export async function noticeVersionSaysBreach(tx: Tx, noticeVersionId: string): Promise<boolean> {
  const [row] = await tx.query(`SELECT content ->> 'suspicion' AS suspicion, content ->> 'kind' AS kind FROM notice_versions WHERE id = $1`, [noticeVersionId]);
  return row !== undefined && row.suspicion === 'false' && row.kind !== 'retraction';
}
