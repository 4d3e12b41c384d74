import type { Browser, Page } from 'playwright-core';
import { USERS } from '../support/test-service';
import { checkPage, logIn as logInAs, startBrowserService, type BrowserService } from './browser';

/**
 * The three users in a real browser, once through: support logs and notifies, the contact
 * acknowledges from the outbox link, the DPO decides, support sees the decision. Every page
 * is screenshotted and checked with axe-core.
 */
let service: BrowserService;
let browser: Browser;
let base: string;
const violations: string[] = [];
/** Fail fast with Playwright's own message (which element was not found) rather than jest's timeout. */
const STEP_TIMEOUT_MS = 15_000;

beforeAll(async () => {
  // PUBLIC_URL is this server, so the links in the notices open here.
  service = await startBrowserService();
  ({ browser, base } = service);
});
afterAll(() => service?.stop());

const logIn = (page: Page, email: string) => logInAs(page, base, email);

test('support logs and notifies, the contact acknowledges, the DPO decides, support sees it', async () => {
  const support = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1200, height: 900 } });
  support.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await support.newPage();
  await page.goto(`${base}/login`);
  violations.push(...(await checkPage(page, '01-login')));
  await logIn(page, USERS.support);
  violations.push(...(await checkPage(page, '02-dashboard-empty')));

  // Log the incident: what is known, the rest explicitly "nog niet bekend".
  await page.getByRole('link', { name: 'Meld een (mogelijk) datalek' }).click();
  await page.getByLabel('Samenvatting').fill('Laptop met klantexport gestolen uit auto');
  await page.getByLabel('Ingenieursbureau Polderpeil B.V.').check();
  const nature = page.locator('#group-nature');
  await nature.getByLabel('vertrouwelijkheid').check();
  await nature.getByLabel('gestolen').check();
  await page.locator('#group-cause').getByRole('textbox').fill('Diefstal uit een geparkeerde auto');
  await page.locator('#group-subjectCount').getByLabel('Minimaal').fill('100');
  await page.locator('#group-subjectCount').getByLabel('Maximaal').fill('250');
  expect(await page.locator('#group-subjectCount input[value=known]').isChecked()).toBe(true); // the script marks it known
  violations.push(...(await checkPage(page, '03-report-form')));
  await page.getByRole('button', { name: 'Datalek vastleggen' }).click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  const incidentUrl = page.url();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/DL-\d{4}-\d{4}/);

  // Confirm, preview, send.
  await page.getByRole('button', { name: 'Bevestigen: het is een datalek' }).click();
  await page.waitForURL(/#track-/);
  violations.push(...(await checkPage(page, '04-incident-confirmed')));
  await page.getByRole('link', { name: 'Melding bekijken en versturen' }).click();
  await expect(page.locator('pre.message-text.sms').first().textContent()).resolves.toContain('Datalek-melding');
  violations.push(...(await checkPage(page, '05-notice-preview')));
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.waitForURL(/#track-/);

  // The worker sends; the outbox shows the message with its acknowledgement link.
  let ackLink: string | null = null;
  for (let i = 0; i < 50 && !ackLink; i++) {
    await page.goto(`${base}/outbox`);
    ackLink = await page.locator('a.ack-link').first().getAttribute('href').catch(() => null);
    if (!ackLink) await page.waitForTimeout(200);
  }
  expect(ackLink).toContain(`${base}/ack/`);
  violations.push(...(await checkPage(page, '06-outbox')));

  // The contact, on a phone, acknowledges.
  const phone = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  phone.setDefaultTimeout(STEP_TIMEOUT_MS);
  const contactPage = await phone.newPage();
  await contactPage.goto(ackLink!);
  violations.push(...(await checkPage(contactPage, '07-acknowledge-phone')));
  await contactPage.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
  await expect(contactPage.getByRole('status').textContent()).resolves.toContain('Ontvangst bevestigd');
  violations.push(...(await checkPage(contactPage, '08-acknowledged-phone')));

  // The DPO records the decision.
  const dpoContext = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1200, height: 900 } });
  dpoContext.setDefaultTimeout(STEP_TIMEOUT_MS);
  const dpo = await dpoContext.newPage();
  await logIn(dpo, USERS.dpoPolderpeil);
  violations.push(...(await checkPage(dpo, '09-dpo-dashboard')));
  await dpo.locator('a.track-ref').first().click();
  await dpo.getByRole('link', { name: 'Besluit vastleggen' }).click();
  // The DPO lands on the decision page and sees the AP's 72-hour term first.
  await expect(dpo.locator('#h-clock').textContent()).resolves.toBe('72-uurstermijn voor de AP');
  violations.push(...(await checkPage(dpo, '10-assessment')));
  await dpo.locator('fieldset', { hasText: 'Melden bij de Autoriteit' }).getByLabel('ja').check();
  await dpo.getByLabel('Redenen (AP)').fill('Klantgegevens van honderden personen; risico niet uit te sluiten');
  await dpo.locator('fieldset', { hasText: 'Betrokkenen informeren' }).getByLabel('nee').check();
  await dpo.getByLabel('Redenen (betrokkenen)').fill('Laptop was versleuteld; geen hoog risico');
  await dpo.getByLabel('Meldnummer AP').fill('M-2026-123456');
  await dpo.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await dpo.waitForURL(/#track-/);

  // Support sees the decision on the incident page.
  await page.goto(incidentUrl);
  await expect(page.locator('.track-panel').first().textContent()).resolves.toContain('M-2026-123456');
  await expect(page.locator('.track-panel').first().textContent()).resolves.toContain('Besluit vastgelegd, opvolging');
  violations.push(...(await checkPage(page, '11-incident-decided')));

  // English, via the switch in the header.
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await page.goto(`${base}/dashboard`);
  violations.push(...(await checkPage(page, '12-dashboard-en')));

  expect(violations).toEqual([]);
});

test('admin pages pass the accessibility check', async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  await logIn(page, USERS.admin);
  for (const [name, path] of [['13-admin-controllers', '/admin/controllers'], ['14-admin-users', '/admin/users']] as const) {
    await page.goto(`${base}${path}`);
    violations.push(...(await checkPage(page, name)));
  }
  await page.goto(`${base}/admin/controllers`);
  await page.locator('table a').first().click();
  violations.push(...(await checkPage(page, '15-admin-controller-edit')));
  expect(violations).toEqual([]);
});
