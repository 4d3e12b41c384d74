import type { Browser } from 'playwright-core';
import { USERS } from '../support/test-service';
import { checkPage, logIn, startBrowserService, type BrowserService } from './browser';

/**
 * Issue 15 on the report form: typing in the controller picker's search hides the controllers
 * that do not match, and the count says how many are shown and chosen (a choice stays chosen
 * while it is filtered out).
 */
let service: BrowserService;
let browser: Browser;
let base: string;

beforeAll(async () => {
  service = await startBrowserService({ worker: false });
  ({ browser, base } = service);
});
afterAll(() => service?.stop());

test('support filters the controller picker and sees what is shown and chosen', async () => {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1300, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await logIn(page, base, USERS.support);
  await page.goto(`${base}/incidents/new`);
  const choices = page.locator('section[aria-labelledby="s-controllers"] label.choice');
  const total = await choices.count();
  expect(total).toBeGreaterThan(2);
  const count = page.locator('#controller-filter-count');
  await expect(count.textContent()).resolves.toBe(`${total} van ${total} getoond · 0 gekozen`);

  await page.getByRole('checkbox', { name: /Zonnebloem/ }).check();
  await page.getByLabel('Zoek in de lijst').fill('polder');
  await expect(choices.filter({ visible: true }).allTextContents()).resolves.toEqual([expect.stringMatching(/Polderpeil/)]);
  await expect(count.textContent()).resolves.toBe(`1 van ${total} getoond · 1 gekozen`);
  expect(await checkPage(page, '63-controller-picker-filtered')).toEqual([]);

  await page.getByLabel('Zoek in de lijst').fill('');
  expect(await choices.filter({ visible: true }).count()).toBe(total);
});
