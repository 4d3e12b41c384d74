import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startService, type Service } from '../../src/service';
import request from 'supertest';
import { PageClient } from '../support/page-client';
import { addTeamUser, TEAM_PASSWORD } from '../support/team-users';
import { startTestService, USERS, type TestService } from '../support/test-service';

/**
 * The login throttle cannot lock out a support desk (issue 16): failures are counted per
 * (client, account) pair, per account and per address, in the database; waits grow instead of a
 * hard lock; a browser that logged in to the account before is held back only by its own
 * failures; an admin can lift a wait; and the client's address is read as TRUST_PROXY says.
 * The service trusts its loopback proxy (the default), so X-Forwarded-For names the client.
 */
let t: TestService;
let admin: string;

beforeAll(async () => {
  t = await startTestService({ worker: false });
  admin = await t.login(USERS.admin);
});
afterAll(async () => {
  await t?.stop();
});

const from = (address: string) => ({ 'x-forwarded-for': address });
const apiLogin = (email: string, password: string, address: string) => t.http.post('/api/auth/login').set(from(address)).send({ email, password });

/** A browser at `address` that logged in to the account once (so it holds the trusted-device cookie), then logged out. */
async function trustedBrowser(email: string, address: string, password = TEAM_PASSWORD): Promise<PageClient> {
  const page = new PageClient(t.http);
  Object.assign(page.headers, from(address));
  await page.login(email, password);
  // The test service's PUBLIC_URL is https, so every page cookie is __Host-.
  expect(page.cookies.get('__Host-mp_device')).toBeTruthy();
  await page.post('/logout', {});
  return page;
}

test('when five wrong passwords come from five addresses, then the right password from a sixth still gets in', async () => {
  const user = await addTeamUser(t);
  for (let i = 1; i <= 5; i++) expect((await apiLogin(user.email, `wrong-${i}`, `198.51.100.${i}`)).status).toBe(401);
  const res = await apiLogin(user.email, TEAM_PASSWORD, '198.51.100.6');
  expect(res.status).toBe(200);
  expect(res.body.token).toBeTruthy();
});

test('when forty wrong passwords come from forty addresses, then a new address must wait, but the desk\'s own browser gets in with the right password', async () => {
  const user = await addTeamUser(t);
  const desk = await trustedBrowser(user.email, '192.0.2.10');
  for (let i = 1; i <= 40; i++) await apiLogin(user.email, `guess-${i}`, `203.0.113.${i}`);
  const stranger = await apiLogin(user.email, TEAM_PASSWORD, '203.0.113.200');
  expect(stranger.status).toBe(429);
  expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
  await desk.get('/login');
  const res = await desk.post('/login', { email: user.email, password: TEAM_PASSWORD });
  expect(res.status).toBe(303);
  expect((await desk.get('/dashboard')).status).toBe(200);
});

test('when thirty failures come from one shared office address, then a colleague behind it with a known browser still gets in', async () => {
  const colleague = await addTeamUser(t);
  const office = '192.0.2.77';
  const desk = await trustedBrowser(colleague.email, office);
  for (let i = 1; i <= 30; i++) await apiLogin(`nobody-${i}@demo-verwerker.example`, 'guess', office);
  // A browser the account has never used, at the same address, has to wait now…
  expect((await apiLogin(colleague.email, TEAM_PASSWORD, office)).status).toBe(429);
  // …the colleague's own browser does not.
  await desk.get('/login');
  expect((await desk.post('/login', { email: colleague.email, password: TEAM_PASSWORD })).status).toBe(303);
});

test('when one client keeps guessing, then its waits grow (30 s, then 60 s) while the right password from elsewhere gets in', async () => {
  const user = await addTeamUser(t);
  const guesser = '198.51.100.50';
  for (let i = 1; i <= 5; i++) expect((await apiLogin(user.email, `wrong-${i}`, guesser)).status).toBe(401);
  const first = await apiLogin(user.email, TEAM_PASSWORD, guesser);
  expect(first.status).toBe(429);
  expect(first.body.token).toBeUndefined();
  expect(Number(first.headers['retry-after'])).toBeGreaterThan(25);
  expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(30);
  // Thirty-one seconds pass (the failures are moved back in time).
  await t.sql(`UPDATE login_attempts SET attempted_at = attempted_at - interval '31 seconds'`);
  expect((await apiLogin(user.email, 'wrong-6', guesser)).status).toBe(401);
  const second = await apiLogin(user.email, TEAM_PASSWORD, guesser);
  expect(second.status).toBe(429);
  expect(Number(second.headers['retry-after'])).toBeGreaterThan(30);
  expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect((await apiLogin(user.email, TEAM_PASSWORD, '198.51.100.51')).status).toBe(200);
});

test('when an admin unlocks the account, then the right password gets in at once from the client that had to wait', async () => {
  const user = await addTeamUser(t);
  const client = '198.51.100.60';
  for (let i = 1; i <= 5; i++) await apiLogin(user.email, `wrong-${i}`, client);
  expect((await apiLogin(user.email, TEAM_PASSWORD, client)).status).toBe(429);
  const unlocked = await t.as(admin).post(`/api/admin/users/${user.id}/unlock`);
  expect(unlocked.status).toBe(200);
  expect(unlocked.body.cleared).toBeGreaterThanOrEqual(5);
  expect((await apiLogin(user.email, TEAM_PASSWORD, client)).status).toBe(200);
});

test('when the page login has to wait, then it says how long, in Dutch', async () => {
  const user = await addTeamUser(t);
  const page = new PageClient(t.http);
  Object.assign(page.headers, from('198.51.100.70'));
  await page.get('/login');
  for (let i = 1; i <= 5; i++) expect((await page.post('/login', { email: user.email, password: `wrong-${i}` })).status).toBe(401);
  const res = await page.post('/login', { email: user.email, password: TEAM_PASSWORD });
  expect(res.status).toBe(429);
  expect(res.text).toMatch(/Probeer het over \d+ seconden opnieuw/);
});

describe('TRUST_PROXY', () => {
  let untrusting: Service;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    // A second instance on the same database that trusts no proxy: X-Forwarded-For is ignored.
    const { trustProxy } = loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'false' });
    untrusting = await startService({ ...t.config, seedDemo: false, role: 'web', trustProxy }, { inMemoryDb: true, logger: createLogger({ silent: true }) });
    http = request(untrusting.app);
  });
  afterAll(async () => {
    await untrusting?.stop();
  });

  test('when the proxy is not trusted, then every client counts as the proxy\'s address: five failures "from" five addresses hold back the sixth', async () => {
    const user = await addTeamUser(t);
    for (let i = 1; i <= 5; i++) expect((await http.post('/api/auth/login').set(from(`198.51.100.${80 + i}`)).send({ email: user.email, password: 'wrong' })).status).toBe(401);
    expect((await http.post('/api/auth/login').set(from('198.51.100.86')).send({ email: user.email, password: TEAM_PASSWORD })).status).toBe(429);
    // The instance that trusts its loopback proxy tells the clients apart.
    expect((await apiLogin(user.email, TEAM_PASSWORD, '198.51.100.87')).status).toBe(200);
  });

  test('when TRUST_PROXY is a list of subnets, a hop count or nonsense, then it is taken or refused naming the key', () => {
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).trustProxy).toBe('10.0.0.0/8, 192.168.1.1');
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ NODE_ENV: 'test' }).trustProxy).toBe('loopback');
    expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });
});
