import { appendAudit, type Actor } from '../audit/audit-trail';
import type { Tx } from '../db/transaction';
import type { Language } from '../i18n/messages';
import { addJob } from '../jobs/job-queue';
import { renderEmail } from '../notify/templates';
import { alertText, type AlertKind } from './alert-messages';

export type AlertRole = 'handler' | 'security_officer' | 'director' | 'dpo';

export interface AlertRecipient {
  role: AlertRole;
  email: string | null;
  mobile: string | null;
  language: Language;
  /** Also by SMS (escalations); otherwise e-mail only. */
  sms: boolean;
}

export interface AlertRequest {
  incidentId: string;
  trackId: string | null;
  kind: AlertKind;
  /** Distinguishes repeated alerts of one kind on one track (a timer name, a notice id). */
  occasion: string;
  recipients: AlertRecipient[];
  /** The values the alert's text is filled with; a function where they are worded per language (dates, rules). */
  values: Record<string, string> | ((language: Language) => Record<string, string>);
  link: string;
  actor: Actor;
  at: Date;
}

const LINK_LABEL: Record<Language, string> = { nl: 'Openen in Meldplicht', en: 'Open in Meldplicht' };

/**
 * Internal alerts (warnings, escalations, reminders) go through a ledger of their own, like
 * notices: one row per recipient and channel, deduplicated, sent by a job after commit.
 */
export async function queueAlert(tx: Tx, request: AlertRequest): Promise<number> {
  let queued = 0;
  for (const recipient of request.recipients) {
    const values = typeof request.values === 'function' ? request.values(recipient.language) : request.values;
    const text = alertText(recipient.language, request.kind, { ...values, link: request.link });
    const email = renderEmail('alert', { language: recipient.language, subject: text.subject, lines: text.lines, link: request.link, linkLabel: LINK_LABEL[recipient.language] });
    const deliveries = [
      ...(recipient.email ? [{ channel: 'email' as const, to: recipient.email, subject: email.subject, text: email.text, html: email.html }] : []),
      ...(recipient.sms && recipient.mobile ? [{ channel: 'sms' as const, to: recipient.mobile, subject: null, text: text.sms, html: null }] : []),
    ];
    for (const d of deliveries) {
      const dedupeKey = `${request.kind}:${request.trackId ?? request.incidentId}:${request.occasion}:${d.channel}:${d.to.toLowerCase()}`;
      const [row] = await tx.query(
        `INSERT INTO alerts (incident_id, track_id, kind, dedupe_key, channel, recipient, recipient_role, subject, text_body, html_body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [request.incidentId, request.trackId, request.kind, dedupeKey, d.channel, d.to, recipient.role, d.subject, d.text, d.html],
      );
      if (!row) continue;
      await addJob(tx, 'send_alert', { alertId: row.id }, { jobKey: `alert:${row.id}` });
      queued++;
    }
  }
  if (queued > 0) {
    await appendAudit(tx, {
      incidentId: request.incidentId,
      trackId: request.trackId,
      type: 'alert.queued',
      actor: request.actor,
      at: request.at,
      data: { kind: request.kind, occasion: request.occasion, roles: [...new Set(request.recipients.map((r) => r.role))], messages: queued },
    });
  }
  return queued;
}
