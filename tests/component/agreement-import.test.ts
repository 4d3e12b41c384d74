import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDocx, makeDocxBomb, SHORT_DPA } from '../support/document-files';
import { controllerIdByName, SEED_EXCERPTS, startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Issue 6 over HTTP: an admin imports a seed DPA (JSON text or an uploaded file), gets the
 * proposal and a draft, confirms it, and the controller's agreement is the imported one,
 * with its source text. Wrong input gets a 4xx naming the field; nothing is saved on import.
 */
const seed002 = readFileSync(path.join(SEED_EXCERPTS, '002_26c4b675521f24a2.txt'), 'utf8');

let t: TestService;
let admin: string;
let support: string;

beforeAll(async () => {
  t = await startTestService({ worker: false });
  admin = await t.login(USERS.admin);
  support = await t.login(USERS.support);
});
afterAll(async () => {
  await t?.stop();
});

const agreementCount = async () => (await t.sql(`SELECT count(*)::int AS n FROM agreements`))[0].n as number;

describe('POST /api/agreements/import', () => {
  it('proposes the profile of a seed, with sources, and saves nothing', async () => {
    const before = await agreementCount();
    const res = await t.as(admin).post('/api/agreements/import', { text: seed002, name: 'dpa-002.txt' });
    expect(res.status).toBe(200);
    expect(res.body.proposal.deadline).toMatchObject({ found: true, value: { hours: 24 }, source: { clause: '6.1' } });
    expect(res.body.proposal.controller).toMatchObject({ found: false, reason: expect.any(String) });
    expect(res.body.draft).toMatchObject({ deadlineHours: 24, clockStart: 'processor_discovery', notifySuspicion: true, source: { name: 'dpa-002.txt' } });
    const { start, end, sentence } = res.body.proposal.deadline.source;
    expect(res.body.draft.source.text.slice(start, end)).toBe(sentence);
    expect(res.body.needsReview).toEqual(expect.arrayContaining(['contacts.c2.name', 'contacts.c2.email']));
    expect(await agreementCount()).toBe(before);
  });

  it('takes an agreement far larger than a command body (1 MB of JSON)', async () => {
    const res = await t.as(admin).post('/api/agreements/import', { text: `${seed002}\n${'Overige bepalingen. '.repeat(50_000)}` });
    expect(res.status).toBe(200);
    expect(res.body.proposal.deadline).toMatchObject({ found: true, value: { hours: 24 } });
  });

  it('reads an uploaded .txt and .docx file', async () => {
    const txt = await t.http.post('/api/agreements/import').set('authorization', `Bearer ${admin}`)
      .attach('file', Buffer.from(readFileSync(path.join(SEED_EXCERPTS, '000_23cbfdaf675b9fec.txt'))), 'dpa-000.txt');
    expect(txt.status).toBe(200);
    expect(txt.body.proposal.clockStart).toMatchObject({ found: true, value: 'processor_discovery', source: { clause: '7.1' } });
    const docx = await t.http.post('/api/agreements/import').set('authorization', `Bearer ${admin}`)
      .attach('file', await makeDocx(SHORT_DPA.filter(Boolean)), 'dpa.docx');
    expect(docx.status).toBe(200);
    expect(docx.body.proposal.deadline).toMatchObject({ found: true, value: { hours: 48 } });
  });

  it.each([
    ['no text', {}, 'text'],
    ['empty text', { text: '  ' }, 'text'],
    ['an unknown field', { text: 'x', extra: 1 }, '(body)'],
  ])('%s → 422 naming the field', async (_name, body, field) => {
    const res = await t.as(admin).post('/api/agreements/import', body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields)).toContain(field);
  });

  it('a file of an unknown kind, or an upload without a file → 422 naming "file"', async () => {
    const exe = await t.http.post('/api/agreements/import').set('authorization', `Bearer ${admin}`).attach('file', Buffer.from('MZ'), 'dpa.exe');
    expect({ status: exe.status, fields: exe.body.fields }).toEqual({ status: 422, fields: { file: expect.any(String) } });
    const none = await t.http.post('/api/agreements/import').set('authorization', `Bearer ${admin}`).field('name', 'x');
    expect({ status: none.status, fields: none.body.fields }).toEqual({ status: 422, fields: { file: expect.any(String) } });
  });

  it('support staff may not import (403), nobody without a token (401)', async () => {
    expect((await t.as(support).post('/api/agreements/import', { text: seed002 })).status).toBe(403);
    expect((await t.http.post('/api/agreements/import').send({ text: seed002 })).status).toBe(401);
  });
});

describe('POST /api/controllers/:id/agreement', () => {
  async function confirmedDraft(): Promise<Record<string, any>> {
    const { body } = await t.as(admin).post('/api/agreements/import', { text: seed002, name: 'dpa-002.txt' });
    const draft = body.draft;
    // The admin fills in what the annex leaves blank.
    draft.contacts = draft.contacts.map((c: any) => ({ ...c, name: c.name || `Demo ${c.key}`, email: c.email || `${c.key}@example.com` }));
    return draft;
  }

  it('saves the confirmed profile: GET /api/controllers shows it, the old agreement is kept inactive', async () => {
    const id = await controllerIdByName(t, 'Vonk');
    const draft = await confirmedDraft();
    const res = await t.as(admin).post(`/api/controllers/${id}/agreement`, draft);
    expect(res.status).toBe(201);
    const list = await t.as(admin).get('/api/controllers');
    const controller = list.body.controllers.find((c: any) => c.id === id);
    expect(controller.agreement).toMatchObject({
      deadlineHours: 24, clockStart: 'processor_discovery', notifySuspicion: true, regardlessOfImpact: true, retentionMonthsAfterEnd: 12,
      sourceName: 'dpa-002.txt', subProcessors: [{ name: 'Proserve BV', address: 'Oostmaaslaan 71, 3063 AN Rotterdam' }],
    });
    // The processor's own support desk ("Primaire melding") sends the notice: it is no recipient.
    expect(controller.agreement.contacts.map((c: any) => c.role)).toEqual(['dpo', 'dpo']);
    const standIn = controller.agreement.contacts[1];
    expect(standIn.standInForId).toBe(controller.agreement.contacts[0].id);
    const rows = await t.sql(`SELECT active, source_text IS NOT NULL AS has_source FROM agreements WHERE controller_id = $1 ORDER BY created_at`, [id]);
    expect(rows.at(-1)).toEqual({ active: true, has_source: true });
    expect(rows.filter((r) => r.active)).toHaveLength(1);
  });

  it.each([
    ['a missing clock start', (d: any) => { delete d.clockStart; }, 'clockStart'],
    ['a contact without e-mail', (d: any) => { d.contacts[0].email = 'not-an-address'; }, 'contacts.0.email'],
    ['a stand-in for nobody', (d: any) => { d.contacts[1].standInForKey = 'nobody'; }, 'contacts.1.standInForKey'],
    ['a phone not in E.164', (d: any) => { d.contacts[0].phone = '073-6159950'; }, 'contacts.0.phone'],
    ['an unknown notice field', (d: any) => { d.requiredFields = ['nature', 'horoscope']; }, 'requiredFields.1'],
  ])('%s → 422 naming the field, nothing saved', async (_name, spoil, field) => {
    const id = await controllerIdByName(t, 'Polderpeil');
    const draft = await confirmedDraft();
    spoil(draft);
    const before = await agreementCount();
    const res = await t.as(admin).post(`/api/controllers/${id}/agreement`, draft);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields)).toContain(field);
    expect(await agreementCount()).toBe(before);
  });

  it('an unknown controller → 404; support staff → 403', async () => {
    const draft = await confirmedDraft();
    expect((await t.as(admin).post('/api/controllers/00000000-0000-4000-8000-000000000000/agreement', draft)).status).toBe(404);
    expect((await t.as(support).post(`/api/controllers/${await controllerIdByName(t, 'Vonk')}/agreement`, draft)).status).toBe(403);
  });
});

describe('hostile files', () => {
  it('when a .docx zip bomb is uploaded, then 413 naming the file, nothing saved, and another request is answered meanwhile', async () => {
    const bomb = await makeDocxBomb(40); // 40 MB of XML in a few hundred KB
    const before = await agreementCount();
    const [upload, other] = await Promise.all([
      t.http.post('/api/agreements/import').set('authorization', `Bearer ${admin}`).attach('file', bomb, 'bomb.docx'),
      t.as(admin).get('/api/controllers'),
    ]);
    expect(upload.status).toBe(413);
    expect(upload.body.fields.file).toMatch(/inflates to more than/);
    expect(other.status).toBe(200);
    expect(await agreementCount()).toBe(before);
  });
});

describe('demo data', () => {
  it('the demo agreements were imported from the seeds, with their source text', async () => {
    const rows = await t.sql(`SELECT seed_file, source_name, deadline_clause, length(source_text) AS chars FROM agreements WHERE seed_file ~ '^00[0-2]_' AND source_name = seed_file ORDER BY seed_file`);
    expect(rows.map((r) => [r.seed_file, r.deadline_clause])).toEqual([
      ['000_23cbfdaf675b9fec.txt', '7.1'], ['001_767ff1e236aec2cf.txt', '4.4.1'], ['002_26c4b675521f24a2.txt', '6.1'],
    ]);
    expect(rows.map((r) => r.chars)).toEqual(['000', '001', '002'].map((n) => readdirSync(SEED_EXCERPTS).filter((f) => f.startsWith(n)).map((f) => readFileSync(path.join(SEED_EXCERPTS, f), 'utf8').length)[0]));
  });
});
