import request from 'supertest';
import { createLogger } from '../../src/logger';
import { startService, type Service } from '../../src/service';
import { DEMO_PASSWORD } from '../../src/seed/seed-demo-data';
import { PageClient } from '../support/page-client';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { ROUTES, type Fixture, type MatrixRole } from './authorization-matrix';
import { rowCounts } from './support/row-counts';

/**
 * CSRF: every page POST route of the authorization matrix, as a role the route lets through,
 * refuses a form without the token, with a wrong one and with another session's (403, nothing
 * changes). Login rate limiting: failures spread over two instances on one database lock the
 * account on both.
 */
let t: TestService;
let fx: Pick<Fixture, 'sharedIncident' | 'otherIncident' | 'ownTrack' | 'otherTrack' | 'ownContact' | 'otherContact' | 'ownController' | 'otherController' | 'ownAgreement'> & Partial<Fixture>;
const clients = new Map<MatrixRole, PageClient>();
const EMAILS: Partial<Record<MatrixRole, string>> = { support: USERS.support, admin: USERS.admin, controller: USERS.controllerPolderpeil, dpo: USERS.dpoPolderpeil };

beforeAll(async () => {
  t = await startTestService({ worker: false });
  const support = await t.login(USERS.support);
  const polderpeil = await controllerIdByName(t, 'Polderpeil');
  const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
  const incident = await t.as(support).post('/api/incidents', {
    summary: 'Gedeelde share met klantgegevens', discoveredAt: new Date(Date.now() - 3600_000).toISOString(), controllerIds: [polderpeil, zonnebloem],
  });
  await t.as(support).post(`/api/incidents/${incident.body.id}/events`, { type: 'CONFIRM' }).expect(200);
  await t.as(support).post(`/api/incidents/${incident.body.id}/events`, { type: 'NOTIFY' }).expect(200);
  const trackOf = (id: string) => incident.body.tracks.find((tr: any) => tr.controller.id === id).id as string;
  const noticeOf = async (trackId: string) =>
    (await t.sql(`SELECT n.contact_id, n.version, c.agreement_id FROM notices n JOIN contacts c ON c.id = n.contact_id WHERE n.track_id = $1 ORDER BY n.contact_id LIMIT 1`, [trackId]))[0];
  const own = await noticeOf(trackOf(polderpeil));
  const other = await noticeOf(trackOf(zonnebloem));
  fx = {
    sharedIncident: incident.body.id, otherIncident: incident.body.id, ownTrack: trackOf(polderpeil), otherTrack: trackOf(zonnebloem),
    ownContact: own.contact_id, otherContact: other.contact_id, ownController: polderpeil, otherController: zonnebloem, ownAgreement: own.agreement_id,
    ackToken: t.service.tokens.issueAckLink({ trackId: trackOf(polderpeil), contactId: own.contact_id, version: own.version }),
  };
  const anonymous = new PageClient(t.http);
  await anonymous.get('/login');
  clients.set('anonymous', anonymous);
  for (const [role, email] of Object.entries(EMAILS) as Array<[MatrixRole, string]>) {
    const c = new PageClient(t.http);
    await c.login(email);
    clients.set(role, c);
  }
});
afterAll(async () => {
  await t?.stop();
});

// ---------------------------------------------------------------------------------------
// CSRF

/** Page form POSTs (Twilio's callback is a form too, but signed, not a page). */
const pagePosts = ROUTES.filter((r) => r.kind === 'page' && r.route.startsWith('POST '));

/** A role the matrix lets through on the route (own controller): its POST would reach the handler. */
function admittedRole(entry: (typeof ROUTES)[number]): MatrixRole {
  const order: MatrixRole[] = ['admin', 'support', 'dpo', 'controller', 'anonymous'];
  const first = (e: unknown) => (typeof e === 'number' ? e : Array.isArray(e) ? e[0] : (e as { own: number | number[] }).own);
  const status = (role: MatrixRole) => [first(entry.expect[role])].flat()[0] as number;
  return order.find((role) => ![303, 401, 403, 404].includes(status(role))) ?? 'support';
}

/** A valid form for the routes where one is easy to give, so that a missing token really stops a write. */
function formFor(route: string): Record<string, string> {
  if (route === 'POST /ack/:token') return {};
  if (route === 'POST /admin/users') return { email: 'csrf-victim@demo-verwerker.example', name: 'Nieuwe gebruiker', role: 'admin', password: 'Een-lang-genoeg-wachtwoord-2026' };
  if (route === 'POST /incidents/:id/events') return { type: 'DISMISS', reason: 'Via een andere site verzonden' };
  return {};
}

describe('a page form POST without a valid CSRF token', () => {
  const cases = pagePosts.flatMap((entry) =>
    (['no', 'a wrong', "another session's"] as const).map((token) => ({ route: entry.route, token, entry })),
  );

  test('every page POST route of the matrix is covered', () => {
    expect(pagePosts.length).toBeGreaterThanOrEqual(10);
  });

  test.each(cases)('when $route is sent with $token CSRF token, then 403 and nothing changes', async ({ entry, token }) => {
    const role = admittedRole(entry);
    const base = clients.get(role)!;
    const client = new PageClient(t.http);
    for (const [k, v] of base.cookies) client.cookies.set(k, v);
    const other = role === 'admin' ? clients.get('support')! : clients.get('admin')!;
    const csrf = token === 'no' ? null : token === 'a wrong' ? 'x'.repeat(base.csrf.length) : other.csrf;
    const req = entry.request(fx as Fixture, 'own');
    const before = await rowCounts(t);
    const res = await client.post(req.path, { ...(req.body as Record<string, string>), ...formFor(entry.route) }, { csrf });
    expect(res.status).toBe(403);
    expect(res.headers.location).toBeUndefined();
    expect(await rowCounts(t)).toEqual(before);
  });

  test('when the form carries a valid token but the CSRF cookie is missing, then 403', async () => {
    const admin = clients.get('admin')!;
    const client = new PageClient(t.http);
    client.cookies.set('__Host-mp_session', admin.cookies.get('__Host-mp_session')!);
    const res = await client.post('/admin/users', formFor('POST /admin/users'), { csrf: admin.csrf });
    expect(res.status).toBe(403);
  });

  test('when an anonymous CSRF pair is planted in a logged-in browser and a forged form dismisses a track, then 403 and the track stays', async () => {
    // The attacker loads the login page anonymously and keeps its nonce cookie and form token.
    const attacker = new PageClient(t.http);
    await attacker.get('/login');
    const csrfCookie = [...attacker.cookies.keys()].find((name) => name.endsWith('mp_csrf'))!;
    // The victim is logged in; the attacker's nonce cookie is planted into the victim's browser.
    const victim = new PageClient(t.http);
    for (const [k, v] of clients.get('support')!.cookies) victim.cookies.set(k, v);
    victim.cookies.set(csrfCookie, attacker.cookies.get(csrfCookie)!);
    const before = await t.sql(`SELECT id, state FROM tracks WHERE incident_id = $1 ORDER BY id`, [fx.sharedIncident]);
    const res = await victim.post(`/incidents/${fx.sharedIncident}/events`, formFor('POST /incidents/:id/events'), { csrf: attacker.csrf });
    expect(res.status).toBe(403);
    expect(await t.sql(`SELECT id, state FROM tracks WHERE incident_id = $1 ORDER BY id`, [fx.sharedIncident])).toEqual(before);
  });

  test('when the site is https, then the session, CSRF and trusted-device cookies carry the __Host- prefix (Secure, path /, no domain)', async () => {
    const client = new PageClient(t.http);
    const res = await client.post('/login', { email: USERS.support, password: DEMO_PASSWORD }, { csrf: (await client.get('/login'), client.csrf) });
    const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = lines.find((l) => l.startsWith('__Host-mp_session='));
    expect(session).toMatch(/; Path=\/;/);
    expect(session).toMatch(/; Secure/);
    expect(session).not.toMatch(/Domain=/i);
    expect([...client.cookies.keys()].sort()).toEqual(['__Host-mp_csrf', '__Host-mp_device', '__Host-mp_session']);
  });

  test('when an acknowledgement is posted without the token, then no acknowledgement is recorded', async () => {
    const before = (await t.sql(`SELECT count(*)::int AS n FROM acknowledgements`))[0].n;
    const res = await clients.get('anonymous')!.post(`/ack/${fx.ackToken}`, {}, { csrf: null });
    expect(res.status).toBe(403);
    expect((await t.sql(`SELECT count(*)::int AS n FROM acknowledgements`))[0].n).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------
// Login rate limiting across instances

describe('failed logins spread over two instances', () => {
  let second: Service;
  let http2: ReturnType<typeof request>;
  beforeAll(async () => {
    // A second instance of the service on the same database (as behind a load balancer).
    second = await startService({ ...t.config, seedDemo: false, role: 'web' }, { inMemoryDb: true, logger: createLogger({ silent: true }) });
    http2 = request(second.app);
  });
  afterAll(async () => {
    await second?.stop();
  });

  test('when five wrong passwords go alternately to both instances, then the account is locked on both, also for the right password', async () => {
    const email = USERS.dpoDeVonk;
    const instances = [t.http, http2];
    for (let i = 0; i < 5; i++) {
      const res = await instances[i % 2].post('/api/auth/login').send({ email, password: `wrong-password-${i}` });
      expect(res.status).toBe(401);
    }
    for (const http of instances) {
      const res = await http.post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
      expect(res.status).toBe(429);
      expect(res.body.token).toBeUndefined();
    }
    // The page login of either instance says the same.
    const page = new PageClient(http2);
    await page.get('/login');
    expect((await page.post('/login', { email, password: DEMO_PASSWORD })).status).toBe(429);
    // Another account from the same address is not locked by this one's failures.
    expect((await http2.post('/api/auth/login').send({ email: USERS.dpoZonnebloem, password: DEMO_PASSWORD })).status).toBe(200);
  });
});
