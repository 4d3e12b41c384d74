import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CONTROLLER_AUDIT_TYPES } from '../../src/domain/controller-visibility';
import { controllerIdByName, JWT_SECRET, startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Who may do what: without a valid session nothing under /api; the controller side reads,
 * and only what concerns its own controller; the processor side acts.
 */
let t: TestService;
let support: string;
let polderpeil: string;
let zonnebloem: string;
let deVonk: string;
/** An incident that concerns Polderpeil and Zonnebloem, confirmed and notified (no worker: the notices stay queued). */
let shared: { id: string; polderpeilTrack: string; zonnebloemTrack: string };
/** An incident that concerns Zonnebloem only. */
let zonnebloemOnly: string;

const validAssessment = {
  reportToAp: false,
  apReasons: 'Geen risico: de gegevens waren versleuteld',
  informSubjects: false,
  subjectReasons: 'Geen hoog risico voor de betrokkenen',
};

beforeAll(async () => {
  // No notice is sent here, so no worker is needed (and graphile-worker's unawaited pool end on
  // stop can race the database drop: see the report).
  t = await startTestService({ worker: false, contract: true });
  support = await t.login(USERS.support);
  polderpeil = await controllerIdByName(t, 'Polderpeil');
  zonnebloem = await controllerIdByName(t, 'Zonnebloem');
  deVonk = await controllerIdByName(t, 'De Vonk');
  const discoveredAt = new Date(Date.now() - 3600_000).toISOString();

  const both = await t.as(support).post('/api/incidents', { summary: 'Gedeelde share met klantgegevens', discoveredAt, controllerIds: [polderpeil, zonnebloem] });
  expect(both.status).toBe(201);
  expect((await t.as(support).post(`/api/incidents/${both.body.id}/events`, { type: 'CONFIRM' })).status).toBe(200);
  // Controller-side users see a track from its notice on (controller-visibility.test.ts shows the time before).
  expect((await t.as(support).post(`/api/incidents/${both.body.id}/events`, { type: 'NOTIFY' })).status).toBe(200);
  const trackOf = (controllerId: string) => both.body.tracks.find((tr: any) => tr.controller.id === controllerId).id as string;
  shared = { id: both.body.id, polderpeilTrack: trackOf(polderpeil), zonnebloemTrack: trackOf(zonnebloem) };

  const only = await t.as(support).post('/api/incidents', { summary: 'Kwijtgeraakte laptop kinderopvang', discoveredAt, controllerIds: [zonnebloem] });
  expect(only.status).toBe(201);
  zonnebloemOnly = only.body.id;
});
afterAll(async () => {
  await t?.stop();
});

/** Logging in costs a bcrypt round: once per user per file is enough. */
const sessions = new Map<string, Promise<string>>();
function sessionOf(email: string): Promise<string> {
  if (!sessions.has(email)) sessions.set(email, t.login(email));
  return sessions.get(email)!;
}

async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await t.sql(`
    SELECT (SELECT count(*)::int FROM incidents) AS incidents, (SELECT count(*)::int FROM tracks) AS tracks,
           (SELECT count(*)::int FROM audit_events) AS audit_events, (SELECT count(*)::int FROM assessments) AS assessments,
           (SELECT count(*)::int FROM notices) AS notices,
           (SELECT coalesce(sum(version), 0)::int FROM incidents) AS incident_versions,
           (SELECT string_agg(state, ',' ORDER BY id) FROM tracks) AS track_states`);
  return row;
}

// ---------------------------------------------------------------------------------------
// Authentication

describe('without a valid session', () => {
  const claims = { role: 'support', ctl: null };
  const signOptions = { algorithm: 'HS256' as const, subject: randomUUID(), issuer: 'meldplicht', audience: 'meldplicht-api', expiresIn: 3600 };
  const cases: Array<{ when: string; header: () => string | undefined }> = [
    { when: 'no Authorization header is sent', header: () => undefined },
    { when: 'the bearer token is garbage', header: () => 'Bearer not-a-token' },
    { when: 'the Authorization header is not a bearer token', header: () => `Basic ${Buffer.from('support:x').toString('base64')}` },
    { when: 'the token is signed with another secret', header: () => `Bearer ${jwt.sign(claims, 'another-secret-that-is-long-enough-for-hs256', signOptions)}` },
    { when: 'the token is unsigned (alg none)', header: () => `Bearer ${jwt.sign(claims, '', { ...signOptions, algorithm: 'none' })}` },
    { when: 'the token is meant for another audience', header: () => `Bearer ${jwt.sign(claims, JWT_SECRET, { ...signOptions, audience: 'meldplicht-ack' })}` },
    { when: 'the token has expired', header: () => `Bearer ${jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET, { algorithm: 'HS256', subject: randomUUID(), issuer: 'meldplicht', audience: 'meldplicht-api' })}` },
    { when: 'the token claims a role that does not exist', header: () => `Bearer ${jwt.sign({ role: 'root', ctl: null }, JWT_SECRET, signOptions)}` },
  ];

  test.each(cases)('when $when, then GET /api/incidents answers 401', async ({ header }) => {
    // Arrange
    const req = t.http.get('/api/incidents');
    const value = header();
    if (value !== undefined) req.set('authorization', value);
    // Act
    const res = await req;
    // Assert
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'unauthorized', message: expect.any(String) });
    expect(res.body.incidents).toBeUndefined();
  });

  test('when a leak is reported without a token, then 401 and nothing is written', async () => {
    const before = await rowCounts();
    const res = await t.http.post('/api/incidents').send({ summary: 'Zonder token gemeld', discoveredAt: new Date().toISOString(), controllerIds: [polderpeil] });
    expect(res.status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  test('when an acknowledgement link is used as the session token, then 401', async () => {
    const ackToken = t.service.tokens.issueAckLink({ trackId: shared.polderpeilTrack, contactId: randomUUID(), version: 1 });
    const res = await t.http.get('/api/incidents').set('authorization', `Bearer ${ackToken}`);
    expect(res.status).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------
// Controller side: no processor actions

describe('controller-side users acting like the processor', () => {
  const users = [
    { who: 'the DPO of Polderpeil', email: USERS.dpoPolderpeil },
    { who: 'the contact of Polderpeil', email: USERS.controllerPolderpeil },
  ];
  const actions: Array<{ what: string; call: (token: string) => PromiseLike<{ status: number; body: any }> }> = [
    {
      what: 'report an incident',
      call: (token) => t.as(token).post('/api/incidents', { summary: 'Door de klant zelf gemeld', discoveredAt: new Date(Date.now() - 60_000).toISOString(), controllerIds: [polderpeil] }),
    },
    { what: 'edit an incident that concerns them', call: (token) => t.as(token).patch(`/api/incidents/${shared.id}`, { summary: 'Door de klant aangepaste samenvatting' }) },
    { what: 'send NOTIFY on an incident that concerns them', call: (token) => t.as(token).post(`/api/incidents/${shared.id}/events`, { type: 'NOTIFY' }) },
    {
      what: 'dismiss their own track',
      call: (token) => t.as(token).post(`/api/incidents/${shared.id}/events`, { type: 'DISMISS', reason: 'Geen datalek volgens ons', trackId: shared.polderpeilTrack }),
    },
    { what: 'read the outbox', call: (token) => t.as(token).get('/api/outbox') },
  ];
  const cases = users.flatMap((u) => actions.map((a) => ({ ...u, ...a })));

  test.each(cases)('when $who tries to $what, then 403 and nothing changes', async ({ email, call }) => {
    // Arrange
    const token = await sessionOf(email);
    const before = await rowCounts();
    // Act
    const res = await call(token);
    // Assert
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'forbidden', message: expect.any(String) });
    expect(res.body.messages).toBeUndefined();
    expect(await rowCounts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------
// Controller side: only their own controller's tracks

describe('controller-side users reading incidents', () => {
  const readers = [
    { who: 'the DPO of Polderpeil', email: USERS.dpoPolderpeil },
    { who: 'the contact of Polderpeil', email: USERS.controllerPolderpeil },
  ];

  test.each(readers)('when $who opens an incident that concerns only Zonnebloem, then 404 for it and its audit trail', async ({ email }) => {
    const token = await sessionOf(email);
    const view = await t.as(token).get(`/api/incidents/${zonnebloemOnly}`);
    const audit = await t.as(token).get(`/api/incidents/${zonnebloemOnly}/audit`);
    expect(view.status).toBe(404);
    expect(audit.status).toBe(404);
    expect(view.body).toEqual({ code: 'not_found', message: 'Incident not found.' });
    expect(JSON.stringify(view.body) + JSON.stringify(audit.body)).not.toContain('Kwijtgeraakte laptop');
  });

  test.each(readers)('when $who lists the incidents, then only those that concern Polderpeil, each with only its own track', async ({ email }) => {
    const token = await sessionOf(email);
    const res = await t.as(token).get('/api/incidents');
    expect(res.status).toBe(200);
    expect(res.body.incidents.map((i: any) => i.id)).toEqual([shared.id]);
    expect(res.body.incidents[0].tracks.map((tr: any) => tr.id)).toEqual([shared.polderpeilTrack]);
  });

  test.each(readers)('when $who opens the shared incident, then only the Polderpeil track is in it', async ({ email }) => {
    const token = await sessionOf(email);
    const res = await t.as(token).get(`/api/incidents/${shared.id}`);
    expect(res.status).toBe(200);
    expect(res.body.tracks.map((tr: any) => [tr.id, tr.controller.id])).toEqual([[shared.polderpeilTrack, polderpeil]]);
    expect(JSON.stringify(res.body)).not.toContain(zonnebloem);
    expect(JSON.stringify(res.body)).not.toContain(shared.zonnebloemTrack);
  });

  test.each(readers)('when $who reads the shared incident\'s audit trail, then only the events of the Polderpeil track', async ({ email }) => {
    // Arrange: the full trail holds events of both tracks and of the incident itself.
    const full = await t.as(support).get(`/api/incidents/${shared.id}/audit`);
    expect(full.body.events.some((e: any) => e.trackId === shared.zonnebloemTrack)).toBe(true);
    expect(full.body.events.some((e: any) => e.trackId === null)).toBe(true);
    const token = await sessionOf(email);
    // Act
    const res = await t.as(token).get(`/api/incidents/${shared.id}/audit`);
    // Assert
    expect(res.status).toBe(200);
    expect(res.body.events.length).toBeGreaterThan(0);
    expect(res.body.events.every((e: any) => e.trackId === shared.polderpeilTrack)).toBe(true);
    const ownNotices = full.body.events.filter((e: any) => e.trackId === shared.polderpeilTrack && CONTROLLER_AUDIT_TYPES.has(e.type));
    expect(res.body.events.map((e: any) => e.id)).toEqual(ownNotices.map((e: any) => e.id));
    expect(JSON.stringify(res.body.events)).not.toContain(zonnebloem);
  });

  test.each(readers)("when $who reads the shared incident's audit trail, then its numbers run 1, 2, 3 … and no hash betrays the other track's activity", async ({ email }) => {
    // Arrange: the stored numbers of the events Polderpeil may see count everything else that happened on the incident.
    const full = await t.as(support).get(`/api/incidents/${shared.id}/audit`);
    const storedSeqs = full.body.events.filter((e: any) => e.trackId === shared.polderpeilTrack && CONTROLLER_AUDIT_TYPES.has(e.type)).map((e: any) => e.seq);
    expect(storedSeqs.length).toBeGreaterThan(0);
    expect(storedSeqs).not.toEqual(storedSeqs.map((_: number, i: number) => i + 1));
    const token = await sessionOf(email);
    // Act
    const res = await t.as(token).get(`/api/incidents/${shared.id}/audit`);
    // Assert
    expect(res.body.events.map((e: any) => e.seq)).toEqual(res.body.events.map((_: unknown, i: number) => i + 1));
    expect(res.body.events.every((e: any) => e.hash === undefined && e.prevHash === undefined)).toBe(true);
    expect(res.body.chain).toEqual({ ok: true });
  });
});

// ---------------------------------------------------------------------------------------
// The assessment: the DPO of the track's own controller only

describe('recording an assessment for someone else\'s track', () => {
  test.each([
    { who: 'the DPO of Zonnebloem (also on the shared incident)', email: USERS.dpoZonnebloem },
    { who: 'the DPO of De Vonk', email: USERS.dpoDeVonk },
  ])('when $who assesses the Polderpeil track, then 404 and nothing is written', async ({ email }) => {
    const token = await sessionOf(email);
    const before = await rowCounts();
    const res = await t.as(token).post(`/api/tracks/${shared.polderpeilTrack}/assessment`, validAssessment);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'not_found', message: 'Track not found.' });
    expect(await rowCounts()).toEqual(before);
  });

  test.each([
    { who: 'support', email: USERS.support },
    { who: 'the admin', email: USERS.admin },
    { who: 'the (non-DPO) contact of Polderpeil', email: USERS.controllerPolderpeil },
  ])('when $who records an assessment, then 403 and nothing is written', async ({ email }) => {
    const token = await sessionOf(email);
    const before = await rowCounts();
    const res = await t.as(token).post(`/api/tracks/${shared.polderpeilTrack}/assessment`, validAssessment);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect(await rowCounts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------
// The directory

describe('listing the controllers', () => {
  test('when support lists the controllers, then all three', async () => {
    const res = await t.as(support).get('/api/controllers');
    expect(res.status).toBe(200);
    expect(res.body.controllers.map((c: any) => c.id).sort()).toEqual([polderpeil, zonnebloem, deVonk].sort());
  });

  test.each([
    { who: 'the DPO of Polderpeil', email: USERS.dpoPolderpeil, own: () => polderpeil },
    { who: 'the contact of Polderpeil', email: USERS.controllerPolderpeil, own: () => polderpeil },
    { who: 'the DPO of Zonnebloem', email: USERS.dpoZonnebloem, own: () => zonnebloem },
  ])('when $who lists the controllers, then only their own', async ({ email, own }) => {
    const token = await sessionOf(email);
    const res = await t.as(token).get('/api/controllers');
    expect(res.status).toBe(200);
    expect(res.body.controllers.map((c: any) => c.id)).toEqual([own()]);
  });
});
