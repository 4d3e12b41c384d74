import nodemailer from 'nodemailer';
import twilio from 'twilio';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { classifySmtpError, classifyTwilioError } from './provider-error';
import { RebasedTwilioClient } from './twilio-request-client';

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** `notices:<id>` or `alerts:<id>`: sent along as a header, and links outbox rows. */
  ledgerRef?: string;
}

export interface SmsMessage {
  to: string;
  body: string;
  ledgerRef?: string;
  /** Absolute URL where Twilio reports delivery. */
  statusCallback?: string;
}

/** A provider's acceptance: its id is the proof we keep (SMTP message id, Twilio SID, outbox id). */
export interface Accepted {
  providerId: string;
}

export interface MailSender {
  readonly kind: 'smtp' | 'outbox';
  send(message: EmailMessage): Promise<Accepted>;
  close?(): void;
}

export interface SmsSender {
  readonly kind: 'twilio' | 'outbox';
  send(message: SmsMessage): Promise<Accepted>;
}

export function createMailSender(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, dataSource: DataSource): MailSender {
  if (!config.smtpUrl) return outboxMailSender(dataSource);
  const transport = nodemailer.createTransport(smtpTransportOptions(config.smtpUrl));
  return {
    kind: 'smtp',
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: config.mailFrom, to: message.to, subject: message.subject, html: message.html, text: message.text,
          headers: message.ledgerRef ? { 'X-Meldplicht-Ref': message.ledgerRef } : {},
        });
        return { providerId: info.messageId };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * The SMTP transport's options. They go in one object with the URL: nodemailer reads a second
 * argument to createTransport as defaults for every *message*, where timeouts do nothing.
 */
export function smtpTransportOptions(smtpUrl: string) {
  return {
    url: smtpUrl,
    // Timeouts well below the ledger's "stuck in sending" threshold, so that a hanging server
    // ends as a classified failure instead of a notice nobody can account for.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // Connections are kept and reused (up to 5, 100 messages each): a new SMTP session per
    // e-mail costs a connect, the relay's greeting delay and EHLO, which held a worker slot
    // ~100 ms per notice in benchmark 2 (docs/PERFORMANCE.md). At most once still holds: the
    // pool hands a message to another connection only if not one byte of it was sent;
    // otherwise the error comes back to the ledger as without a pool.
    pool: true,
  } as const;
}

/**
 * `httpClient` lets tests point the real twilio library at a local stand-in of its API.
 */
export function createSmsSender(
  config: Pick<Config, 'twilio' | 'publicUrl'>,
  dataSource: DataSource,
  options: { httpClient?: unknown } = {},
): SmsSender {
  if (!config.twilio) return outboxSmsSender(dataSource);
  const { accountSid, authToken, from, apiUrl } = config.twilio;
  // A request that gets no answer in 30 s ends as "ambiguous": the ledger marks it unknown.
  const httpClient = options.httpClient ?? (apiUrl ? new RebasedTwilioClient(apiUrl, { timeout: 30_000 }) : new twilio.RequestClient({ timeout: 30_000 }));
  const client = twilio(accountSid, authToken, { httpClient: httpClient as never });
  return {
    kind: 'twilio',
    async send(message) {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(from.startsWith('MG') ? { messagingServiceSid: from } : { from }),
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        });
        return { providerId: sent.sid };
      } catch (error) {
        throw classifyTwilioError(error);
      }
    },
  };
}

/** Without SMTP, e-mails land in the outbox table: listed by the API, shown in the UI. */
function outboxMailSender(dataSource: DataSource): MailSender {
  return {
    kind: 'outbox',
    async send(message) {
      const [row] = await dataSource.query(
        `INSERT INTO outbox_messages (channel, recipient, subject, text_body, html_body, notice_id, alert_id, provider_id)
         VALUES ('email', $1, $2, $3, $4, $5, $6, 'outbox:' || gen_random_uuid()) RETURNING provider_id`,
        [message.to, message.subject, message.text, message.html, ...refColumns(message.ledgerRef)],
      );
      return { providerId: row.provider_id };
    },
  };
}

function outboxSmsSender(dataSource: DataSource): SmsSender {
  return {
    kind: 'outbox',
    async send(message) {
      const [row] = await dataSource.query(
        `INSERT INTO outbox_messages (channel, recipient, text_body, notice_id, alert_id, provider_id)
         VALUES ('sms', $1, $2, $3, $4, 'outbox:' || gen_random_uuid()) RETURNING provider_id`,
        [message.to, message.body, ...refColumns(message.ledgerRef)],
      );
      return { providerId: row.provider_id };
    },
  };
}

/** An outbox id: the message was stored here, not sent (no provider is configured). */
export const isOutboxId = (providerId: string): boolean => providerId.startsWith('outbox:');

/** notice_id / alert_id for an outbox row, from a ledger reference. */
function refColumns(ref: string | undefined): [string | null, string | null] {
  const [table, id] = (ref ?? '').split(':');
  return [table === 'notices' ? id : null, table === 'alerts' ? id : null];
}
