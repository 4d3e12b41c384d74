import type { Browser, Page } from 'playwright-core';
import { notifiedChildcareCase } from '../support/dpo-case';
import { USERS, type TestService } from '../support/test-service';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { checkPage, logIn as logInAs, startBrowserService, type BrowserService } from './browser';

/**
 * Issue 5's pages in a real browser on a phone-sized screen (plain forms; app.js only
 * enhances): the DPO assesses, decides against the advice (reason asked), records the AP
 * report, opens the sheet; support filters the register. Every page is checked with axe.
 */
let service: BrowserService;
// The controller's 72 hours start when a mail server accepted the notice (the outbox does not count).
let smtp: SmtpTestServer;
let t: TestService;
let browser: Browser;
let base: string;
const violations: string[] = [];
const STEP_TIMEOUT_MS = 15_000;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  service = await startBrowserService({ smtpUrl: smtp.url });
  ({ t, browser, base } = service);
});
afterAll(async () => {
  await service?.stop();
  await smtp?.close();
});

const logIn = (page: Page, email: string) => logInAs(page, base, email);

test('the DPO assesses, decides, follows up at the AP; support reads the register (phone)', async () => {
  const c = await notifiedChildcareCase(t);
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const dpo = await context.newPage();
  await logIn(dpo, USERS.dpoZonnebloem);

  await dpo.goto(`${base}/incidents/${c.incidentId}`);
  await dpo.getByRole('link', { name: 'Risicobeoordeling' }).click();
  violations.push(...(await checkPage(dpo, 'dpo-01-risk-form-phone')));
  await dpo.locator('fieldset', { hasText: 'Hoe makkelijk zijn de mensen te herkennen?' }).getByLabel('maximaal').check();
  await dpo.getByRole('button', { name: 'Berekenen en vastleggen' }).click();
  await dpo.waitForURL(/risk-assessment#result/);
  await expect(dpo.locator('.risk-result').textContent()).resolves.toContain('melden bij de AP en de betrokkenen informeren');
  violations.push(...(await checkPage(dpo, 'dpo-02-risk-result-phone')));

  await dpo.getByRole('link', { name: 'Naar het besluit' }).click();
  await dpo.locator('fieldset', { hasText: 'Melden bij de Autoriteit' }).getByLabel('ja').check();
  await dpo.getByLabel('Redenen (AP)').fill('BSN van kinderen op een gestolen laptop');
  await dpo.locator('fieldset', { hasText: 'Betrokkenen informeren' }).getByLabel('nee').check();
  await dpo.getByLabel('Redenen (betrokkenen)').fill('Laptop binnen een uur op afstand gewist');
  await dpo.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await expect(dpo.locator('#f-deviationReason-error').textContent()).resolves.toContain('wijkt af van het advies');
  violations.push(...(await checkPage(dpo, 'dpo-03-decision-error-phone')));
  await dpo.getByLabel('Reden van afwijken van het advies').fill('Wissing op afstand bevestigd: art. 34(3)(b)');
  await dpo.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await dpo.waitForURL(/#track-/);

  await dpo.goto(`${base}/tracks/${c.trackId}/assessment#ap-follow-up`);
  await dpo.locator('fieldset', { hasText: 'Wat deed u in het formulier van de AP?' }).getByLabel('gemeld (met meldnummer)').check();
  await dpo.getByLabel('Meldnummer', { exact: true }).fill('M-2026-909090');
  await dpo.getByRole('button', { name: 'Opvolging vastleggen' }).click();
  await dpo.waitForURL(/#ap-follow-up/);
  await expect(dpo.locator('#ap-follow-up').textContent()).resolves.toContain('M-2026-909090');
  violations.push(...(await checkPage(dpo, 'dpo-04-decision-follow-up-phone')));
  await dpo.getByRole('link', { name: 'Kopieerblad voor het AP-formulier' }).click();
  await expect(dpo.locator('article.ap-sheet').textContent()).resolves.toContain('M-2026-909090');

  const supportContext = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  supportContext.setDefaultTimeout(STEP_TIMEOUT_MS);
  const support = await supportContext.newPage();
  await logIn(support, USERS.support);
  await support.getByRole('link', { name: 'Register' }).click();
  await support.getByLabel('Verwerkingsverantwoordelijke').selectOption({ label: 'Kinderopvang De Zonnebloem B.V.' });
  await support.getByRole('button', { name: 'Filteren' }).click();
  await support.waitForURL(/controllerId=/);
  await expect(support.locator('.register-table').textContent()).resolves.toContain(c.reference);
  violations.push(...(await checkPage(support, 'dpo-05-register-phone')));

  expect(violations).toEqual([]);
});
