/**
 * The mail sender's SMTP transport, against real SMTP listeners on loopback: its options
 * really configure the connection, a pooled connection is reused, and the pool never sends a
 * message a second time on its own once the server had it (at most once is the ledger's job).
 */
import type { AddressInfo, Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { createMailSender, smtpTransportOptions } from '../../src/notify/senders';

const notice = (n: number) => ({
  to: 'dpo@controller.test', subject: `Melding ${n}`, text: 'Er is een datalek gemeld.', html: '<p>Er is een datalek gemeld.</p>', ledgerRef: `notices:${n}`,
});

/** An SMTP listener that counts connections and whole messages; `onMessage` decides the answer. */
async function startCountingServer(onMessage: (answer: (error?: Error) => void, sockets: Set<Socket>) => void) {
  const counts = { connections: 0, messages: 0 };
  const sockets = new Set<Socket>();
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, disableReverseLookup: true, closeTimeout: 200,
    onData(stream: SMTPServerDataStream, _session, callback) {
      stream.on('end', () => {
        counts.messages++;
        onMessage(callback, sockets);
      });
      stream.resume();
    },
  });
  server.on('error', () => undefined); // a client reset, or the drop below
  server.server.on('connection', (socket: Socket) => {
    counts.connections++;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    counts,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('SMTP transport of the mail sender', () => {
  it('applies its timeouts to the connection (not as message defaults) and pools connections', () => {
    const transport = nodemailer.createTransport(smtpTransportOptions('smtp://127.0.0.1:2525'));
    try {
      expect((transport.transporter as unknown as { options: Record<string, unknown> }).options).toMatchObject({
        host: '127.0.0.1', port: 2525, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000, pool: true,
      });
    } finally {
      transport.close();
    }
  });

  it('sends notices one after another over one reused connection, each accepted once', async () => {
    const server = await startCountingServer((answer) => answer());
    const sender = createMailSender({ smtpUrl: server.url, mailFrom: 'noreply@meldplicht.test' }, {} as DataSource);
    try {
      for (let n = 1; n <= 3; n++) await expect(sender.send(notice(n))).resolves.toMatchObject({ providerId: expect.any(String) });
      expect(server.counts).toEqual({ connections: 1, messages: 3 });
    } finally {
      sender.close?.();
      await server.close();
    }
  });

  it('when the server drops the connection after it received the whole message, then the send fails and the pool does not send it again', async () => {
    // The message is there, complete; the 250 never leaves: for the client the outcome is unknown.
    const server = await startCountingServer((_answer, sockets) => sockets.forEach((s) => s.destroy()));
    const sender = createMailSender({ smtpUrl: server.url, mailFrom: 'noreply@meldplicht.test' }, {} as DataSource);
    try {
      // Ambiguous, not retryable: the ledger marks it unknown and a person checks, instead of a second copy.
      await expect(sender.send(notice(1))).rejects.toMatchObject({ kind: 'ambiguous' });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // past the pool's first requeue delay
      expect(server.counts.messages).toBe(1);
    } finally {
      sender.close?.();
      await server.close();
    }
  });
});
