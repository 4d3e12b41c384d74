import type { Browser, Page } from 'playwright-core';
import { notifiedChildcareCase } from '../support/dpo-case';
import { USERS, type TestService } from '../support/test-service';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { checkPage, logIn, startBrowserService, type BrowserService } from './browser';

/**
 * Issue 13 in a real browser: the DPO's risk page answers the two questions apart — report to
 * the AP, inform the people — each with its reasons and what would change it, shows each
 * factor's contribution, and follows a changed answer (the laptop turns out to be encrypted).
 * Checked with axe on a phone-sized screen.
 */
let service: BrowserService;
// The controller's 72 hours start when a mail server accepted the notice (the outbox does not count).
let smtp: SmtpTestServer;
let t: TestService;
let browser: Browser;
let base: string;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  service = await startBrowserService({ smtpUrl: smtp.url });
  ({ t, browser, base } = service);
}, 300_000);
afterAll(async () => {
  await service?.stop();
  await smtp?.close();
});

const answer = (page: Page, id: 'answer-report' | 'answer-inform') => page.locator(`#${id}`);

test('when the DPO assesses the stolen laptop, then the page shows both answers with reasons and what would change them; encryption turns both around', async () => {
  const c = await notifiedChildcareCase(t);
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
  context.setDefaultTimeout(15_000);
  const dpo = await context.newPage();
  await logIn(dpo, base, USERS.dpoZonnebloem);

  await dpo.goto(`${base}/tracks/${c.trackId}/risk-assessment`);
  await dpo.locator('fieldset', { hasText: 'Hoe makkelijk zijn de mensen te herkennen?' }).getByLabel('maximaal').check();
  await dpo.getByRole('button', { name: 'Berekenen en vastleggen' }).click();
  await dpo.waitForURL(/risk-assessment#result/);

  const report = answer(dpo, 'answer-report');
  await expect(report.getByRole('heading', { name: 'Melden bij de AP (art. 33 AVG)' }).isVisible()).resolves.toBe(true);
  await expect(report.locator('.advice').textContent()).resolves.toBe('Advies: melden');
  await expect(report.locator('.reasons').textContent()).resolves.toContain('We adviseren te melden bij de AP omdat');
  await expect(report.getByRole('heading', { name: 'Wat het advies zou veranderen' }).isVisible()).resolves.toBe(true);
  const inform = answer(dpo, 'answer-inform');
  await expect(inform.locator('.advice').textContent()).resolves.toBe('Advies: informeren');
  await expect(inform.locator('.reasons').textContent()).resolves.toContain('We adviseren de betrokkenen te informeren omdat een hoog risico waarschijnlijk is');
  const changes = await inform.locator('.changes li').allTextContents();
  expect(changes.length).toBeGreaterThan(0);
  expect(changes).toContain('Versleuteling: versleuteld (stand van de techniek)');
  const factors = dpo.locator('table.factors');
  await expect(factors.textContent()).resolves.toContain('BSN of identiteitsbewijs');
  await expect(factors.textContent()).resolves.toContain('Kwade opzet');
  const violations = await checkPage(dpo, 'risk-01-two-answers-phone');

  // The DPO learns the laptop was fully encrypted and the password is safe: one of the named changes.
  await dpo.locator('fieldset', { hasText: 'Waren de gegevens versleuteld?' }).getByLabel('volledig versleuteld').check();
  await dpo.locator('fieldset', { hasText: 'Is de sleutel (of het wachtwoord) mee gelekt?' }).getByLabel('nee').check();
  await dpo.getByRole('button', { name: 'Berekenen en vastleggen' }).click();
  await dpo.waitForURL(/risk-assessment#result/);
  await expect(answer(dpo, 'answer-report').locator('.advice').textContent()).resolves.toBe('Advies: niet melden, wel vastleggen');
  await expect(answer(dpo, 'answer-inform').locator('.advice').textContent()).resolves.toBe('Advies: niet informeren');
  await expect(answer(dpo, 'answer-inform').locator('.reasons').textContent()).resolves.toContain('art. 34(3)(a)');
  await expect(answer(dpo, 'answer-report').locator('.changes').textContent()).resolves.toContain('Sleutel gelekt');
  violations.push(...(await checkPage(dpo, 'risk-02-encrypted-phone')));

  expect(violations).toEqual([]);
}, 300_000);
