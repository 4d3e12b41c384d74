import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { USERS } from '../support/test-service';
import { checkPage, logIn as logInAs, startBrowserService, type BrowserService } from './browser';

/**
 * Issue 6 in a real browser: the admin reads seed 002 on the controller page, reviews the
 * proposal beside the highlighted text (desktop and phone), follows a value to its sentence,
 * fills in the annex's blanks and saves. Screenshots and axe-core on each page.
 */
const seed002 = readFileSync(path.resolve(__dirname, '../fixtures/seed-excerpts/002_26c4b675521f24a2.txt'), 'utf8');
let service: BrowserService;
let browser: Browser;
let base: string;
const violations: string[] = [];

beforeAll(async () => {
  service = await startBrowserService({ worker: false });
  ({ browser, base } = service);
});
afterAll(() => service?.stop());

const logIn = (page: Page) => logInAs(page, base, USERS.admin);

test('the admin reads an agreement, reviews it beside the text, and saves it', async () => {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await logIn(page);
  await page.goto(`${base}/admin/controllers`);
  await page.getByRole('link', { name: /Metaalwerken De Vonk/ }).click();
  await page.getByRole('link', { name: 'Overeenkomst inlezen' }).click();
  violations.push(...(await checkPage(page, '20-agreement-import')));
  await page.getByLabel('Tekst plakken').fill(seed002);
  await page.getByRole('button', { name: 'Inlezen en controleren' }).click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Overeenkomst controleren');
  violations.push(...(await checkPage(page, '21-agreement-review')));

  // From the deadline to its sentence: the highlight becomes the target and holds "24 uur".
  await page.locator('#prov-deadline a').first().click();
  await expect(page.locator('mark:target').textContent()).resolves.toContain('24 uur');
  expect(await page.locator('mark:target').isVisible()).toBe(true);

  await page.locator('#item-contact-0').getByLabel('Naam').fill('Fenna de Graaf');
  await page.locator('#item-contact-0').getByLabel('E-mailadres').fill('fg@vonk.example');
  await page.locator('#item-contact-1').getByLabel('Naam').fill('Bas Vervanger');
  await page.locator('#item-contact-1').getByLabel('E-mailadres').fill('bas@vonk.example');
  await page.getByRole('button', { name: 'Overeenkomst opslaan' }).click();
  await page.waitForURL(/\/admin\/controllers\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByRole('status').textContent()).resolves.toContain('Opgeslagen');
  violations.push(...(await checkPage(page, '22-agreement-saved')));

  const phone = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const mobile = await phone.newPage();
  await logIn(mobile);
  await mobile.goto(page.url().replace('?saved=1', '/agreement/import'));
  await mobile.getByLabel('Tekst plakken').fill(seed002);
  await mobile.getByRole('button', { name: 'Inlezen en controleren' }).click();
  violations.push(...(await checkPage(mobile, '23-agreement-review-phone')));
  expect(violations).toEqual([]);
});
