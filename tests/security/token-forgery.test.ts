import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createTokens } from '../../src/auth/tokens';
import { controllerIdByName, JWT_SECRET, startTestService, USERS, type TestService } from '../support/test-service';
import { rowCounts } from './support/row-counts';

/**
 * Forged sessions and forged acknowledgement links. access.test.ts already refuses an unsigned
 * token made by the library, another secret, another audience, an expired token and an unknown
 * role; this file adds what an attacker would try next: algorithm confusion, a hand-made
 * `alg: none` from a real token, another issuer, a payload edited under a kept signature —
 * and the link tokens in notices: expired, moved to another track, altered.
 */
let t: TestService;
let supportToken: string;
let adminId: string;
let tracks: { polderpeil: string; zonnebloem: string };
let notice: { contactId: string; version: number };

const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const adminClaims = () => ({ role: 'admin', ctl: null, sub: adminId, iss: 'meldplicht', aud: 'meldplicht-api', iat: now(), exp: now() + 3600 });

beforeAll(async () => {
  t = await startTestService({ worker: false });
  supportToken = await t.login(USERS.support);
  adminId = (await t.sql(`SELECT id FROM users WHERE email = $1`, [USERS.admin]))[0].id;
  const polderpeil = await controllerIdByName(t, 'Polderpeil');
  const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
  const incident = await t.as(supportToken).post('/api/incidents', {
    summary: 'Gedeelde share met klantgegevens', discoveredAt: new Date(Date.now() - 3600_000).toISOString(), controllerIds: [polderpeil, zonnebloem],
  });
  expect(incident.status).toBe(201);
  await t.as(supportToken).post(`/api/incidents/${incident.body.id}/events`, { type: 'CONFIRM' }).expect(200);
  await t.as(supportToken).post(`/api/incidents/${incident.body.id}/events`, { type: 'NOTIFY' }).expect(200);
  const trackOf = (id: string) => incident.body.tracks.find((tr: any) => tr.controller.id === id).id as string;
  tracks = { polderpeil: trackOf(polderpeil), zonnebloem: trackOf(zonnebloem) };
  const [row] = await t.sql(`SELECT contact_id, version FROM notices WHERE track_id = $1 ORDER BY contact_id LIMIT 1`, [tracks.polderpeil]);
  notice = { contactId: row.contact_id, version: row.version };
});
afterAll(async () => {
  await t?.stop();
});

// ---------------------------------------------------------------------------------------
// Session tokens

describe('a forged session token', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  const forgeries: Array<{ when: string; token: () => string }> = [
    {
      when: 'it is signed with RS256 by a key pair of the attacker',
      token: () => jwt.sign(adminClaims(), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { algorithm: 'RS256' }),
    },
    {
      when: 'it is signed with HS256 using a public RSA key as the secret (HS/RS confusion)',
      token: () => {
        const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(adminClaims())}`;
        return `${unsigned}.${createHmac('sha256', publicPem).update(unsigned).digest('base64url')}`;
      },
    },
    {
      when: 'a real token is re-labelled alg none and its signature dropped',
      token: () => {
        const [, payload] = supportToken.split('.');
        return `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      },
    },
    {
      when: 'the header says "None" in another spelling, with admin claims',
      token: () => `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(adminClaims())}.`,
    },
    {
      when: 'it is signed with the right secret but by another issuer',
      token: () => jwt.sign({ ...adminClaims(), iss: 'someone-else' }, JWT_SECRET, { algorithm: 'HS256' }),
    },
    {
      when: 'it is signed with the right secret but has no issuer or audience',
      token: () => jwt.sign({ role: 'admin', ctl: null, sub: adminId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600 }),
    },
    {
      when: 'it is signed with the right secret but with HS512 (not on the allowed list)',
      token: () => jwt.sign(adminClaims(), JWT_SECRET, { algorithm: 'HS512' }),
    },
    {
      when: 'it expired a second ago',
      token: () => jwt.sign({ ...adminClaims(), exp: now() - 1 }, JWT_SECRET, { algorithm: 'HS256' }),
    },
    {
      when: 'a real support token has its role flipped to admin, keeping the signature',
      token: () => {
        const [header, payload, signature] = supportToken.split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        return `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`;
      },
    },
    {
      when: 'a real support token has its subject swapped for the admin\'s, keeping the signature',
      token: () => {
        const [header, payload, signature] = supportToken.split('.');
        return `${header}.${b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: adminId })}.${signature}`;
      },
    },
    {
      when: 'a real token\'s signature is truncated by one character',
      token: () => supportToken.slice(0, -1),
    },
  ];

  test.each(forgeries)('when $when, then 401 on an admin route and on a page (no session)', async ({ token }) => {
    const forged = token();
    const api = await t.http.get('/api/admin/audit/verify').set('authorization', `Bearer ${forged}`);
    expect(api.status).toBe(401);
    expect(api.body.code).toBe('unauthorized');
    // The page session is the same JWT in a cookie: an invalid one is no session → the login page.
    const page = await t.http.get('/admin/users').set('Cookie', `__Host-mp_session=${forged}`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
  });

  test('when a forged admin token tries to write, then 401 and nothing is written', async () => {
    const before = await rowCounts(t);
    const forged = jwt.sign(adminClaims(), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { algorithm: 'RS256' });
    const res = await t.http.post('/api/admin/webhooks').set('authorization', `Bearer ${forged}`).send({ url: 'https://attacker.example/hook' });
    expect(res.status).toBe(401);
    expect(await rowCounts(t)).toEqual(before);
  });

  test('control: the untouched support token still works, so the 401s above are the forgeries\'', async () => {
    expect((await t.as(supportToken).get('/api/incidents')).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------
// Acknowledgement links

describe('a forged or stale acknowledgement link', () => {
  const valid = () => t.service.tokens.issueAckLink({ trackId: tracks.polderpeil, contactId: notice.contactId, version: notice.version });
  const acknowledgements = async () => (await t.sql(`SELECT count(*)::int AS n FROM acknowledgements`))[0].n as number;

  /** Replaces bytes of the decoded token and encodes it again; the MAC is kept as it was. */
  const withBytes = (token: string, offset: number, replacement: Buffer) => {
    const bytes = Buffer.from(token, 'base64url');
    replacement.copy(bytes, offset);
    return bytes.toString('base64url');
  };
  const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');

  const cases: Array<{ when: string; token: () => string; status: number }> = [
    { when: 'it has expired', token: () => t.service.tokens.issueAckLink({ trackId: tracks.polderpeil, contactId: notice.contactId, version: notice.version }, new Date(Date.now() - 1000)), status: 410 },
    { when: 'its track id is swapped for another track\'s (the MAC kept)', token: () => withBytes(valid(), 1, uuidBytes(tracks.zonnebloem)), status: 404 },
    { when: 'its contact id is swapped for a random one (the MAC kept)', token: () => withBytes(valid(), 17, uuidBytes(randomUUID())), status: 404 },
    { when: 'its expiry is pushed ten years on (the MAC kept)', token: () => { const b = Buffer.alloc(4); b.writeUInt32BE(now() + 10 * 365 * 86400); return withBytes(valid(), 35, b); }, status: 404 },
    { when: 'one bit of its MAC is flipped', token: () => { const bytes = Buffer.from(valid(), 'base64url'); bytes[bytes.length - 1] ^= 0x80; return bytes.toString('base64url'); }, status: 404 },
    { when: 'it is cut short', token: () => valid().slice(0, -4), status: 404 },
    { when: 'it is signed with another secret', token: () => {
      return createTokens('another-secret-that-is-long-enough-for-hs256', { ackTtlHours: 1 }).issueAckLink({ trackId: tracks.polderpeil, contactId: notice.contactId, version: notice.version });
    }, status: 404 },
    { when: 'it is a session JWT', token: () => supportToken, status: 404 },
  ];

  test.each(cases)('when $when, then $status on the API and the page, and nothing is acknowledged', async ({ token, status }) => {
    const forged = token();
    const before = await acknowledgements();
    const read = await t.http.get(`/api/ack/${forged}`);
    const post = await t.http.post(`/api/ack/${forged}`).send({});
    const page = await t.http.get(`/ack/${forged}`);
    expect([read.status, post.status, page.status]).toEqual([status, status, status]);
    expect(JSON.stringify(read.body) + JSON.stringify(post.body) + page.text).not.toContain('Gedeelde share');
    expect(await acknowledgements()).toBe(before);
  });

  test('control: the untouched link opens the notice and acknowledges it', async () => {
    const res = await t.http.post(`/api/ack/${valid()}`).send({});
    expect(res.status).toBe(200);
    expect(res.body.acknowledgedAt).toEqual(expect.any(String));
  });
});
