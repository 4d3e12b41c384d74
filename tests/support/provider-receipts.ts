import type { Tokens } from '../../src/auth/tokens';
import type { SmtpTestServer } from './smtp-test-server';
import type { TwilioStandIn } from './twilio-stand-in';

/**
 * What the providers accepted, counted on their side: e-mails by their `x-meldplicht-ref`
 * header, SMS by the signed acknowledgement link they carry (track, contact, version: exactly
 * one notice per channel). "Nothing doubled" is checked against these, never against our ledger.
 */
export interface Receipts {
  email: Map<string, string[]>;
  sms: Map<string, { to: string; sid: string }[]>;
  alertEmail: Map<string, number>;
}

export interface LedgerNotice { id: string; track_id: string; contact_id: string; version: number; channel: 'email' | 'sms'; recipient: string }

export function providerReceipts(smtp: SmtpTestServer, twilio: TwilioStandIn, tokens: Tokens): Receipts {
  const email = new Map<string, string[]>();
  const alertEmail = new Map<string, number>();
  for (const mail of smtp.messages) {
    const [table, id] = (mail.headers['x-meldplicht-ref'] ?? '').split(':');
    if (table === 'notices') email.set(id, [...(email.get(id) ?? []), mail.messageId]);
    if (table === 'alerts') alertEmail.set(id, (alertEmail.get(id) ?? 0) + 1);
  }
  const sms = new Map<string, { to: string; sid: string }[]>();
  for (const message of twilio.messages) {
    const link = /\/ack\/([A-Za-z0-9._-]+)/.exec(message.body);
    if (!link) continue; // an alert (escalation) SMS, not a notice
    const claim = tokens.verifyAck(link[1]);
    const key = `${claim.trackId}|${claim.contactId}|${claim.version}`;
    sms.set(key, [...(sms.get(key) ?? []), { to: message.to, sid: message.sid }]);
  }
  return { email, sms, alertEmail };
}

/** The provider ids of what the providers accepted for this notice. */
export function receiptsOf(notice: LedgerNotice, r: Receipts): string[] {
  if (notice.channel === 'email') return r.email.get(notice.id) ?? [];
  return (r.sms.get(`${notice.track_id}|${notice.contact_id}|${notice.version}`) ?? []).map((m) => {
    if (m.to !== notice.recipient) throw new Error(`SMS for notice ${notice.id} went to ${m.to}, not ${notice.recipient}`);
    return m.sid;
  });
}
