/**
 * A real SMTP server on loopback for tests. The app talks to it through its normal
 * SMTP transport (nodemailer with `url`), so what the tests see is what a relay would
 * see: the envelope, the headers and the parsed bodies.
 */
import { SMTPServer } from 'smtp-server';
import type { SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

export interface ReceivedMail {
  /** Envelope sender (MAIL FROM), the address bounces would go to. */
  from: string;
  /** Envelope recipients (RCPT TO): who the relay actually delivers to, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** As in the Message-ID header, angle brackets included. */
  messageId: string;
  /** Lower-cased header name → unfolded raw value; repeated headers joined with '\n'. */
  headers: Record<string, string>;
  /** Date.now() when the server accepted the message (its 250 follows at once): for latency benchmarks. */
  acceptedAt: number;
}

export interface SmtpTestServer {
  port: number;
  /** smtp://127.0.0.1:PORT — hand this to nodemailer's createTransport. */
  url: string;
  /** Every accepted message, in the order the DATA phase completed. */
  messages: ReceivedMail[];
  /** Resolves once at least `count` messages arrived (default timeout 5 s). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** While on, RCPT TO and DATA get a 451 (temporary failure), like a greylisting relay. */
  setRefusing(on: boolean): void;
  /**
   * While on, the server takes the whole message (it counts as received) and then drops the
   * connection instead of answering 250: the client cannot know the message arrived.
   */
  setDroppingBeforeReply(on: boolean): void;
  close(): Promise<void>;
}

export interface SmtpTestServerOptions {
  /** Answer every RCPT TO with 550 (permanent failure), e.g. to test bounce handling. */
  rejectRecipients?: boolean;
}

function smtpError(code: number, message: string): Error {
  // smtp-server turns `responseCode` into the SMTP reply code.
  return Object.assign(new Error(message), { responseCode: code });
}

function headerRecord(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    out[key] = key in out ? `${out[key]}\n${value}` : value;
  }
  return out;
}

export async function startSmtpTestServer(opts: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let refusing = false;
  let droppingBeforeReply = false;

  const receive = async (stream: Readable, session: SMTPServerSession): Promise<void> => {
    const parsed = await simpleParser(stream);
    const mailFrom = session.envelope.mailFrom;
    messages.push({
      from: mailFrom ? mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      messageId: parsed.messageId ?? '',
      headers: headerRecord(parsed.headerLines),
      acceptedAt: Date.now(),
    });
    waiters.forEach((wake) => wake());
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Pooled clients may keep a session open; don't let close() wait the default 30 s.
    closeTimeout: 200,
    onRcptTo(_address, _session, callback) {
      if (refusing) return callback(smtpError(451, 'Temporary local problem, try again later'));
      if (opts.rejectRecipients) return callback(smtpError(550, 'No such user here'));
      callback();
    },
    onData(stream, session, callback) {
      if (refusing) {
        // The client is already streaming the message; drain it before answering.
        stream.on('end', () => callback(smtpError(451, 'Temporary local problem, try again later')));
        stream.resume();
        return;
      }
      if (droppingBeforeReply) {
        receive(stream, session).then(() => socketOf(session)?.destroy(), () => socketOf(session)?.destroy());
        return;
      }
      // Answer 250 only after parsing so a test that awaited sendMail sees the message.
      receive(stream, session).then(
        () => callback(),
        (err: Error) => callback(smtpError(554, `Test server could not parse message: ${err.message}`)),
      );
    },
  });

  /** smtp-server keeps its connections in a Set; the session tells which one is ours. */
  function socketOf(session: SMTPServerSession): { destroy(): void } | undefined {
    const connections = (server as unknown as { connections: Set<{ session?: { id?: string }; _socket?: { destroy(): void } }> }).connections;
    return [...connections].find((c) => c.session?.id === session.id)?._socket;
  }

  // Client-side resets surface as 'error' events; unhandled they would crash the test run.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (messages.length < count) return;
          cleanup();
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`SMTP test server: expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    setDroppingBeforeReply(on) {
      droppingBeforeReply = on;
    },
    setRefusing(on) {
      refusing = on;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
