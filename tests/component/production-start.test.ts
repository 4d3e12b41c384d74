import { spawn } from 'node:child_process';
import path from 'node:path';
import { startTestService, type TestService } from '../support/test-service';

/**
 * Nothing pretends to be sent: a production process without a mail server refuses to start
 * (its notices would only reach the outbox), and /readyz names what a demo runs without.
 */
const ROOT = path.resolve(__dirname, '../..');

function startMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`still running after 30 s: ${stderr}`)); }, 30_000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });
}

describe('production start-up without providers', () => {
  test('when NODE_ENV=production has no SMTP_URL, then the service refuses to start and names the missing keys', async () => {
    // Arrange: a production configuration complete but for the providers.
    const env = { NODE_ENV: 'production', JWT_SECRET: 'q8Xv1TzN4kLw0bRm7YcJ2sHfA9uPdE6gWnK3oVrI5tQxZlMy0CjB8hUe2SaFi4Do', PUBLIC_URL: 'https://meldplicht.example.nl', DATABASE_URL: 'postgres://postgres@127.0.0.1:9/none', PORT: '0' };
    // Act
    const result = await startMain(env);
    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SMTP_URL: required in production');
    expect(result.stderr).toContain('TWILIO_ACCOUNT_SID: required in production');
    expect(result.stderr).toContain('SMS_ENABLED=false');
  });

  test('when SMS are switched off but SMTP is still missing, then start-up is still refused, naming SMTP_URL alone', async () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: 'q8Xv1TzN4kLw0bRm7YcJ2sHfA9uPdE6gWnK3oVrI5tQxZlMy0CjB8hUe2SaFi4Do', PUBLIC_URL: 'https://meldplicht.example.nl', DATABASE_URL: 'postgres://postgres@127.0.0.1:9/none', PORT: '0', SMS_ENABLED: 'false' };
    const result = await startMain(env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SMTP_URL: required in production');
    expect(result.stderr).not.toContain('TWILIO');
  });
});

describe('/readyz without providers (the demo)', () => {
  let t: TestService;
  beforeAll(async () => {
    // web and worker in one process (a web-only process sends nothing, so needs no provider)
    t = await startTestService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('when no SMTP server or Twilio account is configured, then /readyz says messages stay in the outbox and which keys are missing', async () => {
    const res = await t.http.get('/readyz');
    expect(res.body.checks.delivery).toBe('outbox only, not sent: SMTP_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM not set');
  });
});
