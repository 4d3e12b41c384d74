import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDocx, SHORT_DPA } from '../support/document-files';
import { PageClient } from '../support/page-client';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';

/**
 * Issue 6 on the admin pages: paste (or upload) a DPA → review the proposal beside the text
 * with each value's source highlighted → correct and save it as the controller's agreement,
 * with its source text. Wrong values are named next to their field and nothing is saved.
 */
const seed002 = readFileSync(path.resolve(__dirname, '../fixtures/seed-excerpts/002_26c4b675521f24a2.txt'), 'utf8');

let t: TestService;
let vonk: string;
const agreementCount = async () => (await t.sql(`SELECT count(*)::int AS n FROM agreements`))[0].n as number;

beforeAll(async () => {
  t = await startTestService({ worker: false });
  vonk = await controllerIdByName(t, 'Vonk');
});
afterAll(async () => {
  await t?.stop();
});

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x60;/g, '`').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescape(match[1]) : null;
};

/** What a browser would submit from the review form as the page shows it. */
function formValues(html: string): Record<string, string | string[]> {
  const form = /<form method="post" action="\/admin\/controllers\/[^"]+\/agreement"[^]*?<\/form>/.exec(html)![0];
  const values: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = values[name];
    values[name] = had === undefined ? value : ([] as string[]).concat(had, value);
  };
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type');
    if (!name || name === '_csrf') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
    add(name, attr(tag, 'value') ?? '');
  }
  for (const [, name, text] of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([^]*?)<\/textarea>/g)) add(name, unescape(text));
  for (const [, name, options] of form.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([^]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(options) ?? /<option value="([^"]*)"/.exec(options);
    add(name, unescape(selected?.[1] ?? ''));
  }
  return values;
}

async function adminOnReview(): Promise<{ admin: PageClient; review: import('supertest').Response }> {
  const admin = new PageClient(t.http);
  await admin.login(USERS.admin);
  const controllerPage = await admin.get(`/admin/controllers/${vonk}`);
  expect(controllerPage.text).toContain(`href="/admin/controllers/${vonk}/agreement/import"`);
  const importPage = await admin.get(`/admin/controllers/${vonk}/agreement/import`);
  expect(importPage.status).toBe(200);
  expect(importPage.text).toContain('enctype="multipart/form-data"');
  const review = await admin.post(`/admin/controllers/${vonk}/agreement/import`, { text: seed002 });
  expect(review.status).toBe(200);
  return { admin, review };
}

describe('the review page', () => {
  test('shows the deadline 24 with clause 6.1 highlighted, and flags what was not found', async () => {
    const before = await agreementCount();
    const { review } = await adminOnReview();
    const html = review.text;
    expect(html).toMatch(/<input id="f-deadlineHours" name="deadlineHours" type="number" value="24"/);
    expect(html).toMatch(/id="f-deadlineMode-0" name="deadlineMode" value="hours" checked/);
    // The deadline's provenance: its confidence, its clause, and a link to its highlight…
    const prov = /<div class="provenance tone-ok" id="prov-deadline">([^]*?)<\/div>/.exec(html)![1];
    expect(prov).toMatch(/zekerheid 80%/);
    const [, anchor] = /<a href="#(src-\d+)">art\. 6\.1 in de tekst<\/a>/.exec(prov)!;
    // …which is a <mark> in the text holding "24 uur", with a link back to the field.
    const mark = new RegExp(`<mark id="${anchor}">([^<]*)</mark>`).exec(html)![1];
    expect(mark).toContain('24 uur');
    expect(html).toContain(`</mark><a class="mark-back" href="#item-deadline">`);
    // Not found: empty and flagged (no escalation rule in 002; no controller named).
    expect(html).toMatch(/<div class="review-item review-flag" id="item-escalationRule" data-status="missing">/);
    expect(html).toMatch(/<textarea id="f-escalationRule" name="escalationRule" rows="3"[^>]*><\/textarea>/);
    expect(html).toMatch(/id="prov-escalationRule">\s*<p class="prov-line"><span class="prov-status"><span aria-hidden="true">⚑ <\/span>Niet gevonden/);
    expect(html).toMatch(/id="item-party-controller"><dt>Verwerkingsverantwoordelijke<\/dt><dd><div class="provenance tone-missing"/);
    // The annex leaves the controller's FG blank: flagged, and listed to check.
    expect(html).toMatch(/id="item-contact-0" data-status="missing"/);
    expect(html).toMatch(/<li><a href="#item-contact-0">Contactpersoon 1<\/a>: Leeg in de bijlage: vul in<\/li>/);
    // The processor's own support desk is not proposed as the controller's recipient.
    const emails = Object.entries(formValues(html)).filter(([name]) => /^contact_\d+_email$/.test(name)).map(([, value]) => value);
    expect(emails).not.toContain('support@smartproductionsolutions.nl');
    // The text is escaped: the seed's own characters are printed, never as markup.
    expect(html).not.toMatch(/<mark id="src-\d+">[^<]*<(?!\/mark)/);
    expect(html).toContain('<input type="hidden" name="sourceText" value="');
    expect(await agreementCount()).toBe(before);
  });

  test('when the text names no controller contact and is silent on suspicions, then the page says up front that a person must decide', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    const review = await admin.post(`/admin/controllers/${vonk}/agreement/import`, { text: SHORT_DPA.join('\n') });
    expect(review.status).toBe(200);
    const block = /<div class="review-attention" role="note" aria-labelledby="h-attention"><h3 id="h-attention">Vraagt een mens vóór het opslaan<\/h3><ul>([^]*?)<\/ul><\/div>/.exec(review.text);
    expect(block).not.toBeNull();
    expect(block![1]).toContain('De tekst noemt geen contactpersoon van de verwerkingsverantwoordelijke');
    expect(unescape(block![1])).toMatch(/De tekst zwijgt over: Ook een vermoeden melden\?/);
  });

  test('saving with a corrected value stores the agreement with its source text', async () => {
    const { admin, review } = await adminOnReview();
    const form = formValues(review.text);
    expect(form.sourceText).toBe(seed002.replace(/\r\n?/g, '\n'));
    const res = await admin.post(`/admin/controllers/${vonk}/agreement`, {
      ...form,
      deadlineHours: '12', // the admin corrects the term
      contact_0_name: 'Fenna de Graaf', contact_0_email: 'fg@vonk.example', contact_0_mobile: '+31 6 1234 5678',
      contact_1_name: 'Bas Vervanger', contact_1_email: 'bas@vonk.example',
      escalationRule: 'Bel de directeur als de FG niet bereikbaar is.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/controllers/${vonk}?saved=1`);
    const page = await admin.get(res.headers.location);
    expect(page.text).toContain('Opgeslagen.');
    expect(page.text).toContain('Verwerkersovereenkomst Smart Production Solutions B.V.');
    expect(page.text).toContain('Fenna de Graaf');

    const token = await t.login(USERS.admin);
    const controller = (await t.as(token).get('/api/controllers')).body.controllers.find((c: any) => c.id === vonk);
    expect(controller.agreement).toMatchObject({
      deadlineHours: 12, deadlineClause: '6.1', clockStart: 'processor_discovery', notifySuspicion: true, regardlessOfImpact: true,
      retentionMonthsAfterEnd: 12, sourceName: 'geplakte tekst', escalationRule: 'Bel de directeur als de FG niet bereikbaar is.',
      subProcessors: [{ name: 'Proserve BV', address: 'Oostmaaslaan 71, 3063 AN Rotterdam' }],
    });
    expect(controller.agreement.contacts.map((c: any) => [c.role, c.name, c.mobile ?? null])).toEqual([
      ['dpo', 'Fenna de Graaf', '+31612345678'], ['dpo', 'Bas Vervanger', null],
    ]);
    expect(controller.agreement.contacts[1].standInForId).toBe(controller.agreement.contacts[0].id);
    const [row] = await t.sql(`SELECT source_text FROM agreements WHERE controller_id = $1 AND active`, [vonk]);
    expect(row.source_text).toBe(seed002.replace(/\r\n?/g, '\n'));
  });

  test('a bad deadline and a mobile not in E.164 are named next to their fields, input kept, nothing saved', async () => {
    const { admin, review } = await adminOnReview();
    const form = formValues(review.text);
    const before = await agreementCount();
    const res = await admin.post(`/admin/controllers/${vonk}/agreement`, {
      ...form,
      deadlineHours: '-5',
      contact_0_name: 'Fenna de Graaf', contact_0_email: 'fg@vonk.example', contact_0_mobile: '0612',
      contact_1_name: 'Bas Vervanger', contact_1_email: 'bas@vonk.example',
    });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-deadlineHours-error">Vul een getal groter dan 0 in\./);
    expect(res.text).toMatch(/<input id="f-deadlineHours" name="deadlineHours" type="number" value="-5"/);
    expect(res.text).toMatch(/id="f-contact_0_mobile-error">Schrijf het nummer in E\.164-vorm/);
    expect(res.text).toContain('value="Fenna de Graaf"');
    // The text is read again: the highlights are still there.
    expect(res.text).toMatch(/<mark id="src-\d+">[^<]*24 uur/);
    expect(await agreementCount()).toBe(before);
  });

  test('a blank contact from the annex, and no choice of deadline, are refused by name', async () => {
    const { admin, review } = await adminOnReview();
    const form = formValues(review.text);
    delete form.deadlineMode;
    const res = await admin.post(`/admin/controllers/${vonk}/agreement`, { ...form, deadlineHours: '' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-deadlineHours-error">Vul het aantal uur in, of kies ‘onverwijld’\./);
    expect(res.text).toMatch(/id="f-contact_0_name-error">/);
    expect(res.text).toMatch(/id="f-contact_0_email-error">/);
  });

  test('an uploaded .docx goes through the same reader as the API (multipart, with the CSRF token)', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    await admin.get(`/admin/controllers/${vonk}/agreement/import`);
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.http.post(`/admin/controllers/${vonk}/agreement/import`).set('Cookie', cookie)
      .field('_csrf', admin.csrf).attach('file', await makeDocx(SHORT_DPA.filter(Boolean)), 'dpa.docx');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<input id="f-deadlineHours" name="deadlineHours" type="number" value="48"/);
    expect(res.text).toContain('name="sourceName" value="dpa.docx"');
    const noToken = await t.http.post(`/admin/controllers/${vonk}/agreement/import`).set('Cookie', cookie)
      .attach('file', await makeDocx(SHORT_DPA.filter(Boolean)), 'dpa.docx');
    expect(noToken.status).toBe(403);
    const exe = await t.http.post(`/admin/controllers/${vonk}/agreement/import`).set('Cookie', cookie)
      .field('_csrf', admin.csrf).attach('file', Buffer.from('MZ'), 'dpa.exe');
    expect(exe.status).toBe(422);
    expect(exe.text).toMatch(/id="f-file-error">Dit kon niet worden gelezen\./);
  });

  test('two different deadlines: both listed with their clauses, the field left empty; markup in the text is printed, not run', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    await admin.get(`/admin/controllers/${vonk}/agreement/import`);
    const text = [
      'Verwerkersovereenkomst Voorbeeld B.V. (hierna: Verwerker)', '', '6 Inbreuk', '',
      '6.1 Verwerker informeert Verwerkingsverantwoordelijke over iedere Inbreuk. Deze informatie wordt gegeven binnen 48 uur, zodra hij daarvan kennis heeft genomen.', '',
      '6.2 Verwerker meldt een datalek aan Verwerkingsverantwoordelijke binnen 24 uur na ontdekking. <img src=x onerror=alert(1)>',
    ].join('\n');
    const res = await admin.post(`/admin/controllers/${vonk}/agreement/import`, { text });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/id="item-deadline" data-status="conflict"/);
    expect(res.text).toMatch(/<li>48 uur — <a href="#src-\d+">art\. 6\.1 in de tekst<\/a><\/li><li>24 uur — <a href="#src-\d+">art\. 6\.2 in de tekst<\/a><\/li>/);
    expect(res.text).toMatch(/<input id="f-deadlineHours" name="deadlineHours" type="number" value=""/);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
  });

  test('nothing pasted and no file: the form says so', async () => {
    const admin = new PageClient(t.http);
    await admin.login(USERS.admin);
    await admin.get(`/admin/controllers/${vonk}/agreement/import`);
    const res = await admin.post(`/admin/controllers/${vonk}/agreement/import`, { text: '   ' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-text-error">Plak de tekst of kies een bestand\./);
  });

  test('in English, the page speaks English', async () => {
    const admin = new PageClient(t.http, 'en');
    await admin.login(USERS.admin);
    await admin.get(`/admin/controllers/${vonk}/agreement/import`);
    const res = await admin.post(`/admin/controllers/${vonk}/agreement/import`, { text: seed002 });
    expect(res.text).toContain('<h1>Review the agreement</h1>');
    expect(res.text).toMatch(/clause 6\.1 in the text/);
    expect(res.text).toMatch(/Not found/);
  });
});

describe('access', () => {
  test('support staff get 403 on every agreement page; nothing is saved', async () => {
    const support = new PageClient(t.http);
    await support.login(USERS.support);
    expect((await support.get(`/admin/controllers/${vonk}/agreement/import`)).status).toBe(403);
    const before = await agreementCount();
    expect((await support.post(`/admin/controllers/${vonk}/agreement/import`, { text: seed002 })).status).toBe(403);
    expect((await support.post(`/admin/controllers/${vonk}/agreement`, { title: 'x' })).status).toBe(403);
    expect(await agreementCount()).toBe(before);
  });

  test('a form posted without its CSRF token → 403, nothing saved', async () => {
    const { admin, review } = await adminOnReview();
    const form = formValues(review.text);
    const before = await agreementCount();
    const res = await admin.post(`/admin/controllers/${vonk}/agreement`, {
      ...form, contact_0_name: 'A', contact_0_email: 'a@vonk.example', contact_1_name: 'B', contact_1_email: 'b@vonk.example',
    }, { csrf: null });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formulier verlopen');
    expect((await admin.post(`/admin/controllers/${vonk}/agreement/import`, { text: seed002 }, { csrf: null })).status).toBe(403);
    expect(await agreementCount()).toBe(before);
  });
});
