import request from 'supertest';
import { createLogger } from '../../src/logger';
import { startService } from '../../src/service';
import { PageClient } from '../support/page-client';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from '../support/smtp-test-server';
import { addTeamUser, TEAM_PASSWORD } from '../support/team-users';
import { PUBLIC_URL, startTestService, USERS, type TestService } from '../support/test-service';

/**
 * A password reset by e-mailed one-time link (issue 16), over a real SMTP exchange: asked for on
 * the login page or sent by an admin; the link works once and for an hour; setting the password
 * ends every session, and the old password stops working.
 */
let smtp: SmtpTestServer;
let t: TestService;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  t = await startTestService({ worker: false, smtpUrl: smtp.url });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.close();
});

async function mailTo(email: string): Promise<ReceivedMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mail = smtp.messages.find((m) => m.to.includes(email));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${email}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The reset page's path, as the mail's plain-text part prints the link. */
function linkIn(mail: ReceivedMail): string {
  const match = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}(/password-reset/[A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!match) throw new Error(`no reset link in: ${mail.text}`);
  expect(mail.html).toContain(match[1]);
  return match[1];
}

test('when a user asks for a reset link on the login page, then an e-mail brings a link that sets a new password once, and every session ends', async () => {
  const user = await addTeamUser(t);
  const token = await t.login(user.email, TEAM_PASSWORD);
  const page = new PageClient(t.http);
  expect((await page.get('/login')).text).toContain('href="/password-reset"');
  await page.get('/password-reset');
  const asked = await page.post('/password-reset', { email: user.email });
  expect(asked.status).toBe(200);
  expect(asked.text).toContain('is er nu een link naartoe gestuurd');

  const mail = await mailTo(user.email);
  expect(mail.subject).toBe('Nieuw wachtwoord instellen voor Meldplicht');
  const link = linkIn(mail);
  const form = await page.get(link);
  expect(form.status).toBe(200);
  const set = await page.post(link, { newPassword: 'A-fresh-passphrase-2026' });
  expect(set.status).toBe(200);
  expect(set.text).toContain('Uw wachtwoord is ingesteld');

  expect((await t.as(token).get('/api/incidents')).status).toBe(401);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: TEAM_PASSWORD })).status).toBe(401);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: 'A-fresh-passphrase-2026' })).status).toBe(200);

  // Once only.
  const again = await page.post(link, { newPassword: 'Yet-another-passphrase-1' });
  expect(again.status).toBe(410);
  expect(again.text).toContain('Deze link is al gebruikt of verlopen');
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: 'Yet-another-passphrase-1' })).status).toBe(401);
});

test('when someone asks for a link for an unknown address, then the answer is the same and no mail goes out', async () => {
  const before = smtp.messages.length;
  const res = await t.http.post('/api/auth/password-reset').send({ email: 'nobody-here@demo-verwerker.example' });
  expect(res.status).toBe(202);
  await new Promise((r) => setTimeout(r, 300));
  expect(smtp.messages.length).toBe(before);
});

test('when an admin sends a reset link, then the user gets it in their language and the API sets the password with it', async () => {
  const user = await addTeamUser(t, { language: 'en' });
  const admin = await t.login(USERS.admin);
  expect((await t.as(admin).post(`/api/admin/users/${user.id}/password-reset`)).status).toBe(202);
  const mail = await mailTo(user.email);
  expect(mail.subject).toBe('Set a new password for Meldplicht');
  const resetToken = linkIn(mail).split('/').pop()!;
  const short = await t.http.post('/api/auth/password-reset/complete').send({ token: resetToken, newPassword: 'short' });
  expect(short.status).toBe(422);
  expect(short.body.fields).toHaveProperty('newPassword');
  expect((await t.http.post('/api/auth/password-reset/complete').send({ token: resetToken, newPassword: 'Admin-sent-passphrase-9' })).status).toBe(204);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: 'Admin-sent-passphrase-9' })).status).toBe(200);
});

test('when a reset link is older than an hour, then it is refused and the password stays', async () => {
  const user = await addTeamUser(t);
  await t.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
  const resetToken = linkIn(await mailTo(user.email)).split('/').pop()!;
  await t.sql(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
  const res = await t.http.post('/api/auth/password-reset/complete').send({ token: resetToken, newPassword: 'Too-late-passphrase-1' });
  expect(res.status).toBe(410);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: TEAM_PASSWORD })).status).toBe(200);
});

test('when production runs without SMTP, then no reset link goes to the outbox that support staff can read', async () => {
  const user = await addTeamUser(t);
  const admin = await t.login(USERS.admin);
  // A second instance on the same database, in production without SMTP_URL (mail goes to the outbox).
  const bare = await startService({ ...t.config, mode: 'production', smtpUrl: undefined, seedDemo: false, role: 'web' }, { inMemoryDb: true, logger: createLogger({ silent: true }) });
  try {
    const before = (await t.sql(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n;
    const res = await request(bare.app).post(`/api/admin/users/${user.id}/password-reset`).set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('mail_not_configured');
    expect((await t.sql(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n).toBe(before);
    expect(await t.sql(`SELECT 1 FROM password_reset_tokens WHERE user_id = $1`, [user.id])).toEqual([]);
  } finally {
    await bare.stop();
  }
});
