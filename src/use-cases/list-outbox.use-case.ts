import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { requireRole, PROCESSOR_ROLES, type AuthUser } from '../auth/auth-user';

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  html: string | null;
  noticeId: string | null;
  createdAt: string;
}

/** Messages as they would have been sent, when no SMTP server or Twilio account is configured. */
export async function listOutbox(user: AuthUser, deps: CommandDeps, options: { limit?: number } = {}): Promise<OutboxMessage[]> {
  requireRole(user, PROCESSOR_ROLES);
  const rows = await deps.dataSource.query(`SELECT * FROM outbox_messages ORDER BY created_at DESC, id LIMIT $1`, [options.limit ?? 100]);
  return rows.map((r: any) => ({
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    noticeId: r.notice_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
