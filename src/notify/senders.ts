import nodemailer from 'nodemailer';
import twilio from 'twilio';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { classifySmtpError, classifyTwilioError } from './provider-error';

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  noticeId?: string;
}

export interface SmsMessage {
  to: string;
  body: string;
  noticeId?: string;
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
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    kind: 'smtp',
    async send(message) {
      try {
        const info = await transport.sendMail({ from: config.mailFrom, to: message.to, subject: message.subject, html: message.html, text: message.text });
        return { providerId: info.messageId };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: () => transport.close(),
  };
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
  const { accountSid, authToken, from } = config.twilio;
  const client = twilio(accountSid, authToken, options.httpClient ? { httpClient: options.httpClient as never } : {});
  return {
    kind: 'twilio',
    async send(message) {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(from.startsWith('MG') ? { messagingServiceSid: from } : { from }),
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
        `INSERT INTO outbox_messages (channel, recipient, subject, text_body, html_body, notice_id, provider_id)
         VALUES ('email', $1, $2, $3, $4, $5, 'outbox:' || gen_random_uuid()) RETURNING provider_id`,
        [message.to, message.subject, message.text, message.html, message.noticeId ?? null],
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
        `INSERT INTO outbox_messages (channel, recipient, text_body, notice_id, provider_id)
         VALUES ('sms', $1, $2, $3, 'outbox:' || gen_random_uuid()) RETURNING provider_id`,
        [message.to, message.body, message.noticeId ?? null],
      );
      return { providerId: row.provider_id };
    },
  };
}
