import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import { classifySmtpError } from '../../src/notify/provider-error';

/**
 * How an SMTP failure is read decides between "send again" and "a person checks": only a
 * failure that provably happened before the message left may be retried. The errors here are
 * nodemailer's own, from real sockets.
 */
async function sendError(port: number, options: Record<string, unknown> = {}): Promise<unknown> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...options });
  try {
    await transport.sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 's', text: 't' });
  } catch (error) {
    return error;
  } finally {
    transport.close();
  }
  throw new Error('the send did not fail');
}

async function listen(onConnection: (socket: import('node:net').Socket) => void): Promise<{ port: number; close(): void }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, close: () => server.close() };
}

describe('reading an SMTP failure', () => {
  test('when nothing listens on the port, then it is retryable: nothing left', async () => {
    const closed = await listen(() => undefined);
    closed.close();
    expect(classifySmtpError(await sendError(closed.port)).kind).toBe('retryable');
  });

  test('when the server never greets, then it is retryable: nothing left', async () => {
    const silent = await listen(() => undefined);
    try {
      expect(classifySmtpError(await sendError(silent.port, { greetingTimeout: 200 })).kind).toBe('retryable');
    } finally {
      silent.close();
    }
  });

  test('when the connection drops after the message was sent, then it is ambiguous: the server may have it', async () => {
    const dropsAfterData = await listen((socket) => {
      socket.write('220 test ESMTP\r\n');
      let inData = false;
      socket.on('data', (chunk) => {
        for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
          if (inData) {
            if (line === '.') socket.destroy(); // the whole message is here; no 250
          } else if (/^EHLO|^HELO/i.test(line)) socket.write('250 test\r\n');
          else if (/^DATA/i.test(line)) {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else socket.write('250 ok\r\n');
        }
      });
    });
    try {
      expect(classifySmtpError(await sendError(dropsAfterData.port)).kind).toBe('ambiguous');
    } finally {
      dropsAfterData.close();
    }
  });

  test('when the server answers 4xx or 5xx, then the reply code decides', () => {
    expect(classifySmtpError({ responseCode: 451, code: 'EENVELOPE', command: 'RCPT TO' }).kind).toBe('retryable');
    expect(classifySmtpError({ responseCode: 550, code: 'EENVELOPE', command: 'RCPT TO' }).kind).toBe('permanent');
  });
});
