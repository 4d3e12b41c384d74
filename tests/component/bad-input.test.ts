import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { controllerIdByName, JWT_SECRET, startTestService, USERS, type TestService } from '../support/test-service';

/**
 * What a client can send wrong, and what it gets back: always a 4xx that says what is wrong
 * (`fields` names the offending path), never a 5xx, and nothing written.
 *
 * The worker is off in this file so that the job count is a stable witness of "nothing was
 * queued" (a running worker would take queued notice jobs away meanwhile).
 */
let t: TestService;
let support: string;
let dpoPolderpeil: string;
let polderpeil: string;
let zonnebloem: string;

beforeAll(async () => {
  t = await startTestService({ worker: false, contract: true });
  support = await t.login(USERS.support);
  dpoPolderpeil = await t.login(USERS.dpoPolderpeil);
  polderpeil = await controllerIdByName(t, 'Polderpeil');
  zonnebloem = await controllerIdByName(t, 'Zonnebloem');
});
afterAll(async () => {
  await t?.stop();
});

// ---------------------------------------------------------------------------------------
// helpers

const minutesFromNow = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

function validReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    summary: 'Export met klantgegevens op een publieke share',
    discoveredAt: minutesFromNow(-30),
    controllerIds: [polderpeil],
    ...overrides,
  };
}

/** Row counts of every table a command may write to, plus the queue. */
async function counts(): Promise<Record<string, number>> {
  const [row] = await t.sql(`
    SELECT (SELECT count(*)::int FROM incidents)                AS incidents,
           (SELECT count(*)::int FROM tracks)                   AS tracks,
           (SELECT count(*)::int FROM audit_events)             AS audit_events,
           (SELECT count(*)::int FROM notices)                  AS notices,
           (SELECT count(*)::int FROM assessments)              AS assessments,
           (SELECT count(*)::int FROM acknowledgements)         AS acknowledgements,
           (SELECT count(*)::int FROM graphile_worker.jobs)     AS jobs`);
  return row;
}

/** An incident's tracks (state, snapshot), its version and its audit length: what an event may change. */
async function incidentState(incidentId: string): Promise<unknown> {
  const tracks = await t.sql(`SELECT id, state, snapshot, updated_at FROM tracks WHERE incident_id = $1 ORDER BY id`, [incidentId]);
  const [incident] = await t.sql(`SELECT version, status, summary, discovered_at, fields, updated_at FROM incidents WHERE id = $1`, [incidentId]);
  const [audit] = await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE incident_id = $1`, [incidentId]);
  return { tracks, incident, audit: audit.n };
}

/** Runs the request and proves that it wrote nothing anywhere. */
async function writesNothing(act: () => PromiseLike<Response>): Promise<Response> {
  const before = await counts();
  const res = await act();
  expect(await counts()).toEqual(before);
  return res;
}

function expectClientError(res: Response, status: number, fieldPath?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { code: expect.any(String), message: expect.any(String) } });
  if (fieldPath !== undefined) expect(Object.keys(res.body.fields ?? {})).toContain(fieldPath);
}

async function report(controllerIds: string[]): Promise<{ id: string; tracks: Array<{ id: string; controller: { id: string } }> }> {
  const res = await t.as(support).post('/api/incidents', validReport({ controllerIds }));
  expect(res.status).toBe(201);
  return res.body;
}

const event = (incidentId: string, body: object) => t.as(support).post(`/api/incidents/${incidentId}/events`, body);

// ---------------------------------------------------------------------------------------
// POST /api/incidents

describe('reporting an incident with bad input', () => {
  const cases: Array<{ when: string; body: () => unknown; field: string }> = [
    { when: 'the summary is missing', body: () => validReport({ summary: undefined }), field: 'summary' },
    { when: 'the summary is only blanks', body: () => validReport({ summary: '       ' }), field: 'summary' },
    { when: 'discoveredAt is not a date-time', body: () => validReport({ discoveredAt: 'gisteren rond tienen' }), field: 'discoveredAt' },
    { when: 'discoveredAt has no offset', body: () => validReport({ discoveredAt: '2026-01-15T10:00:00' }), field: 'discoveredAt' },
    { when: 'discoveredAt lies in the future', body: () => validReport({ discoveredAt: minutesFromNow(24 * 60) }), field: 'discoveredAt' },
    { when: 'controllerIds is empty', body: () => validReport({ controllerIds: [] }), field: 'controllerIds' },
    { when: 'controllerIds is missing', body: () => validReport({ controllerIds: undefined }), field: 'controllerIds' },
    { when: 'a controller id is not a uuid', body: () => validReport({ controllerIds: [polderpeil, 'polderpeil'] }), field: 'controllerIds.1' },
    { when: 'a controller id is an unknown uuid', body: () => validReport({ controllerIds: [polderpeil, randomUUID()] }), field: 'controllerIds' },
    { when: 'a controller is listed twice', body: () => validReport({ controllerIds: [polderpeil, polderpeil] }), field: 'controllerIds' },
    { when: 'a controller is listed twice in different case', body: () => validReport({ controllerIds: [polderpeil, polderpeil.toUpperCase()] }), field: 'controllerIds' },
    { when: 'discoveredBy has an unknown kind', body: () => validReport({ discoveredBy: { kind: 'hacker' } }), field: 'discoveredBy.kind' },
    {
      when: 'the sub-processor discovered it after it became known to us',
      body: () => validReport({ discoveredAt: minutesFromNow(-60), discoveredBy: { kind: 'sub_processor', name: 'SmartDC', discoveredAt: minutesFromNow(-10) } }),
      field: 'discoveredBy.discoveredAt',
    },
    { when: 'subjectCount has min above max', body: () => validReport({ fields: { subjectCount: { min: 5, max: 2 } } }), field: 'fields.subjectCount.max' },
    { when: 'subjectCount is negative', body: () => validReport({ fields: { subjectCount: { exact: -1 } } }), field: 'fields.subjectCount.exact' },
    { when: 'nature names an unknown kind', body: () => validReport({ fields: { nature: { kinds: ['bogus'] } } }), field: 'fields.nature.kinds.0' },
    {
      when: 'the contact point has an invalid e-mail address',
      body: () => validReport({ fields: { contactPoint: { name: 'Ilse', role: 'FG', email: 'geen-adres', phone: '+31600000001' } } }),
      field: 'fields.contactPoint.email',
    },
    { when: 'occurred ends before it starts', body: () => validReport({ fields: { occurred: { from: minutesFromNow(-60), until: minutesFromNow(-120) } } }), field: 'fields.occurred.until' },
    { when: 'fields is null instead of an object', body: () => validReport({ fields: null }), field: 'fields' },
    { when: 'the body is a JSON array', body: () => [validReport()], field: '(body)' },
  ];

  test.each(cases)('when $when, then 422 naming $field, and nothing is written', async ({ body, field }) => {
    // Arrange
    const payload = body();
    // Act
    const res = await writesNothing(() => t.as(support).post('/api/incidents', payload as object));
    // Assert
    expectClientError(res, 422, field);
    expect(res.body.code).toBe('validation_failed');
  });

  test('when the body has an unknown top-level key, then 422 whose fields name that key, and nothing is written', async () => {
    const res = await writesNothing(() => t.as(support).post('/api/incidents', validReport({ severity: 'high' })));
    expectClientError(res, 422);
    expect(Object.entries(res.body.fields).map(([path, message]) => `${path}: ${message}`).join('\n')).toContain('severity');
  });

  test('when the body sneaks in a __proto__ key, then 422 naming it, and nothing is written', async () => {
    const raw = JSON.stringify(validReport()).replace(/^\{/, '{"__proto__":{"polluted":true},');
    const res = await writesNothing(() => t.http.post('/api/incidents').set('authorization', `Bearer ${support}`).type('json').send(raw));
    expectClientError(res, 422);
    expect(JSON.stringify(res.body.fields)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('when an unknown notice field is given, then 422 naming fields and the unknown key', async () => {
    const res = await writesNothing(() => t.as(support).post('/api/incidents', validReport({ fields: { severity: 'high' } })));
    expectClientError(res, 422, 'fields');
    expect(res.body.fields.fields).toContain('severity');
  });

  test('when the body is not valid JSON, then 400 entity_parse_failed, and nothing is written', async () => {
    const res = await writesNothing(() =>
      t.http.post('/api/incidents').set('authorization', `Bearer ${support}`).set('content-type', 'application/json').send('{"summary": "Export'),
    );
    expectClientError(res, 400);
    expect(res.body).toEqual({ code: 'entity_parse_failed', message: 'The body is not valid JSON.' });
  });

  test('when the body is larger than 256 kB, then 413, and nothing is written', async () => {
    const huge = validReport({ fields: { cause: 'x'.repeat(300 * 1024) } });
    const res = await writesNothing(() => t.as(support).post('/api/incidents', huge));
    expectClientError(res, 413);
    expect(res.body.code).toBe('entity_too_large');
  });

  test('when a known controller id is written in upper case, then it is accepted as that controller', async () => {
    // uuids are case-insensitive (RFC 9562), and the schema accepts the upper-case form.
    const res = await t.as(support).post('/api/incidents', validReport({ controllerIds: [polderpeil.toUpperCase()] }));
    expect({ status: res.status, error: res.body.message }).toEqual({ status: 201, error: undefined });
    expect(res.body.tracks.map((tr: any) => tr.controller.id)).toEqual([polderpeil]);
  });
});

// ---------------------------------------------------------------------------------------
// PATCH /api/incidents/:id

describe('editing an incident with bad input', () => {
  let incidentId: string;
  beforeAll(async () => {
    incidentId = (await report([polderpeil, zonnebloem])).id;
  });

  test('when the PATCH gives nothing to change, then 422 naming fields, and nothing is written', async () => {
    const before = await incidentState(incidentId);
    const res = await writesNothing(() => t.as(support).patch(`/api/incidents/${incidentId}`, {}));
    expectClientError(res, 422, 'fields');
    expect(await incidentState(incidentId)).toEqual(before);
  });

  test('when the PATCH only carries expectedVersion, then 422 naming fields', async () => {
    const res = await writesNothing(() => t.as(support).patch(`/api/incidents/${incidentId}`, { expectedVersion: 1 }));
    expectClientError(res, 422, 'fields');
  });

  test('when the PATCH repeats the stored values, then 200 with the version unchanged and no audit event', async () => {
    const [current] = await t.sql(`SELECT summary, version FROM incidents WHERE id = $1`, [incidentId]);
    const res = await writesNothing(() => t.as(support).patch(`/api/incidents/${incidentId}`, { summary: current.summary }));
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(current.version);
  });

  test('when the PATCH carries a stale expectedVersion, then 409 stale_version and the edit is not applied', async () => {
    // Arrange: someone else edits first, so version 1 is stale.
    const first = await t.as(support).patch(`/api/incidents/${incidentId}`, { expectedVersion: 1, fields: { cause: 'Verkeerd ingestelde share' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const before = await incidentState(incidentId);
    // Act
    const res = await writesNothing(() => t.as(support).patch(`/api/incidents/${incidentId}`, { expectedVersion: 1, fields: { cause: 'Iets anders' } }));
    // Assert
    expectClientError(res, 409);
    expect(res.body.code).toBe('stale_version');
    expect(res.body.message).toContain('version 2');
    expect(await incidentState(incidentId)).toEqual(before);
  });

  test('when a notice field has a wrong shape, then 422 naming its path, and nothing is written', async () => {
    const res = await writesNothing(() => t.as(support).patch(`/api/incidents/${incidentId}`, { fields: { subjectCount: { min: 5, max: 2 } } }));
    expectClientError(res, 422, 'fields.subjectCount.max');
  });

  test('when the PATCH moves discoveredAt into the future, then 422 naming discoveredAt, as when reporting', async () => {
    const { id } = await report([polderpeil]);
    const before = await incidentState(id);
    const res = await t.as(support).patch(`/api/incidents/${id}`, { discoveredAt: minutesFromNow(7 * 24 * 60) });
    expectClientError(res, 422, 'discoveredAt');
    expect(await incidentState(id)).toEqual(before);
  });

  test('when the PATCH says the sub-processor discovered it after us, then 422 naming discoveredBy.discoveredAt, as when reporting', async () => {
    const { id } = await report([polderpeil]); // discovered by us 30 minutes ago
    const before = await incidentState(id);
    const res = await t.as(support).patch(`/api/incidents/${id}`, { discoveredBy: { kind: 'sub_processor', name: 'SmartDC', discoveredAt: minutesFromNow(-5) } });
    expectClientError(res, 422, 'discoveredBy.discoveredAt');
    expect(await incidentState(id)).toEqual(before);
  });

  test('when the incident id is an unknown uuid, then 404', async () => {
    const res = await writesNothing(() => t.as(support).patch(`/api/incidents/${randomUUID()}`, { summary: 'Een nieuwe samenvatting' }));
    expectClientError(res, 404);
    expect(res.body.code).toBe('not_found');
  });

  test('when the incident id is not a uuid, then 404 (not 400 or 500)', async () => {
    const res = await writesNothing(() => t.as(support).patch(`/api/incidents/DL-2026-0001`, { summary: 'Een nieuwe samenvatting' }));
    expectClientError(res, 404);
    expect(res.body.code).toBe('not_found');
  });
});

// ---------------------------------------------------------------------------------------
// POST /api/incidents/:id/events

describe('sending a bad event', () => {
  let fresh: { id: string; tracks: Array<{ id: string; controller: { id: string } }> };
  beforeAll(async () => {
    fresh = await report([polderpeil, zonnebloem]);
  });

  const invalid: Array<{ when: string; body: () => object; field: string }> = [
    { when: 'the type is unknown', body: () => ({ type: 'ESCALATE' }), field: 'type' },
    { when: 'the type is missing', body: () => ({}), field: 'type' },
    { when: 'the type is in lower case', body: () => ({ type: 'confirm' }), field: 'type' },
    { when: 'the type is the contact-only ACKNOWLEDGE', body: () => ({ type: 'ACKNOWLEDGE' }), field: 'type' },
    { when: 'the type is the DPO-only ASSESS', body: () => ({ type: 'ASSESS' }), field: 'type' },
    { when: 'the type is the system-only DEADLINE_ELAPSED', body: () => ({ type: 'DEADLINE_ELAPSED' }), field: 'type' },
    { when: 'DISMISS has no reason', body: () => ({ type: 'DISMISS' }), field: 'reason' },
    { when: 'DISMISS has a blank reason', body: () => ({ type: 'DISMISS', reason: '    ' }), field: 'reason' },
    { when: 'trackId is not a uuid', body: () => ({ type: 'CONFIRM', trackId: 'polderpeil' }), field: 'trackId' },
    { when: 'the event carries an unknown key', body: () => ({ type: 'CONFIRM', note: 'x' }), field: '(body)' },
  ];

  test.each(invalid)('when $when, then 422 naming $field, and nothing changes', async ({ body, field }) => {
    const before = await incidentState(fresh.id);
    const res = await writesNothing(() => event(fresh.id, body()));
    expectClientError(res, 422, field);
    expect(await incidentState(fresh.id)).toEqual(before);
  });

  test('when trackId names a track of another incident, then 404, and nothing changes', async () => {
    const other = await report([polderpeil]);
    const before = await incidentState(fresh.id);
    const res = await writesNothing(() => event(fresh.id, { type: 'CONFIRM', trackId: other.tracks[0].id }));
    expectClientError(res, 404);
    expect(await incidentState(fresh.id)).toEqual(before);
  });

  test('when trackId is written in upper case, then the event reaches that track', async () => {
    const incident = await report([polderpeil, zonnebloem]);
    const target = incident.tracks.find((tr) => tr.controller.id === zonnebloem)!;
    const res = await event(incident.id, { type: 'TRIAGE', trackId: target.id.toUpperCase() });
    expect(res.status).toBe(200);
    expect(res.body.tracks.map((tr: any) => [tr.controller.id, tr.state])).toEqual(
      expect.arrayContaining([[zonnebloem, 'triage'], [polderpeil, 'detected']]),
    );
  });

  test('when the incident is unknown, then 404', async () => {
    const res = await writesNothing(() => event(randomUUID(), { type: 'CONFIRM' }));
    expectClientError(res, 404);
  });

  const notNow: Array<{ when: string; body: object; state: string }> = [
    { when: 'SUPPLEMENT is sent on a fresh incident', body: { type: 'SUPPLEMENT' }, state: 'detected' },
    { when: 'CLOSE is sent before any notice', body: { type: 'CLOSE' }, state: 'detected' },
    { when: 'NOTIFY is sent on a mere suspicion the agreements do not want notified', body: { type: 'NOTIFY' }, state: 'detected' },
  ];

  test.each(notNow)('when $when, then 409 event_not_allowed naming the state ($state), and nothing changes', async ({ body, state }) => {
    const before = await incidentState(fresh.id);
    const res = await writesNothing(() => event(fresh.id, body));
    expectClientError(res, 409);
    expect(res.body.code).toBe('event_not_allowed');
    expect(res.body.message).toContain(state);
    expect(await incidentState(fresh.id)).toEqual(before);
  });

  test('when CLOSE is sent on a confirmed incident not yet notified, then 409 naming "awaiting notice"', async () => {
    const incident = await report([polderpeil]);
    expect((await event(incident.id, { type: 'CONFIRM' })).status).toBe(200);
    const before = await incidentState(incident.id);
    const res = await writesNothing(() => event(incident.id, { type: 'CLOSE', trackId: incident.tracks[0].id }));
    expectClientError(res, 409);
    expect(res.body).toMatchObject({ code: 'event_not_allowed', message: expect.stringContaining('awaiting notice') });
    expect(await incidentState(incident.id)).toEqual(before);
  });

  test('when NOTIFY is sent twice, then the second gets 409 naming "notified", and nothing more is sent or recorded', async () => {
    // Arrange
    const incident = await report([polderpeil]);
    expect((await event(incident.id, { type: 'CONFIRM' })).status).toBe(200);
    const first = await event(incident.id, { type: 'NOTIFY' });
    expect(first.status).toBe(200);
    expect(first.body.tracks[0].state).toBe('notified');
    const before = await incidentState(incident.id);
    // Act
    const res = await writesNothing(() => event(incident.id, { type: 'NOTIFY' }));
    // Assert
    expectClientError(res, 409);
    expect(res.body).toMatchObject({ code: 'event_not_allowed', message: expect.stringContaining('notified') });
    expect(await incidentState(incident.id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------
// POST /api/tracks/:id/assessment

describe('recording an assessment with bad input', () => {
  let trackId: string;
  const validAssessment = {
    reportToAp: true,
    apReasons: 'Risico voor betrokkenen niet uit te sluiten',
    informSubjects: false,
    subjectReasons: 'Geen hoog risico voor de betrokkenen',
  };
  beforeAll(async () => {
    const incident = await report([polderpeil]);
    trackId = incident.tracks[0].id;
  });

  test('when the reasons are missing, then 422 naming apReasons and subjectReasons, and nothing is written', async () => {
    const res = await writesNothing(() => t.as(dpoPolderpeil).post(`/api/tracks/${trackId}/assessment`, { reportToAp: true, informSubjects: false }));
    expectClientError(res, 422, 'apReasons');
    expect(Object.keys(res.body.fields)).toContain('subjectReasons');
  });

  test('when the decisions are missing, then 422 naming reportToAp and informSubjects', async () => {
    const res = await writesNothing(() =>
      t.as(dpoPolderpeil).post(`/api/tracks/${trackId}/assessment`, { apReasons: validAssessment.apReasons, subjectReasons: validAssessment.subjectReasons }),
    );
    expectClientError(res, 422, 'reportToAp');
    expect(Object.keys(res.body.fields)).toContain('informSubjects');
  });

  test('when an AP reference is given with reportToAp false, then 422 naming apReference, and nothing is written', async () => {
    const res = await writesNothing(() =>
      t.as(dpoPolderpeil).post(`/api/tracks/${trackId}/assessment`, { ...validAssessment, reportToAp: false, apReference: 'M-2026-123456' }),
    );
    expectClientError(res, 422, 'apReference');
  });

  test('when the track has not been notified yet, then it does not exist for the DPO (404), and nothing is written', async () => {
    // A track is the controller's to see, and so to decide on, from its notice on.
    const res = await writesNothing(() => t.as(dpoPolderpeil).post(`/api/tracks/${trackId}/assessment`, validAssessment));
    expectClientError(res, 404);
    expect(res.body).toEqual({ code: 'not_found', message: 'Track not found.' });
  });

  test('when the track id is written in upper case, then the answer is the same as for the lower-case id (not a 500)', async () => {
    const lower = await writesNothing(() => t.as(dpoPolderpeil).post(`/api/tracks/${trackId}/assessment`, validAssessment));
    const upper = await writesNothing(() => t.as(dpoPolderpeil).post(`/api/tracks/${trackId.toUpperCase()}/assessment`, validAssessment));
    expect({ status: upper.status, code: upper.body.code }).toEqual({ status: lower.status, code: lower.body.code });
  });

  test('when the track id is unknown or not a uuid, then 404', async () => {
    expectClientError(await writesNothing(() => t.as(dpoPolderpeil).post(`/api/tracks/${randomUUID()}/assessment`, validAssessment)), 404);
    expectClientError(await writesNothing(() => t.as(dpoPolderpeil).post(`/api/tracks/not-a-track/assessment`, validAssessment)), 404);
  });
});

// ---------------------------------------------------------------------------------------
// POST /api/auth/login

describe('logging in with bad input', () => {
  test('when the password is wrong or the e-mail unknown, then the same 401 answer for both', async () => {
    const wrongPassword = await t.http.post('/api/auth/login').send({ email: USERS.support, password: 'not-the-password' });
    const unknownEmail = await t.http.post('/api/auth/login').send({ email: 'nobody@demo-verwerker.example', password: 'not-the-password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toEqual({ code: 'unauthorized', message: expect.any(String) });
    expect(wrongPassword.body.token).toBeUndefined();
  });

  test('when email and password are missing, then 422 naming both', async () => {
    const res = await t.http.post('/api/auth/login').send({});
    expectClientError(res, 422, 'email');
    expect(Object.keys(res.body.fields)).toContain('password');
  });

  test('when the e-mail is not an address and the password empty, then 422 naming both', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'support', password: '' });
    expectClientError(res, 422, 'email');
    expect(Object.keys(res.body.fields)).toContain('password');
  });

  test('when the login body is not JSON, then 400 (not 500)', async () => {
    const res = await t.http.post('/api/auth/login').set('content-type', 'application/json').send('email=support');
    expectClientError(res, 400);
  });
});

// ---------------------------------------------------------------------------------------
// The acknowledgement link

describe('opening a bad acknowledgement link', () => {
  let goodToken: string;
  let tampered: string;
  beforeAll(async () => {
    const incident = await report([polderpeil]);
    const [contact] = await t.sql(
      `SELECT k.id FROM contacts k JOIN agreements a ON a.id = k.agreement_id WHERE a.controller_id = $1 AND k.receives_breach_notice LIMIT 1`,
      [polderpeil],
    );
    goodToken = t.service.tokens.issueAckLink({ trackId: incident.tracks[0].id, contactId: contact.id, version: 1 });
    // Change the claim, keep the signature: notice version 1 → 2.
    const bytes = Buffer.from(goodToken, 'base64url');
    bytes.writeUInt16BE(2, 33);
    tampered = bytes.toString('base64url');
  });

  test('when the token is tampered with, then the API answers 404 for reading and confirming, and nothing is written', async () => {
    const read = await writesNothing(() => t.http.get(`/api/ack/${tampered}`));
    const confirm = await writesNothing(() => t.http.post(`/api/ack/${tampered}`).send({}));
    for (const res of [read, confirm]) {
      expectClientError(res, 404);
      expect(res.body.code).toBe('not_found');
      expect(res.type).toBe('application/json');
    }
  });

  test('when the token is tampered with, then the page answers 404 with an HTML error page, and nothing is written', async () => {
    const read = await writesNothing(() => t.http.get(`/ack/${tampered}`));
    const confirm = await writesNothing(() => t.http.post(`/ack/${tampered}`).type('form').send({}));
    for (const res of [read, confirm]) {
      expect(res.status).toBe(404);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('Link ongeldig / Invalid link');
      expect(res.text).not.toContain(tampered);
    }
  });

  test('when the token is not a JWT at all, then 404 for the API and the page', async () => {
    expectClientError(await t.http.get('/api/ack/not-a-token'), 404);
    const page = await t.http.get('/ack/not-a-token');
    expect(page.status).toBe(404);
    expect(page.type).toBe('text/html');
  });

  test('when a session token is used as the link, then 404 (wrong audience)', async () => {
    expectClientError(await writesNothing(() => t.http.post(`/api/ack/${support}`).send({})), 404);
  });

  test('when a correctly signed link names no existing track, then 404 for reading and confirming, and nothing is written', async () => {
    const orphan = t.service.tokens.issueAckLink({ trackId: randomUUID(), contactId: randomUUID(), version: 1 });
    expectClientError(await writesNothing(() => t.http.get(`/api/ack/${orphan}`)), 404);
    expectClientError(await writesNothing(() => t.http.post(`/api/ack/${orphan}`).send({})), 404);
    const page = await writesNothing(() => t.http.post(`/ack/${orphan}`).type('form').send({}));
    expect(page.status).toBe(404);
    expect(page.type).toBe('text/html');
  });

  test('when the link has expired, then 410 link_expired (API) and the "expired" page', async () => {
    const claim = t.service.tokens.verifyAck(goodToken);
    const expired = t.service.tokens.issueAckLink(claim, new Date(Date.now() - 60_000));
    const api = await writesNothing(() => t.http.post(`/api/ack/${expired}`).send({}));
    expectClientError(api, 410);
    expect(api.body.code).toBe('link_expired');
    const page = await t.http.get(`/ack/${expired}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Link verlopen / Link expired');
  });
});

// ---------------------------------------------------------------------------------------
// characters and dates nobody means (issue 19)

describe('text PostgreSQL cannot store and dates that cannot be meant', () => {
  test('when a notice field holds a lone UTF-16 surrogate, then 422 naming that field (not a 500), and nothing is written', async () => {
    // A JSON text may escape half a surrogate pair; jsonb refuses it.
    const body = JSON.stringify(validReport({ fields: { cause: 'Phishing \ud800 mail' } }));
    const res = await writesNothing(() => t.http.post('/api/incidents').set('authorization', `Bearer ${support}`).set('content-type', 'application/json').send(body));
    expectClientError(res, 422, 'fields.cause');
    expect(res.body.fields['fields.cause']).toMatch(/surrogate/);
  });

  test('when an object key holds a lone low surrogate, then 422 naming it', async () => {
    const body = `{"summary":"Export op een share","discoveredAt":"${minutesFromNow(-30)}","controllerIds":["${polderpeil}"],"fields":{"\\udc00":1}}`;
    const res = await writesNothing(() => t.http.post('/api/incidents').set('authorization', `Bearer ${support}`).set('content-type', 'application/json').send(body));
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields)[0]).toContain('fields.');
  });

  test.each(['0000-01-01T00:00:00Z', '1999-12-31T23:59:59+01:00', '2026-02-30T10:00:00Z'])(
    'when discoveredAt is %s, then 422 naming discoveredAt, and nothing is written',
    async (discoveredAt) => {
      const res = await writesNothing(() => t.as(support).post('/api/incidents', validReport({ discoveredAt })));
      expectClientError(res, 422, 'discoveredAt');
    },
  );

  test.each([
    ['from=0000-01-01', 'from'],
    ['to=0000-12-31', 'to'],
    ['from=2026-02-30', 'from'],
    [`after=${Buffer.from('0000-01-01 00:00:00+00|00000000-0000-4000-8000-000000000000').toString('base64url')}`, 'after'],
    [`after=${Buffer.from('2026-13-45 99:00:00+00|00000000-0000-4000-8000-000000000000').toString('base64url')}`, 'after'],
    [`after=${Buffer.from('2026-01-01 10:00:00+00|------------------------------------').toString('base64url')}`, 'after'],
    ['after=not-a-cursor', 'after'],
  ])('when the register is asked for %s, then every form of it (page, CSV, JSON export) answers 422 naming %s before a byte of a stream', async (query, field) => {
    for (const path of ['/api/register', '/api/register.csv', '/api/register.json', '/api/register?format=csv']) {
      const res = await t.as(support).get(`${path}${path.includes('?') ? '&' : '?'}${query}`);
      expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 422, type: 'application/json' });
      expect(res.body.fields).toHaveProperty(field);
    }
  });
});
