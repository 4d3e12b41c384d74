import { Secret, TOTP } from 'otpauth';
import { PageClient } from '../support/page-client';
import { addTeamUser, TEAM_PASSWORD, type TeamUser } from '../support/team-users';
import { startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Two-factor login for processor staff (issue 16): set up with the app's first code, then the
 * login wants the current code after the password; a wrong code and a code used once already
 * are refused; an admin can reset it. Codes are made here with the same library from the secret
 * the set-up showed, as the user's phone would.
 */
let t: TestService;
let admin: string;

beforeAll(async () => {
  t = await startTestService({ worker: false, contract: true });
  admin = await t.login(USERS.admin);
});
afterAll(async () => {
  await t?.stop();
});

const codeAt = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

const login = (email: string, extra: Record<string, string> = {}) => t.http.post('/api/auth/login').send({ email, password: TEAM_PASSWORD, ...extra });

/** A support member who has set up two-factor login through the API; returns the secret. */
async function enrolledMember(): Promise<{ user: TeamUser; secret: string }> {
  const user = await addTeamUser(t);
  const token = await t.login(user.email, TEAM_PASSWORD);
  const started = await t.as(token).post('/api/auth/totp');
  expect(started.status).toBe(200);
  const confirmed = await t.as(token).post('/api/auth/totp/confirm', { code: codeAt(started.body.secret) });
  expect(confirmed.status).toBe(200);
  return { user, secret: started.body.secret };
}

test('when a support user starts the set-up, then the answer holds a secret and an otpauth URI naming the account, and the database keeps no plain copy', async () => {
  const user = await addTeamUser(t);
  const token = await t.login(user.email, TEAM_PASSWORD);
  const res = await t.as(token).post('/api/auth/totp');
  expect(res.status).toBe(200);
  expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(res.body.otpauthUri).toContain(`secret=${res.body.secret}`);
  expect(decodeURIComponent(res.body.otpauthUri)).toContain(user.email);
  const [row] = await t.service.db.dataSource.query(`SELECT totp_pending, totp_secret FROM users WHERE id = $1`, [user.id]);
  expect(row.totp_pending).toMatch(/^v1\./);
  expect(row.totp_pending).not.toContain(res.body.secret);
  expect(row.totp_secret).toBeNull();
});

test('when the set-up is confirmed with a wrong code, then it is refused naming the field and the login still needs only the password', async () => {
  const user = await addTeamUser(t);
  const token = await t.login(user.email, TEAM_PASSWORD);
  const started = await t.as(token).post('/api/auth/totp');
  const wrong = codeAt(started.body.secret) === '000000' ? '111111' : '000000';
  const res = await t.as(token).post('/api/auth/totp/confirm', { code: wrong });
  expect(res.status).toBe(422);
  expect(res.body.fields.code).toBeDefined();
  expect((await login(user.email)).status).toBe(200);
});

test('when two-factor login is on, then the password alone gets 401 totp_required, a wrong code is refused, and the current code logs in', async () => {
  const { user, secret } = await enrolledMember();
  const first = await login(user.email);
  expect(first.status).toBe(401);
  expect(first.body.code).toBe('totp_required');
  expect(first.body.token).toBeUndefined();
  const current = codeAt(secret);
  const wrong = await login(user.email, { totp: current === '123456' ? '654321' : '123456' });
  expect(wrong.status).toBe(401);
  expect(wrong.body.code).toBe('totp_invalid');
  // The set-up spent the current step's code: the next step's code (within the drift window) logs in.
  const ok = await login(user.email, { totp: codeAt(secret, 1) });
  expect(ok.status).toBe(200);
  expect((await t.as(ok.body.token).get('/api/incidents')).status).toBe(200);
});

test('when a code has been used to log in, then the same code is refused a second time', async () => {
  const { user, secret } = await enrolledMember();
  const code = codeAt(secret, 1);
  expect((await login(user.email, { totp: code })).status).toBe(200);
  const replay = await login(user.email, { totp: code });
  expect(replay.status).toBe(401);
  expect(replay.body.code).toBe('totp_invalid');
});

test('when a code is not six digits, then the login is refused with 422 naming totp', async () => {
  const res = await login(USERS.support, { totp: '12ab' });
  expect(res.status).toBe(422);
  expect(res.body.fields.totp).toBeDefined();
});

test('when an admin resets a user\'s two-factor login, then the password alone logs in again and the user can set it up anew', async () => {
  const { user } = await enrolledMember();
  const reset = await t.as(admin).post(`/api/admin/users/${user.id}/totp-reset`);
  expect(reset.status).toBe(200);
  expect(reset.body.totpEnabled).toBe(false);
  const res = await login(user.email);
  expect(res.status).toBe(200);
  expect((await t.as(res.body.token).post('/api/auth/totp')).status).toBe(200);
});

test('when a controller-side user asks to set up two-factor login, then it is refused with 403', async () => {
  const token = await t.login(USERS.controllerPolderpeil);
  expect((await t.as(token).post('/api/auth/totp')).status).toBe(403);
});

test('when two-factor login is on, then a second set-up is refused with 409 and the code still counts', async () => {
  const { user, secret } = await enrolledMember();
  const token = (await login(user.email, { totp: codeAt(secret, 1) })).body.token;
  const again = await t.as(token).post('/api/auth/totp');
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('totp_already_enabled');
});
