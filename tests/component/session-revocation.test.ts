import { PageClient } from '../support/page-client';
import { addTeamUser, TEAM_PASSWORD, type TeamUser } from '../support/team-users';
import { startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Sessions can be revoked (issue 16): logout, a role change, a password change, deactivation and
 * "log out everywhere" end the user's bearer tokens and page sessions at the very next request,
 * not 8 hours later. Each test uses a new team member, with an API token and a page session.
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

/** A team member with one API token and one page session, both working. */
async function signedInMember(password = TEAM_PASSWORD): Promise<{ user: TeamUser; token: string; page: PageClient }> {
  const user = await addTeamUser(t, { password });
  const token = await t.login(user.email, password);
  const page = new PageClient(t.http);
  await page.login(user.email, password);
  expect((await t.as(token).get('/api/incidents')).status).toBe(200);
  expect((await page.get('/dashboard')).status).toBe(200);
  return { user, token, page };
}

async function expectEnded(token: string, page: PageClient): Promise<void> {
  const api = await t.as(token).get('/api/incidents');
  expect(api.status).toBe(401);
  expect(api.body.code).toBe('unauthorized');
  const res = await page.get('/dashboard');
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/login/);
}

test('when a user logs out through the API, then that token is refused at once and the user\'s other sessions go on', async () => {
  const { token, page } = await signedInMember();
  expect((await t.as(token).post('/api/auth/logout')).status).toBe(204);
  expect((await t.as(token).get('/api/incidents')).status).toBe(401);
  expect((await page.get('/dashboard')).status).toBe(200);
});

test('when a user logs out of the pages, then a copy of the session cookie no longer opens a page, and the API token goes on', async () => {
  const { token, page } = await signedInMember();
  const copy = new PageClient(t.http);
  for (const [k, v] of page.cookies) copy.cookies.set(k, v);
  copy.csrf = page.csrf;
  expect((await page.post('/logout', {})).status).toBe(303);
  const res = await copy.get('/dashboard');
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/login/);
  expect((await t.as(token).get('/api/incidents')).status).toBe(200);
});

test('when an admin changes a user\'s role, then the user\'s token and page session end at once and a new login carries the new role', async () => {
  const { user, token, page } = await signedInMember();
  const changed = await t.as(admin).patch(`/api/admin/users/${user.id}`, { role: 'admin' });
  expect(changed.status).toBe(200);
  expect(changed.body.role).toBe('admin');
  await expectEnded(token, page);
  const again = await t.login(user.email, TEAM_PASSWORD);
  expect((await t.as(again).get('/api/admin/users')).status).toBe(200);
});

test('when a user changes their own password, then every other session ends, the new token works and the old password no longer does', async () => {
  const { user, token, page } = await signedInMember();
  const other = await t.login(user.email, TEAM_PASSWORD);
  const res = await t.as(token).post('/api/auth/password', { currentPassword: TEAM_PASSWORD, newPassword: 'A-new-and-longer-passphrase' });
  expect(res.status).toBe(200);
  await expectEnded(other, page);
  expect((await t.as(token).get('/api/incidents')).status).toBe(401);
  expect((await t.as(res.body.token).get('/api/incidents')).status).toBe(200);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: TEAM_PASSWORD })).status).toBe(401);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: 'A-new-and-longer-passphrase' })).status).toBe(200);
});

test('when a user changes the password on the account page, then the page stays signed in and the other sessions end', async () => {
  const { user, token, page } = await signedInMember();
  await page.get('/account');
  const res = await page.post('/account/password', { currentPassword: TEAM_PASSWORD, newPassword: 'Another-long-passphrase-1' });
  expect(res.status).toBe(303);
  expect((await page.get('/account?changed=1')).text).toContain('Uw wachtwoord is gewijzigd');
  expect((await t.as(token).get('/api/incidents')).status).toBe(401);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: 'Another-long-passphrase-1' })).status).toBe(200);
});

test('when the current password is wrong, then the password stays and the form names the field, in Dutch', async () => {
  const { user, token, page } = await signedInMember();
  await page.get('/account');
  const res = await page.post('/account/password', { currentPassword: 'not-my-password', newPassword: 'Another-long-passphrase-2' });
  expect(res.status).toBe(422);
  expect(res.text).toContain('Dit is niet uw huidige wachtwoord.');
  expect((await t.as(token).get('/api/incidents')).status).toBe(200);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: TEAM_PASSWORD })).status).toBe(200);
});

test('when an admin deactivates a user, then the token and page session end at once and the right password no longer logs in; reactivated, it does', async () => {
  const { user, token, page } = await signedInMember();
  const res = await t.as(admin).patch(`/api/admin/users/${user.id}`, { active: false });
  expect(res.status).toBe(200);
  expect(res.body.active).toBe(false);
  await expectEnded(token, page);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: TEAM_PASSWORD })).status).toBe(401);
  const list = await t.as(admin).get('/api/admin/users');
  expect(list.body.find((u: any) => u.id === user.id).active).toBe(false);
  expect((await t.as(admin).patch(`/api/admin/users/${user.id}`, { active: true })).status).toBe(200);
  expect((await t.http.post('/api/auth/login').send({ email: user.email, password: TEAM_PASSWORD })).status).toBe(200);
});

test('when an admin deactivates a user on the admin page, then the user\'s page session ends at once', async () => {
  const { user, page } = await signedInMember();
  const adminPage = new PageClient(t.http);
  await adminPage.login(USERS.admin);
  const form = await adminPage.get(`/admin/users/${user.id}`);
  expect(form.status).toBe(200);
  const res = await adminPage.post(`/admin/users/${user.id}`, { role: 'support', controllerId: '', active: 'no' });
  expect(res.status).toBe(303);
  expect((await adminPage.get(res.headers.location)).text).toContain('Opgeslagen');
  expect((await page.get('/dashboard')).status).toBe(303);
  expect((await adminPage.get('/admin/users')).text).toContain('gedeactiveerd');
});

test('when a user logs out everywhere, then every token and page session of that user ends', async () => {
  const { user, token, page } = await signedInMember();
  const second = await t.login(user.email, TEAM_PASSWORD);
  expect((await t.as(second).post('/api/auth/logout-everywhere')).status).toBe(204);
  await expectEnded(token, page);
  expect((await t.as(second).get('/api/incidents')).status).toBe(401);
});

test('when the last active admin would be deactivated or demoted, then 409 and nothing changes', async () => {
  const admins = (await t.as(admin).get('/api/admin/users')).body.filter((u: any) => u.role === 'admin' && u.active);
  // Leave exactly one admin: demote any others made by earlier tests.
  for (const a of admins.slice(1)) await t.as(admin).patch(`/api/admin/users/${a.id}`, { role: 'support' }).expect(200);
  const [last] = admins;
  const adminNow = await t.login(USERS.admin);
  const res = await t.as(adminNow).patch(`/api/admin/users/${last.id}`, { active: false });
  expect(res.status).toBe(409);
  expect(res.body.code).toBe('last_admin');
  expect((await t.as(adminNow).patch(`/api/admin/users/${last.id}`, { role: 'support' })).status).toBe(409);
  expect((await t.as(adminNow).get('/api/admin/users')).status).toBe(200);
});

test('when a deleted user\'s token comes back, then it is refused', async () => {
  const { user, token, page } = await signedInMember();
  await t.sql(`DELETE FROM users WHERE id = $1`, [user.id]);
  await expectEnded(token, page);
});

test('when a role change names a controller for a processor role, then 422 names the field and nothing changes', async () => {
  const { user, token } = await signedInMember();
  const res = await t.as(admin).patch(`/api/admin/users/${user.id}`, { role: 'support', controllerId: '00000000-0000-4000-8000-000000000001' });
  expect(res.status).toBe(422);
  expect(res.body.fields).toHaveProperty('controllerId');
  expect((await t.as(token).get('/api/incidents')).status).toBe(200);
});
