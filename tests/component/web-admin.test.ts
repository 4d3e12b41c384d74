import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { PageClient } from '../support/page-client';

/** The admin pages: controllers with their agreement, annex contacts, users — validated, and only for admins. */
let t: TestService;
let polderpeil: string;
const count = async (table: string) => (await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

beforeAll(async () => {
  t = await startTestService({ worker: false });
  polderpeil = await controllerIdByName(t, 'Polderpeil');
});
afterAll(async () => {
  await t?.stop();
});

describe('admin', () => {
  test('a contact with a bad e-mail and a non-E.164 mobile is refused next to both fields, and nothing is written', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    await admin.get(`/admin/controllers/${polderpeil}/contacts/new`);
    const before = await count('contacts');
    const res = await admin.post(`/admin/controllers/${polderpeil}/contacts/new`, {
      name: 'Nieuwe FG', role: 'dpo', email: 'fg-at-example', mobile: '06 1234 5678', position: '3', standInForId: '', receivesBreachNotice: 'yes',
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-email-error">Dit is geen geldig e-mailadres\./);
    expect(res.text).toMatch(/id="f-mobile-error">/);
    expect(res.text).toContain('value="Nieuwe FG"');
    expect(await count('contacts')).toBe(before);
  });

  test('a valid contact with an E.164 mobile is added to the annex', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    await admin.get(`/admin/controllers/${polderpeil}/contacts/new`);
    const res = await admin.post(`/admin/controllers/${polderpeil}/contacts/new`, {
      name: 'Vera Vervanger', role: 'dpo', email: 'vera@polderpeil.example', mobile: '+31612345678', position: '4', standInForId: '', receivesBreachNotice: 'no',
    });
    expect(res.status).toBe(303);
    expect(await t.sql(`SELECT mobile FROM contacts WHERE email = 'vera@polderpeil.example'`)).toEqual([{ mobile: '+31612345678' }]);
  });

  test('a controller with its agreement is created, and a bad deadline is named', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    await admin.get('/admin/controllers/new');
    const form = {
      name: 'Zorggroep Test B.V.', kvkNumber: '12345678', sector: 'zorg', city: 'Delft', title: 'Verwerkersovereenkomst 2026', language: 'nl',
      deadlineHours: '-5', clockStart: 'first_discovery', notifySuspicion: 'yes', regardlessOfImpact: 'no', ackWindowHours: '2',
      warningShares: '0.5\n0.8', requiredFields: ['nature', 'cause'], dataCategories: 'naam\nBSN', subjectCategories: 'cliënten',
    };
    const bad = await admin.post('/admin/controllers/new', form);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="f-deadlineHours-error"');
    const good = await admin.post('/admin/controllers/new', { ...form, deadlineHours: '12' });
    expect(good.status).toBe(303);
    const [row] = await t.sql(`SELECT a.deadline_hours, a.clock_start, a.required_fields FROM agreements a JOIN controllers c ON c.id = a.controller_id WHERE c.name = 'Zorggroep Test B.V.'`);
    expect(row).toEqual({ deadline_hours: '12', clock_start: 'first_discovery', required_fields: ['nature', 'cause'] });
  });

  test('a user is created with a hashed password and can log in; a bad e-mail is refused', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    await admin.get('/admin/users');
    const bad = await admin.post('/admin/users', { email: 'nope', name: 'X', role: 'dpo', controllerId: polderpeil, language: 'nl', password: 'lang-genoeg-wachtwoord' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-email-error">/);
    const good = await admin.post('/admin/users', { email: 'nieuwe.fg@polderpeil.example', name: 'Nieuwe FG', role: 'dpo', controllerId: polderpeil, language: 'en', password: 'lang-genoeg-wachtwoord' });
    expect(good.status).toBe(303);
    const [user] = await t.sql(`SELECT password_hash FROM users WHERE email = 'nieuwe.fg@polderpeil.example'`);
    expect(user.password_hash).toMatch(/^\$2[aby]\$/);
    await new PageClient(t.http).login('nieuwe.fg@polderpeil.example', 'lang-genoeg-wachtwoord');
  });
});

describe('admin edits', () => {
  test('editing a controller changes its agreement; editing a contact keeps it in the annex', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    const page = await admin.get(`/admin/controllers/${polderpeil}`);
    expect(page.status).toBe(200);
    const form = Object.fromEntries([...page.text.matchAll(/<input id="f-(\w+)" name="(\w+)" type="(?:text|number)" value="([^"]*)"/g)].map((x) => [x[2], x[3]]));
    const res = await admin.post(`/admin/controllers/${polderpeil}`, {
      ...form, language: 'nl', clockStart: 'processor_discovery', notifySuspicion: 'no', regardlessOfImpact: 'no',
      deadlineHours: '36', warningShares: '0.5\n0.8', requiredFields: ['nature'], dataCategories: 'naam', subjectCategories: 'personeel',
    });
    expect(res.status).toBe(303);
    expect((await t.sql(`SELECT deadline_hours FROM agreements WHERE controller_id = $1 AND active`, [polderpeil]))[0].deadline_hours).toBe('36');
    const [contact] = await t.sql(`SELECT k.id FROM contacts k JOIN agreements a ON a.id = k.agreement_id WHERE a.controller_id = $1 ORDER BY position LIMIT 1`, [polderpeil]);
    await admin.get(`/admin/controllers/${polderpeil}/contacts/${contact.id}`);
    const edited = await admin.post(`/admin/controllers/${polderpeil}/contacts/${contact.id}`, {
      name: 'Hernoemd Contact', role: 'breach_contact', email: 'hernoemd@polderpeil.example', phone: '+31 10 123 4567', mobile: '+31600000101', position: '1', standInForId: '', receivesBreachNotice: 'yes',
    });
    expect(edited.status).toBe(303);
    expect((await t.sql(`SELECT name FROM contacts WHERE id = $1`, [contact.id]))[0].name).toBe('Hernoemd Contact');
  });
});
