import { aTemplate } from '../support/client-directory';
import { clientRows, csvFile, xlsxFile, type ImportRow } from '../support/controller-import-files';
import { startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Issue 15, bulk import: a dry run names every row's errors (row, column, reason) and writes
 * nothing; a clean file is applied in one go; the same file again is an update, keyed on the
 * CRM id; CSV and XLSX read alike.
 */
let t: TestService;
let admin: string;

beforeAll(async () => {
  t = await startTestService({ worker: false });
  admin = await t.login(USERS.admin);
  await t.as(admin).post('/api/agreement-templates', aTemplate('standaard')).expect(201);
  await t.as(admin).post('/api/agreement-templates', aTemplate('zorg', { deadlineHours: 12 })).expect(201);
});
afterAll(async () => {
  await t?.stop();
});

const upload = (file: Buffer, name: string, dryRun: boolean) =>
  t.http.post(`/api/controllers/import${dryRun ? '?dryRun=true' : ''}`).set('authorization', `Bearer ${admin}`).attach('file', file, name);
const counts = async () => (await t.sql(`SELECT (SELECT count(*)::int FROM controllers) AS controllers, (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM agreements) AS agreements`))[0];

describe('each import error is named by row, column and reason, and nothing is written', () => {
  const good = clientRows(2, 'standaard', 'ERR');
  const cases: [string, ImportRow[], { row: number; column: string; reason: string }[]][] = [
    ['a bad e-mail address', [{ ...good[0], contact_email: 'anna@@klant' }, ...good.slice(1)], [{ row: 2, column: 'contact_email', reason: 'bad_email' }]],
    ['a mobile that is a landline', [good[0], { ...good[1], contact_mobile: '020 1234567' }, ...good.slice(2)], [{ row: 3, column: 'contact_mobile', reason: 'bad_mobile' }]],
    ['a mobile that is no number', [good[0], { ...good[1], contact_mobile: '06-bel-mij' }, ...good.slice(2)], [{ row: 3, column: 'contact_mobile', reason: 'bad_mobile' }]],
    ['an unknown template', [...good.slice(0, 3), ...good.slice(3).map((r) => ({ ...r, template: 'goud' }))], [5, 6, 7].map((row) => ({ row, column: 'template', reason: 'unknown_template' }))],
    ['the same contact twice', [...good, { ...good[4] }], [{ row: 8, column: 'contact_email', reason: 'duplicate' }]],
    ['a required field left empty', [{ ...good[0], name: '' }, ...good.slice(1)], [{ row: 2, column: 'name', reason: 'required' }]],
    ['a role that does not exist', [{ ...good[0], contact_role: 'baas' }, ...good.slice(1)], [{ row: 2, column: 'contact_role', reason: 'bad_value' }]],
    ['rows of one CRM id that disagree', [good[0], { ...good[1], name: 'Andere naam' }, ...good.slice(2)], [{ row: 3, column: 'name', reason: 'conflict' }]],
    ['a stand-in who is not in the annex', [good[0], { ...good[1], contact_stand_in_for: 'niemand@klant.example' }, ...good.slice(2)], [{ row: 3, column: 'contact_stand_in_for', reason: 'unknown_stand_in' }]],
    ['a controller where nobody receives the notice', [{ ...good[0], contact_receives_notice: 'nee' }, ...good.slice(1)], [{ row: 2, column: 'contact_receives_notice', reason: 'no_recipient' }]],
  ];

  it.each(cases)('when the file has %s, then the dry run and the apply both name it', async (_name, rows, expected) => {
    const before = await counts();
    const dry = await upload(csvFile(rows), 'klanten.csv', true);
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual(expected.map((e) => expect.objectContaining(e)));
    const apply = await upload(csvFile(rows), 'klanten.csv', false);
    expect(apply.status).toBe(422);
    expect(apply.body).toMatchObject({ code: 'import_refused', applied: false, errors: expected.map((e) => expect.objectContaining(e)) });
    expect(await counts()).toEqual(before);
  });

  it('when a required column is missing, then row 1 names it', async () => {
    const csv = Buffer.from('external_key;name;template\nX-1;Klant;standaard\n');
    const res = await upload(csv, 'klanten.csv', true);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ row: 1, column: 'contact_email', reason: 'missing_column' }]));
  });

  it('when the upload is not a spreadsheet at all, then 422 names the file', async () => {
    const res = await upload(Buffer.from('PK\u0003\u0004 not really a zip'), 'klanten.xlsx', true);
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual({ file: expect.stringMatching(/XLSX/) });
  });
});

describe('applying and re-importing', () => {
  it('when a clean file is applied, then every controller has its template agreement and contacts, the 06-number in E.164 and the stand-in linked', async () => {
    const rows = clientRows(20, 'standaard', 'APP');
    const dry = await upload(csvFile(rows), 'klanten.csv', true);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, errors: [], controllers: { total: 20, created: 20, updated: 0 }, contacts: { created: 60 } });
    expect((await t.sql(`SELECT count(*)::int AS n FROM controllers WHERE external_key LIKE 'APP-%'`))[0].n).toBe(0);

    const res = await upload(csvFile(rows), 'klanten.csv', false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, controllers: { created: 20, updated: 0 }, contacts: { created: 60, updated: 0, deactivated: 0 } });
    const list = await t.as(admin).get('/api/controllers?externalKey=APP-00007');
    const controller = list.body.controllers[0];
    expect(controller).toMatchObject({ name: 'Klant APP-00007', kvkNumber: '10000007', agreement: { deadlineHours: 24, title: expect.stringContaining('standaard') } });
    const [anna, bram, carla] = controller.agreement.contacts;
    expect(anna).toMatchObject({ email: 'anna.app-00007@klant.example', mobile: '+31620000007', receivesBreachNotice: true });
    expect(bram).toMatchObject({ role: 'dpo', standInForId: anna.id, receivesBreachNotice: false });
    expect(carla).toMatchObject({ role: 'director', phone: '+31301234567', mobile: null });
  });

  it('when the same file comes again with changes, then it updates by CRM id: no duplicates, a moved template, a changed and a departed contact', async () => {
    const rows = clientRows(5, 'standaard', 'UPD');
    await upload(csvFile(rows), 'klanten.csv', false).expect(200);
    const before = await counts();
    const changed = rows
      .filter((r) => !(r.external_key === 'UPD-00002' && r.contact_role === 'director'))
      .map((r) => (r.external_key === 'UPD-00001' ? { ...r, name: 'Klant Een BV', template: 'zorg' } : r))
      .map((r) => (r.contact_email === 'anna.upd-00003@klant.example' ? { ...r, contact_mobile: '0687654321' } : r));
    const again = await upload(await xlsxFile(changed), 'klanten.xlsx', false);
    expect(again.body.errors).toEqual([]);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ controllers: { created: 0, updated: 5 }, contacts: { created: 0, updated: 14, deactivated: 1 } });
    const after = await counts();
    expect(after.controllers).toBe(before.controllers);
    const one = (await t.as(admin).get('/api/controllers?externalKey=UPD-00001')).body.controllers[0];
    expect(one).toMatchObject({ name: 'Klant Een BV', agreement: { deadlineHours: 12 } });
    const two = (await t.as(admin).get('/api/controllers?externalKey=UPD-00002')).body.controllers[0];
    expect(two.agreement.contacts.map((c: any) => c.role)).toEqual(['breach_contact', 'dpo']);
    const three = (await t.as(admin).get('/api/controllers?externalKey=UPD-00003')).body.controllers[0];
    expect(three.agreement.contacts[0].mobile).toBe('+31687654321');

    const third = await upload(await xlsxFile(changed), 'klanten.xlsx', false);
    expect(third.body).toMatchObject({ controllers: { created: 0, updated: 5 }, contacts: { created: 0, updated: 14, deactivated: 0 } });
    expect(await counts()).toEqual(after);
  });

  it('when a non-admin uploads, then 403 and nothing is read', async () => {
    const support = await t.login(USERS.support);
    const res = await t.http.post('/api/controllers/import').set('authorization', `Bearer ${support}`).attach('file', csvFile(clientRows(1, 'standaard', 'NO')), 'k.csv');
    expect(res.status).toBe(403);
  });
});
