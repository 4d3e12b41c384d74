import type { Browser, Page } from 'playwright-core';
import { controllerIdByName, USERS } from '../support/test-service';
import { waitUntil } from '../support/wait';
import { checkPage, logIn as logInAs, startBrowserService, type BrowserService } from './browser';

/**
 * Issue 12 in a real browser: a case finished and undone from the pages — a notified
 * suspicion confirmed, another retracted, a dismissal undone, and an incident with three
 * controllers confirmed, notified, given a final notice and closed with one action each.
 * Every page is checked with axe-core. Incidents are logged through the API (the report form
 * has its own walkthrough); every action under test is taken in the browser.
 */
let service: BrowserService;
let browser: Browser;
let base: string;
let support: string;
const violations: string[] = [];

beforeAll(async () => {
  service = await startBrowserService();
  ({ browser, base } = service);
  support = await service.t.login(USERS.support);
});
afterAll(() => service?.stop());

const MEASURES = { taken: 'Map afgeschermd, wachtwoorden vervangen' };

async function report(controllers: string[], fields: object = {}): Promise<{ id: string; tracks: Array<{ id: string }> }> {
  const controllerIds = await Promise.all(controllers.map((c) => controllerIdByName(service.t, c)));
  const res = await service.t.as(support).post('/api/incidents', {
    summary: 'Gedeelde map met klantgegevens stond openbaar', discoveredAt: new Date(Date.now() - 3600_000).toISOString(), controllerIds, fields,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function supportPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1200, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await logInAs(page, base, USERS.support);
  return page;
}

const stateOf = async (incidentId: string, i = 0) => (await service.t.as(support).get(`/api/incidents/${incidentId}`)).body.tracks[i];

test('a notified suspicion is confirmed from the page: a supplement says so', async () => {
  const incident = await report(['Vonk']);
  const page = await supportPage();
  await page.goto(`${base}/incidents/${incident.id}`);
  await page.getByRole('link', { name: 'Melding bekijken en versturen' }).click();
  violations.push(...(await checkPage(page, '20-suspicion-preview')));
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.waitForURL(/#track-/);
  await page.getByRole('link', { name: 'Bevestigen als datalek: aanvulling bekijken' }).click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Bevestiging datalek');
  violations.push(...(await checkPage(page, '21-confirmation-preview')));
  await page.getByRole('button', { name: 'Bevestigen en aanvulling versturen' }).click();
  await page.waitForURL(/#track-/);
  violations.push(...(await checkPage(page, '22-suspicion-confirmed')));
  const track = await stateOf(incident.id);
  expect(track).toMatchObject({ state: 'notified', suspicion: false, noticeVersion: 2 });
  expect(track.establishedAt).not.toBeNull();
});

test('another notified suspicion is retracted from the page: closed with its reason, still on record', async () => {
  const incident = await report(['Vonk']);
  const page = await supportPage();
  await page.goto(`${base}/incidents/${incident.id}`);
  await page.getByRole('link', { name: 'Melding bekijken en versturen' }).click();
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.waitForURL(/#track-/);
  await page.getByLabel('Toch geen datalek? Reden').fill('Alleen testgegevens, geen persoonsgegevens');
  await page.getByRole('button', { name: 'Intrekken: toch geen datalek' }).click();
  // Back on the same address (#track-…): wait for what the page now says.
  await page.getByText('Ingetrokken, toch geen datalek:').waitFor();
  await expect(page.locator('.track-panel').textContent()).resolves.toContain('Alleen testgegevens, geen persoonsgegevens');
  violations.push(...(await checkPage(page, '23-retracted')));
  expect(await stateOf(incident.id)).toMatchObject({ state: 'closed', retractReason: 'Alleen testgegevens, geen persoonsgegevens' });
});

test('a dismissal asks for confirmation and is undone with a reason', async () => {
  const incident = await report(['Polderpeil']);
  const page = await supportPage();
  await page.goto(`${base}/incidents/${incident.id}`);
  await page.getByLabel('Geen datalek? Reden').fill('Geen persoonsgegevens in de map');
  await page.getByRole('button', { name: 'Afwijzen: geen datalek' }).click();
  await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Bevestig het afwijzen');
  expect((await stateOf(incident.id)).state).toBe('detected');
  await page.getByLabel('Geen datalek? Reden').fill('Geen persoonsgegevens in de map');
  await page.getByLabel(/Ik bevestig: dit is geen datalek/).check();
  await page.getByRole('button', { name: 'Afwijzen: geen datalek' }).click();
  await page.waitForURL(/#track-/);
  violations.push(...(await checkPage(page, '24-dismissed')));
  await page.getByLabel('Ten onrechte afgewezen? Reden om te heropenen').fill('Toch klantgegevens gevonden');
  await page.getByRole('button', { name: 'Heropenen' }).click();
  await page.getByText(/Heropend op .*: Toch klantgegevens gevonden/).waitFor();
  violations.push(...(await checkPage(page, '25-reopened')));
  expect(await stateOf(incident.id)).toMatchObject({ state: 'triage', reopenReason: 'Toch klantgegevens gevonden' });
});

test('three controllers: confirmed, notified, given a final notice and closed with one action each', async () => {
  const incident = await report(['Polderpeil', 'Zonnebloem', 'Vonk'], { measures: MEASURES });
  const page = await supportPage();
  await page.goto(`${base}/incidents/${incident.id}`);
  await page.getByRole('button', { name: 'Bevestigen als datalek' }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident.id}$`));
  const after = (await service.t.as(support).get(`/api/incidents/${incident.id}`)).body.tracks;
  expect(after.map((t: any) => t.state)).toEqual(['awaitingNotice', 'awaitingNotice', 'awaitingNotice']);

  await page.getByRole('button', { name: 'Melding of aanvulling bekijken' }).click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('3 meldingen');
  await expect(page.locator('table.grid tbody tr').count()).resolves.toBe(3);
  violations.push(...(await checkPage(page, '26-combined-preview')));
  await page.getByRole('button', { name: /Alle 3 versturen/ }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident.id}$`));

  // Each controller's contact acknowledges (closing follows acknowledgement or decision).
  for (const track of incident.tracks) {
    await waitUntil(async () => (await service.t.sql(`SELECT count(*)::int AS n FROM outbox_messages o JOIN notices n ON n.id = o.notice_id WHERE n.track_id = $1 AND o.channel = 'email'`, [track.id]))[0].n > 0, 15_000, 'the notice in the outbox');
    const [{ text_body: text }] = await service.t.sql(`SELECT o.text_body FROM outbox_messages o JOIN notices n ON n.id = o.notice_id WHERE n.track_id = $1 AND o.channel = 'email' LIMIT 1`, [track.id]);
    const ackPath = /(\/ack\/[A-Za-z0-9._-]+)/.exec(text)![1];
    await service.t.http.post(`/api${ackPath}`).send({}).expect(200);
  }

  await page.reload();
  await page.getByRole('button', { name: 'Eindmelding bekijken' }).click();
  await expect(page.getByRole('button', { name: /Alle 3 versturen \(Eindmelding\)/ }).count()).resolves.toBe(1);
  violations.push(...(await checkPage(page, '27-combined-final')));
  await page.getByRole('button', { name: /Alle 3 versturen/ }).click();
  await page.waitForURL(new RegExp(`/incidents/${incident.id}$`));

  await page.locator('section[aria-labelledby="h-bulk"]').getByRole('button', { name: 'Afsluiten', exact: true }).click();
  await page.waitForURL(/\/incidents\//);
  violations.push(...(await checkPage(page, '28-all-closed')));
  const closed = (await service.t.as(support).get(`/api/incidents/${incident.id}`)).body;
  expect(closed.status).toBe('closed');
  expect(closed.tracks.map((t: any) => [t.state, t.finalNoticeSent])).toEqual([['closed', true], ['closed', true], ['closed', true]]);
});

test('no page of these flows has a serious or critical accessibility finding', () => {
  expect(violations).toEqual([]);
});
