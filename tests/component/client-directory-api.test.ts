import { aContact, aTemplate, STANDARD_TERMS } from '../support/client-directory';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Issue 15, the directory as an API: an admin creates, changes, lists and deactivates
 * controllers, agreements (own terms or a standard template) and annex contacts; a template
 * change reaches every controller on it from then on, while open tracks keep their terms.
 */
let t: TestService;
let admin: string;
let support: string;
let dpo: string;

beforeAll(async () => {
  t = await startTestService({ worker: false, contract: true });
  [admin, support, dpo] = await Promise.all([t.login(USERS.admin), t.login(USERS.support), t.login(USERS.dpoPolderpeil)]);
});
afterAll(async () => {
  await t?.stop();
});

async function aController(name: string, externalKey?: string): Promise<string> {
  const res = await t.as(admin).post('/api/controllers', { name, city: 'Utrecht', ...(externalKey ? { externalKey } : {}) });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('controllers', () => {
  it('when an admin creates a controller with a CRM key, then it is listed and found by that key', async () => {
    const id = await aController('Bakkerij Korrel', 'CRM-1001');
    const res = await t.as(support).get('/api/controllers?externalKey=CRM-1001');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, controllers: [{ id, name: 'Bakkerij Korrel', externalKey: 'CRM-1001', active: true, agreement: null }] });
  });

  it('when a second controller takes a CRM key already used, then 409 names externalKey and nothing is added', async () => {
    await aController('Slagerij Mals', 'CRM-1002');
    const before = (await t.sql(`SELECT count(*)::int AS n FROM controllers`))[0].n;
    const res = await t.as(admin).post('/api/controllers', { name: 'Dubbel', externalKey: 'CRM-1002' });
    expect(res.status).toBe(409);
    expect(res.body.fields).toEqual({ externalKey: expect.any(String) });
    expect((await t.sql(`SELECT count(*)::int AS n FROM controllers`))[0].n).toBe(before);
  });

  it('when the list is paged and filtered by name, then the page holds pageSize controllers and the total counts all matches', async () => {
    for (const n of [1, 2, 3]) await aController(`Tandarts Glimlach ${n}`);
    const first = await t.as(support).get('/api/controllers?q=glimlach&pageSize=2&page=1');
    const second = await t.as(support).get('/api/controllers?q=glimlach&pageSize=2&page=2');
    expect(first.body.total).toBe(3);
    expect(first.body.controllers.map((c: any) => c.name)).toEqual(['Tandarts Glimlach 1', 'Tandarts Glimlach 2']);
    expect(second.body.controllers.map((c: any) => c.name)).toEqual(['Tandarts Glimlach 3']);
  });

  it('when a query parameter is wrong, then 422 names it', async () => {
    const res = await t.as(support).get('/api/controllers?pageSize=0&colour=red');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields)).toEqual(expect.arrayContaining(['pageSize']));
  });

  it('when an admin changes and then deactivates a controller, then it leaves the default list and a new incident may not name it', async () => {
    const id = await aController('Kapsalon Knip');
    await t.as(admin).post('/api/agreements', { controllerId: id, title: 'VWO Knip', terms: STANDARD_TERMS }).expect(201);
    const patched = await t.as(admin).patch(`/api/controllers/${id}`, { city: 'Gouda', kvkNumber: '12345678' });
    expect(patched.body).toMatchObject({ city: 'Gouda', kvkNumber: '12345678', name: 'Kapsalon Knip' });
    const off = await t.as(admin).post(`/api/controllers/${id}/deactivate`);
    expect(off.body).toMatchObject({ active: false });
    expect((await t.as(support).get('/api/controllers?q=Knip')).body.total).toBe(0);
    expect((await t.as(support).get('/api/controllers?q=Knip&active=false')).body.total).toBe(1);
    const incident = await t.as(support).post('/api/incidents', { summary: 'Lek bij Knip', discoveredAt: new Date(Date.now() - 60_000).toISOString(), controllerIds: [id] });
    expect(incident.status).toBe(422);
    expect(incident.body.fields.controllerIds).toMatch(/deactivated/);
  });

  it('when a controller-side user asks for another controller, then 404; its own, then 200', async () => {
    const own = await controllerIdByName(t, 'Polderpeil');
    const other = await controllerIdByName(t, 'Zonnebloem');
    expect((await t.as(dpo).get(`/api/controllers/${own}`)).status).toBe(200);
    expect((await t.as(dpo).get(`/api/controllers/${other}`)).status).toBe(404);
    expect((await t.as(dpo).get('/api/controllers')).body.controllers.map((c: any) => c.id)).toEqual([own]);
  });
});

describe('contacts', () => {
  it('when a contact is added with a Dutch 06-number, then it is stored in E.164 and listed for its controller', async () => {
    const id = await aController('Drukkerij Inkt');
    await t.as(admin).post('/api/agreements', { controllerId: id, title: 'VWO Inkt', terms: STANDARD_TERMS }).expect(201);
    const res = await t.as(admin).post('/api/contacts', aContact(id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mobile: '+31612345678', controllerId: id, active: true });
    const list = await t.as(support).get(`/api/contacts?controllerId=${id}`);
    expect(list.body).toMatchObject({ total: 1, contacts: [{ email: 'petra@klant.example' }] });
  });

  it('when a mobile number is a landline or nonsense, then 422 names mobile and nothing is added', async () => {
    const id = await aController('Drukkerij Papier');
    await t.as(admin).post('/api/agreements', { controllerId: id, title: 'VWO Papier', terms: STANDARD_TERMS }).expect(201);
    for (const mobile of ['020 1234567', 'bel maar']) {
      const res = await t.as(admin).post('/api/contacts', aContact(id, { mobile }));
      expect(res.status).toBe(422);
      expect(res.body.fields).toEqual({ mobile: expect.stringMatching(/E\.164/) });
    }
    expect((await t.as(support).get(`/api/contacts?controllerId=${id}`)).body.total).toBe(0);
  });

  it('when a contact is deactivated, then its stand-in link is dropped and it receives no notice', async () => {
    const id = await aController('Garage Piston');
    await t.as(admin).post('/api/agreements', { controllerId: id, title: 'VWO Piston', terms: STANDARD_TERMS }).expect(201);
    const first = (await t.as(admin).post('/api/contacts', aContact(id))).body;
    const standIn = (await t.as(admin).post('/api/contacts', aContact(id, { name: 'Sven Bakker', email: 'sven@klant.example', position: 2, standInForId: first.id }))).body;
    expect(standIn.standInForId).toBe(first.id);
    await t.as(admin).post(`/api/contacts/${first.id}/deactivate`).expect(200);
    expect((await t.as(support).get(`/api/contacts/${standIn.id}`)).body.standInForId).toBeNull();
    const controller = (await t.as(support).get(`/api/controllers/${id}`)).body;
    expect(controller.agreement.contacts.map((c: any) => c.email)).toEqual(['sven@klant.example']);
    expect((await t.as(admin).patch(`/api/contacts/${first.id}`, { name: 'Weer terug' })).status).toBe(422);
  });
});

describe('standard agreements (templates)', () => {
  it('when a controller joins a template with a deviation, then its terms are the template with the deviation over it', async () => {
    const template = (await t.as(admin).post('/api/agreement-templates', aTemplate('std-a')).expect(201)).body;
    const id = await aController('Bouwbedrijf Steen');
    const res = await t.as(admin).post('/api/agreements', { controllerId: id, templateId: template.id, deviations: { deadlineHours: 12 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ templateId: template.id, deviations: { deadlineHours: 12 }, terms: { deadlineHours: 12, ackWindowHours: 2, notifySuspicion: true } });
  });

  it('when a template changes, then the preview names who is affected, and applying it reaches them while an open track keeps its terms', async () => {
    const template = (await t.as(admin).post('/api/agreement-templates', aTemplate('std-b')).expect(201)).body;
    const plain = await aController('Webshop Plain');
    const deviating = await aController('Webshop Eigen');
    const busy = await aController('Webshop Druk');
    for (const [controllerId, deviations] of [[plain, {}], [deviating, { deadlineHours: 8 }], [busy, {}]] as const) {
      await t.as(admin).post('/api/agreements', { controllerId, templateId: template.id, deviations }).expect(201);
      await t.as(admin).post('/api/contacts', aContact(controllerId)).expect(201);
    }
    const incident = await t.as(support).post('/api/incidents', { summary: 'Lek bij Druk', discoveredAt: new Date(Date.now() - 60_000).toISOString(), controllerIds: [busy] });
    expect(incident.status).toBe(201);
    const busyAgreementBefore = (await t.as(support).get(`/api/controllers/${busy}`)).body.agreement.id;

    const change = { terms: { deadlineHours: 36, ackWindowHours: 4 } };
    const preview = await t.as(admin).post(`/api/agreement-templates/${template.id}/preview`, change);
    expect(preview.status).toBe(200);
    const byName = Object.fromEntries(preview.body.affected.map((a: any) => [a.controllerName, a]));
    expect(Object.keys(byName).sort()).toEqual(['Webshop Druk', 'Webshop Eigen', 'Webshop Plain']);
    expect(byName['Webshop Plain'].changes.map((c: any) => c.term).sort()).toEqual(['ackWindowHours', 'deadlineHours']);
    expect(byName['Webshop Eigen']).toMatchObject({ changes: [{ term: 'ackWindowHours', from: 2, to: 4 }], keptByDeviation: ['deadlineHours'] });
    expect(byName['Webshop Druk'].openTracks).toBe(1);
    expect((await t.as(support).get(`/api/controllers/${plain}`)).body.agreement.deadlineHours).toBe(24); // a preview writes nothing

    const applied = await t.as(admin).patch(`/api/agreement-templates/${template.id}`, change);
    expect(applied.status).toBe(200);
    expect(applied.body.template).toMatchObject({ version: 2, terms: { deadlineHours: 36 } });
    const after = async (id: string) => (await t.as(support).get(`/api/controllers/${id}`)).body.agreement;
    expect(await after(plain)).toMatchObject({ deadlineHours: 36, ackWindowHours: 4 });
    expect(await after(deviating)).toMatchObject({ deadlineHours: 8, ackWindowHours: 4 });
    const busyNow = await after(busy);
    expect(busyNow).toMatchObject({ deadlineHours: 36, contacts: [{ email: 'petra@klant.example' }] });
    // The open track still runs on the agreement (and the deadline) it was opened under.
    expect(busyNow.id).not.toBe(busyAgreementBefore);
    const [track] = await t.sql(`SELECT agreement_id, notify_deadline_at - clock_started_at AS term FROM tracks WHERE incident_id = $1`, [incident.body.id]);
    expect(track.agreement_id).toBe(busyAgreementBefore);
    expect((await t.as(admin).get(`/api/agreements/${busyAgreementBefore}`)).body).toMatchObject({ active: false, terms: { deadlineHours: 24, ackWindowHours: 2 } });
  });

  it('when a template change clashes with a deviation, then 422 names the controller and nothing changes', async () => {
    const template = (await t.as(admin).post('/api/agreement-templates', aTemplate('std-c', { warningShares: [0.5] })).expect(201)).body;
    const id = await aController('Fietsenmaker Spaak');
    await t.as(admin).post('/api/agreements', { controllerId: id, templateId: template.id, deviations: { deadlineHours: 48 } }).expect(201);
    const res = await t.as(admin).patch(`/api/agreement-templates/${template.id}`, { terms: { language: 'xx' } });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields)).toEqual(['terms.language']);
    const unknown = await t.as(admin).post('/api/agreements', { controllerId: await aController('Zonder Sjabloon'), templateId: '00000000-0000-4000-8000-000000000001' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.fields).toEqual({ templateId: 'unknown template' });
  });
});
