import type { Browser, Page } from 'playwright-core';
import { controllerIdByName, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';
import { checkPage, logIn as logInAs, startBrowserService, type BrowserService } from './browser';

/**
 * The controller's DPO, logged in before and after the processor's notice (Chromium, axe, a
 * phone-sized screen): first nothing of the case, then exactly what the notice said — not the
 * processor's later unsent edit, nor its triage and alerts — with the outbox-only messages
 * called what they are.
 */
let service: BrowserService;
let t: TestService;
let browser: Browser;
let base: string;
const violations: string[] = [];
const SENT = 'Gedeelde projectmap met klantgegevens openbaar';
const UNSENT = 'Map bleek afgeschermd met een wachtwoord (nog niet gemeld)';

beforeAll(async () => {
  service = await startBrowserService();
  ({ t, browser, base } = service);
});
afterAll(() => service?.stop());

const logIn = (page: Page, email: string) => logInAs(page, base, email);

test('a controller DPO sees nothing before the notice, then exactly what was sent (phone)', async () => {
  // Arrange: support logs a leak for Polderpeil and confirms it; no notice yet.
  const support = await t.login(USERS.support);
  const polderpeil = await controllerIdByName(t, 'Polderpeil');
  const created = await t.as(support).post('/api/incidents', { summary: SENT, discoveredAt: new Date(Date.now() - 1_800_000).toISOString(), controllerIds: [polderpeil] });
  expect(created.status).toBe(201);
  const incidentId = created.body.id as string;
  await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);

  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  context.setDefaultTimeout(15_000);
  const dpo = await context.newPage();
  await logIn(dpo, USERS.dpoPolderpeil);

  // Before: the dashboard does not know the case; its address is a page that does not exist.
  await expect(dpo.locator('main').textContent()).resolves.not.toContain(SENT);
  violations.push(...(await checkPage(dpo, 'visibility-01-dpo-before-notice-phone')));
  const missing = await dpo.goto(`${base}/incidents/${incidentId}`);
  expect(missing?.status()).toBe(404);
  await expect(dpo.locator('main').textContent()).resolves.not.toContain(SENT);

  // The notice goes out (to the outbox: no providers here); then support edits without sending.
  await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200);
  await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices n JOIN tracks k ON k.id = n.track_id WHERE k.incident_id = $1 AND n.status <> 'sent'`, [incidentId]))[0].n === 0, 20_000, 'notices in the outbox');
  await t.as(support).patch(`/api/incidents/${incidentId}`, { summary: UNSENT }).expect(200);

  // After: the case is on the dashboard, as notified.
  await dpo.goto(`${base}/dashboard`);
  await expect(dpo.locator('main').textContent()).resolves.toContain(SENT);
  await dpo.getByRole('link', { name: new RegExp(created.body.reference) }).first().click();
  await dpo.waitForURL(new RegExp(`/incidents/${incidentId}`));
  const page = (await dpo.locator('main').textContent()) ?? '';
  expect(page).toContain(SENT);
  expect(page).not.toContain(UNSENT);
  expect(page).toContain('alleen in het postvak, niet verzonden');
  expect(page).toContain('alleen in het postvak gezet, niet verzonden'); // the audit trail in words
  for (const internal of ['Bevestigd als datalek', 'Waarschuwing', 'alert.', 'track.', 'te laat']) expect(page).not.toContain(internal);
  // Nothing on the page is wider than the phone.
  expect(await dpo.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  violations.push(...(await checkPage(dpo, 'visibility-02-dpo-after-notice-phone')));

  expect(violations).toEqual([]);
});
