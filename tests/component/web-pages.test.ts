import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { PageClient } from '../support/page-client';

/**
 * The server-rendered pages on real parts: CSRF, forms validated with the domain schemas
 * (errors next to the field, input kept, nothing written), tenancy on pages, admin validation.
 */
let t: TestService;
let polderpeil: string;
let zonnebloem: string;
const count = async (table: string) => (await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

beforeAll(async () => {
  t = await startTestService({ worker: false });
  polderpeil = await controllerIdByName(t, 'Polderpeil');
  zonnebloem = await controllerIdByName(t, 'Zonnebloem');
});
afterAll(async () => {
  await t?.stop();
});

const report = (c: PageClient, form: Record<string, string | string[]>) => c.post('/incidents/new', form);
const validReport = (controllerId: string, summary: string) => ({
  summary, discoveredAt: '2026-01-05T09:30', discoveredBy: 'processor', controllerIds: controllerId,
  nature__state: 'known', nature_kinds: 'confidentiality', nature_actions: 'stolen',
});

describe('session and CSRF', () => {
  test('without a session, a page sends you to the login page and back afterwards', async () => {
    const c = new PageClient(t.http);
    const res = await c.get('/dashboard');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fdashboard');
  });

  test('the session cookie is httpOnly, SameSite=Lax and Secure under an https PUBLIC_URL', async () => {
    const c = new PageClient(t.http);
    await c.get('/login');
    const res = await t.http.post('/login').set('Cookie', [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')).type('form')
      .send({ email: USERS.support, password: 'Meldplicht-demo-2026', _csrf: c.csrf });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((line) => line.startsWith('__Host-mp_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
  });

  test('when a form is posted without or with a wrong CSRF token, then 403 and nothing is written', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const before = await count('incidents');
    const without = await c.post('/incidents/new', validReport(polderpeil, 'Zonder CSRF-token verstuurd'), { csrf: null });
    const wrong = await c.post('/incidents/new', validReport(polderpeil, 'Met een fout CSRF-token'), { csrf: 'x'.repeat(43) });
    for (const res of [without, wrong]) {
      expect(res.status).toBe(403);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('Formulier verlopen');
    }
    expect(await count('incidents')).toBe(before);
  });

  test('a CSRF token from another browser (other cookie) is refused too', async () => {
    const a = new PageClient(t.http);
    const b = new PageClient(t.http);
    await a.login(USERS.support);
    await b.login(USERS.support);
    await b.get('/incidents/new');
    const res = await a.post('/incidents/new', validReport(polderpeil, 'Token van een ander'), { csrf: b.csrf });
    expect(res.status).toBe(403);
  });
});

describe('the report form', () => {
  test('when fields are wrong, then the form comes back naming them, with the input kept, and nothing is written', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const before = await count('incidents');
    const res = await report(c, {
      summary: 'Kort', discoveredAt: 'gisteren', discoveredBy: 'processor', controllerIds: polderpeil,
      cause__state: 'known', cause: 'Phishingmail met bijlage',
      contactPoint__state: 'known', contactPoint_name: 'Sam', contactPoint_role: 'support', contactPoint_email: 'geen-adres', contactPoint_phone: '010',
      consequences__state: 'unknown', consequences: 'toch ingevuld',
    });
    expect(res.status).toBe(422);
    expect(res.type).toBe('text/html');
    expect(res.text).toMatch(/id="f-summary-error">Vul dit in\./);
    expect(res.text).toMatch(/id="f-discoveredAt-error">Dit is geen geldige datum en tijd\./);
    expect(res.text).toMatch(/id="f-contactPoint_email-error">Dit is geen geldig e-mailadres\./);
    expect(res.text).toContain('id="group-consequences-error"');
    expect(res.text).toContain('Phishingmail met bijlage'); // kept
    expect(res.text).toContain('value="geen-adres"');
    expect(res.text).toMatch(new RegExp(`value="${polderpeil}" checked`));
    expect(await count('incidents')).toBe(before);
    expect(await count('audit_events')).toBe(0);
  });

  test('when no controller is chosen, then the controller list says so', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const res = await report(c, { summary: 'Een datalek zonder gekozen klant', discoveredAt: '2026-01-05T09:30', discoveredBy: 'processor' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="f-controllerIds-error"');
  });

  test('a valid form records the incident with "nog niet bekend" fields as null and opens its page', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const res = await report(c, { ...validReport(polderpeil, 'USB-stick met personeelslijst verloren'), subjectCount__state: 'known', subjectCount_min: '10', subjectCount_max: '40' });
    expect(res.status).toBe(303);
    const [row] = await t.sql(`SELECT fields, discovered_at FROM incidents WHERE summary = $1`, ['USB-stick met personeelslijst verloren']);
    expect(row.fields).toMatchObject({ nature: { kinds: ['confidentiality'], actions: ['stolen'] }, subjectCount: { min: 10, max: 40 }, cause: null });
    expect(new Date(row.discovered_at).toISOString()).toBe('2026-01-05T08:30:00.000Z'); // Amsterdam wall-clock time
    const page = await c.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('USB-stick met personeelslijst verloren');
    expect(page.text).toContain('nog niet bekend');
  });

  test('the edit form starts from what is on record and saves a field that became known', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const created = await report(c, validReport(polderpeil, 'Back-up onversleuteld gedeeld'));
    const form = await c.get(`${created.headers.location}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Back-up onversleuteld gedeeld');
    expect(form.text).toMatch(/value="confidentiality" checked/);
    const saved = await c.post(`${created.headers.location}/edit`, {
      ...validReport(polderpeil, 'Back-up onversleuteld gedeeld'), expectedVersion: '1', measures__state: 'known', measures_taken: 'Link ingetrokken',
    });
    expect(saved.status).toBe(303);
    const [row] = await t.sql(`SELECT fields, version FROM incidents WHERE summary = 'Back-up onversleuteld gedeeld'`);
    expect(row).toMatchObject({ version: 2, fields: { measures: { taken: 'Link ingetrokken' } } });
  });

  test('dismissing without a reason re-renders the incident page with the error and changes nothing', async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    const created = await report(c, validReport(polderpeil, 'Verdachte inlogpogingen op portaal'));
    const page = await c.get(created.headers.location);
    const trackId = /id="track-([0-9a-f-]{36})"/.exec(page.text)![1];
    const res = await c.post(`${created.headers.location}/events`, { type: 'DISMISS', trackId, reason: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Geef een reden');
    expect((await t.sql(`SELECT state FROM tracks WHERE id = $1`, [trackId]))[0].state).toBe('detected');
  });
});

describe('tenancy on pages', () => {
  let sharedId: string;
  let zonnebloemOnlyId: string;

  beforeAll(async () => {
    const c = new PageClient(t.http);
    await c.login(USERS.support);
    await c.get('/incidents/new');
    sharedId = (await report(c, { ...validReport(polderpeil, 'Gedeelde omgeving gelekt'), controllerIds: [polderpeil, zonnebloem] })).headers.location.split('/')[2];
    // Controller-side users see a track from its notice on.
    const support = await t.login(USERS.support);
    await t.as(support).post(`/api/incidents/${sharedId}/events`, { type: 'CONFIRM' }).expect(200);
    await t.as(support).post(`/api/incidents/${sharedId}/events`, { type: 'NOTIFY', lateReason: 'Pas bij de jaarafsluiting ontdekt' }).expect(200);
    expect((await t.sql(`SELECT count(*)::int AS n FROM tracks WHERE incident_id = $1 AND first_notified_at IS NOT NULL`, [sharedId]))[0].n).toBe(2);
    await c.get('/incidents/new');
    zonnebloemOnlyId = (await report(c, validReport(zonnebloem, 'Alleen Zonnebloem: map met dossiers'))).headers.location.split('/')[2];
  });

  test("a controller-side user's dashboard and incident page show its own track only; another's incident is a 404", async () => {
    const dpo = new PageClient(t.http);
    await dpo.login(USERS.dpoPolderpeil);
    const dashboard = await dpo.get('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Gedeelde omgeving gelekt');
    expect(dashboard.text).not.toContain('Alleen Zonnebloem');
    expect(dashboard.text).not.toContain('Kinderopvang De Zonnebloem');
    const shared = await dpo.get(`/incidents/${sharedId}`);
    expect(shared.status).toBe(200);
    expect(shared.text).toContain('Ingenieursbureau Polderpeil');
    expect(shared.text).not.toContain('Kinderopvang De Zonnebloem');
    const other = await dpo.get(`/incidents/${zonnebloemOnlyId}`);
    expect(other.status).toBe(404);
    expect(other.type).toBe('text/html');
  });

  test('controller-side users get no support or admin pages', async () => {
    const contact = new PageClient(t.http);
    await contact.login(USERS.controllerPolderpeil);
    for (const path of ['/incidents/new', '/outbox', '/admin/controllers', '/admin/users']) {
      expect((await contact.get(path)).status).toBe(403);
    }
    const [track] = await t.sql(`SELECT id FROM tracks WHERE controller_id = $1 LIMIT 1`, [zonnebloem]);
    const dpo = new PageClient(t.http);
    await dpo.login(USERS.dpoPolderpeil);
    expect((await dpo.get(`/tracks/${track.id}/assessment`)).status).toBe(404);
  });
});

describe('login', () => {
  test('after five wrong passwords the account is locked for a while, even for the right password, on the pages and the API', async () => {
    const c = new PageClient(t.http);
    await c.get('/login');
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/login', { email: USERS.dpoDeVonk, password: `wrong-${i}` });
      expect(res.status).toBe(401);
      expect(res.text).toContain('klopt niet');
      expect(res.text).toContain(`value="${USERS.dpoDeVonk}"`);
    }
    const locked = await c.post('/login', { email: USERS.dpoDeVonk, password: 'Meldplicht-demo-2026' });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('Te veel mislukte pogingen');
    const api = await t.http.post('/api/auth/login').send({ email: USERS.dpoDeVonk, password: 'Meldplicht-demo-2026' });
    expect(api.status).toBe(429);
    const [row] = await t.sql(`SELECT count(*)::int AS n FROM login_attempts WHERE key LIKE 'account:%'`);
    expect(row.n).toBe(5);
    expect(JSON.stringify(await t.sql(`SELECT key FROM login_attempts`))).not.toContain('devonk'); // hashed keys
  });

  test('the language follows Accept-Language, and the switch in the header sets a cookie', async () => {
    const en = new PageClient(t.http, 'en-GB,en;q=0.9');
    expect((await en.get('/login')).text).toContain('<html lang="en">');
    const switched = await en.get('/language/nl?back=%2Flogin');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/login');
    expect((await en.get('/login')).text).toContain('<html lang="nl">');
    expect((await en.get('/language/en?back=https%3A%2F%2Fevil.example')).headers.location).toBe('/');
  });
});

