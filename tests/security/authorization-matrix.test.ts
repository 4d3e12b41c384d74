import type express from 'express';
import twilio from 'twilio';
import { PageClient } from '../support/page-client';
import { controllerIdByName, PUBLIC_URL, startTestService, TWILIO, USERS, type TestService } from '../support/test-service';
import { BEFORE_NOTICE, matrixRows, ROUTES, type Fixture, type MatrixRole, type MatrixRow } from './authorization-matrix';

/**
 * Generates one test per row of authorization-matrix.ts against one seeded service, and fails
 * when express registers a route that has no entry there.
 */

/** Every route express registers, as "METHOD /path" (as openapi.test.ts reads them). */
export function registeredRoutes(app: express.Express): string[] {
  const walk = (stack: any[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route.path}`)
        : layer.handle?.stack ? walk(layer.handle.stack) : [],
    );
  return [...new Set(walk((app as any).router.stack))];
}

let t: TestService;
let fx: Fixture;
const tokens = new Map<MatrixRole, string | null>();
const pages = new Map<MatrixRole, PageClient>();

const EMAILS: Record<Exclude<MatrixRole, 'anonymous'>, string> = {
  support: USERS.support,
  admin: USERS.admin,
  controller: USERS.controllerPolderpeil,
  dpo: USERS.dpoPolderpeil,
};

beforeAll(async () => {
  // Twilio credentials so that the callback route can be signed; no worker, so nothing is sent.
  t = await startTestService({
    worker: false,
    env: { TWILIO_ACCOUNT_SID: TWILIO.accountSid, TWILIO_AUTH_TOKEN: TWILIO.authToken, TWILIO_FROM: TWILIO.from, TWILIO_API_URL: 'http://127.0.0.1:9' },
  });
  tokens.set('anonymous', null);
  const anonymous = new PageClient(t.http);
  await anonymous.get('/login');
  pages.set('anonymous', anonymous);
  for (const [role, email] of Object.entries(EMAILS) as Array<[MatrixRole, string]>) {
    tokens.set(role, await t.login(email));
    const page = new PageClient(t.http);
    await page.login(email);
    pages.set(role, page);
  }

  const support = tokens.get('support')!;
  const polderpeil = await controllerIdByName(t, 'Polderpeil');
  const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
  const discoveredAt = new Date(Date.now() - 3600_000).toISOString();
  const shared = await t.as(support).post('/api/incidents', {
    summary: 'Gedeelde share met klantgegevens', discoveredAt, controllerIds: [polderpeil, zonnebloem],
    fields: { measures: { taken: 'Share afgesloten' } },
  });
  expect(shared.status).toBe(201);
  await t.as(support).post(`/api/incidents/${shared.body.id}/events`, { type: 'CONFIRM' }).expect(200);
  await t.as(support).post(`/api/incidents/${shared.body.id}/events`, { type: 'NOTIFY' }).expect(200);
  const other = await t.as(support).post('/api/incidents', { summary: 'Kwijtgeraakte laptop kinderopvang', discoveredAt, controllerIds: [zonnebloem] });
  expect(other.status).toBe(201);
  const pendingSummary = 'Onbevestigd vermoeden bij Polderpeil';
  const pending = await t.as(support).post('/api/incidents', { summary: pendingSummary, discoveredAt, controllerIds: [polderpeil] });
  expect(pending.status).toBe(201);
  await t.as(support).post(`/api/incidents/${pending.body.id}/events`, { type: 'CONFIRM' }).expect(200);

  const trackOf = (controllerId: string) => shared.body.tracks.find((tr: any) => tr.controller.id === controllerId).id as string;
  const noticeOf = async (trackId: string) =>
    (await t.sql(`SELECT n.contact_id, n.version, c.agreement_id FROM notices n JOIN contacts c ON c.id = n.contact_id WHERE n.track_id = $1 ORDER BY n.contact_id LIMIT 1`, [trackId]))[0];
  const own = await noticeOf(trackOf(polderpeil));
  const theirs = await noticeOf(trackOf(zonnebloem));
  const ackToken = t.service.tokens.issueAckLink({ trackId: trackOf(polderpeil), contactId: own.contact_id, version: own.version });
  const bytes = Buffer.from(ackToken, 'base64url');
  bytes[bytes.length - 1] ^= 0x01;
  const twilioParams = { MessageSid: `SM${'0'.repeat(32)}`, MessageStatus: 'delivered' };
  fx = {
    sharedIncident: shared.body.id,
    otherIncident: other.body.id,
    ownTrack: trackOf(polderpeil),
    otherTrack: trackOf(zonnebloem),
    ownContact: own.contact_id,
    otherContact: theirs.contact_id,
    ownController: polderpeil,
    otherController: zonnebloem,
    ownAgreement: own.agreement_id,
    ackToken,
    tamperedAckToken: bytes.toString('base64url'),
    pendingIncident: pending.body.id,
    pendingTrack: pending.body.tracks[0].id,
    pendingSummary,
    twilioParams,
    twilioSignature: twilio.getExpectedTwilioSignature(TWILIO.authToken, `${PUBLIC_URL}/api/twilio/status`, twilioParams),
    bodies: {
      assessment: { reportToAp: false, apReasons: 'Geen risico: de share was alleen intern bereikbaar', informSubjects: false, subjectReasons: 'Geen hoog risico voor de betrokkenen' },
      riskCriteria: {
        confidentiality: { extent: 'possible' }, integrity: { extent: 'none' }, availability: { extent: 'none' },
        data: { nature: 'simple' }, identification: 'limited', vulnerableSubjects: 'no', malicious: 'no', encryption: { state: 'none' }, subjectCount: 10,
      },
      apReport: () => ({ kind: 'supplement', at: new Date().toISOString(), note: 'Aanvulling zonder eerdere melding' }),
    },
  };
});
afterAll(async () => {
  await t?.stop();
});

/** A fresh API token and page session for a role (after a row that ended the old ones). */
async function logInAgain(role: MatrixRole): Promise<void> {
  if (role === 'anonymous') return;
  const email = EMAILS[role];
  tokens.set(role, await t.login(email));
  const page = new PageClient(t.http);
  await page.login(email);
  pages.set(role, page);
}

async function send(row: MatrixRow): Promise<{ status: number; text: string }> {
  if (!row.endsSession) return sendAs(row);
  try {
    return await sendAs(row);
  } finally {
    await logInAgain(row.role);
  }
}

async function sendAs(row: MatrixRow): Promise<{ status: number; text: string }> {
  const req = row.request(fx);
  const method = row.route.split(' ')[0];
  if (row.kind === 'page' && !req.form) {
    const base = pages.get(row.role)!;
    // A fork, so that a logout or a new cookie does not change the role's client for later rows.
    const client = new PageClient(t.http);
    for (const [k, v] of base.cookies) client.cookies.set(k, v);
    client.csrf = base.csrf;
    const res = method === 'GET' ? await client.get(req.path) : await client.post(req.path, (req.body ?? {}) as Record<string, string>);
    return { status: res.status, text: res.text };
  }
  const token = tokens.get(row.role);
  let call = method === 'GET' ? t.http.get(req.path) : method === 'POST' ? t.http.post(req.path) : method === 'PUT' ? t.http.put(req.path) : method === 'DELETE' ? t.http.delete(req.path) : t.http.patch(req.path);
  if (token && row.kind === 'api') call = call.set('authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(req.headers ?? {})) call = call.set(k, v);
  if (method !== 'GET') call = req.form ? call.type('form').send(req.body ?? {}) : call.send(req.body ?? {});
  const res = await call;
  return { status: res.status, text: res.text };
}

const rows = matrixRows();

describe('the authorization matrix', () => {
  test('when express registers a route, then the matrix has an entry for it (and no entry names a route that is gone)', () => {
    const registered = registeredRoutes(t.service.app);
    expect(registered.length).toBeGreaterThan(50);
    const listed = ROUTES.map((r) => r.route);
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((r) => !registered.includes(r))).toEqual([]);
    expect(listed.length).toBe(new Set(listed).size);
  });

  test.each(rows.map((row) => [`${row.route} as ${row.role}${row.scope ? ` (${row.scope} controller)` : ''} → ${row.expected.join(' or ')}`, row] as const))(
    '%s',
    async (_name, row) => {
      const res = await send(row);
      // The whole answer on a mismatch says why.
      if (!row.expected.includes(res.status)) expect({ status: res.status, body: res.text.slice(0, 300) }).toEqual({ status: row.expected[0], body: expect.anything() });
      expect(row.expected).toContain(res.status);
      // Whatever a refused caller gets, it is never another controller's data.
      if ((row.role === 'controller' || row.role === 'dpo') && row.scope === 'other' && row.kind === 'api') {
        expect(res.text).not.toContain('Kwijtgeraakte laptop');
      }
    },
  );
});

describe('before the notice: the controller side sees nothing of a track', () => {
  const cases = BEFORE_NOTICE.flatMap((entry) => (['controller', 'dpo'] as const).map((role) => ({ entry, role })));
  test.each(cases.map(({ entry, role }) => [`${entry.route} as ${role} → ${entry.expect[role]}${entry.absent ? ' without the un-notified incident' : ''}`, entry, role] as const))(
    '%s',
    async (_name, entry, role) => {
      const row: MatrixRow = { route: entry.route, kind: entry.kind, role, scope: null, expected: [entry.expect[role]], request: entry.request };
      const res = await send(row);
      if (res.status !== entry.expect[role]) expect({ status: res.status, body: res.text.slice(0, 300) }).toEqual({ status: entry.expect[role], body: expect.anything() });
      expect(res.text).not.toContain(fx.pendingSummary);
      // (A page echoes its own address in the language switch: the id there tells nothing new.)
      if (entry.kind === 'api') expect(res.text).not.toContain(fx.pendingIncident);
    },
  );

  test('when support lists the incidents, then the un-notified one is there (the rows above do not pass by hiding everything)', async () => {
    const res = await t.http.get('/api/incidents').set('authorization', `Bearer ${tokens.get('support')}`);
    expect(res.text).toContain(fx.pendingSummary);
  });
});
