import type { Browser } from 'playwright-core';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { addTeamUser, TEAM_PASSWORD } from '../support/team-users';
import { USERS, type TestService } from '../support/test-service';
import { checkPage, logIn, startBrowserService, type BrowserService } from './browser';

/**
 * Issue 16 in a real browser: an admin deactivates a colleague who is logged in, and the
 * colleague's next click lands on the login page; a user who forgot the password asks for a
 * link, opens it from the e-mail (real SMTP) and logs in with the new password. Every page is
 * checked with axe.
 */
let service: BrowserService;
let smtp: SmtpTestServer;
let t: TestService;
let browser: Browser;
let base: string;
const violations: string[] = [];
const STEP_TIMEOUT_MS = 15_000;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  service = await startBrowserService({ worker: false, smtpUrl: smtp.url });
  ({ t, browser, base } = service);
});
afterAll(async () => {
  await service?.stop();
  await smtp?.close();
});

test('when an admin deactivates a colleague mid-session, then the colleague\'s next click asks to log in, and the password no longer works', async () => {
  const colleague = await addTeamUser(t);
  const theirs = await browser.newContext({ locale: 'nl-NL' });
  theirs.setDefaultTimeout(STEP_TIMEOUT_MS);
  const desk = await theirs.newPage();
  await logIn(desk, base, colleague.email, TEAM_PASSWORD);

  const adminContext = await browser.newContext({ locale: 'nl-NL' });
  adminContext.setDefaultTimeout(STEP_TIMEOUT_MS);
  const admin = await adminContext.newPage();
  await logIn(admin, base, USERS.admin);
  await admin.goto(`${base}/admin/users`);
  violations.push(...(await checkPage(admin, 'team-01-users')));
  await admin.getByRole('row', { name: new RegExp(colleague.email) }).getByRole('link', { name: 'Bewerken' }).click();
  violations.push(...(await checkPage(admin, 'team-02-user-edit')));
  await admin.locator('fieldset', { hasText: 'Account actief' }).getByLabel('nee').check();
  await admin.getByRole('button', { name: 'Opslaan' }).click();
  await expect(admin.getByRole('status').textContent()).resolves.toContain('Opgeslagen');

  await desk.getByRole('link', { name: 'Datalek melden' }).click();
  await desk.waitForURL(/\/login/);
  await desk.getByLabel('E-mailadres').fill(colleague.email);
  await desk.getByLabel('Wachtwoord').fill(TEAM_PASSWORD);
  await desk.getByRole('button', { name: 'Inloggen' }).click();
  await expect(desk.getByRole('alert').textContent()).resolves.toContain('klopt niet');
  violations.push(...(await checkPage(desk, 'team-03-deactivated-login')));
  await theirs.close();
  await adminContext.close();
});

test('when a user forgot the password, then the e-mailed link sets a new one and the user logs in with it', async () => {
  const user = await addTeamUser(t);
  const context = await browser.newContext({ locale: 'nl-NL' });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  violations.push(...(await checkPage(page, 'team-04-forgot')));
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain('link naartoe gestuurd');

  const deadline = Date.now() + 10_000;
  while (!smtp.messages.some((m) => m.to.includes(user.email)) && Date.now() < deadline) await page.waitForTimeout(100);
  const mail = smtp.messages.find((m) => m.to.includes(user.email));
  expect(mail).toBeDefined();
  const link = /(http:\/\/localhost:\d+\/password-reset\/[A-Za-z0-9_-]{43})/.exec(mail!.text)![1];
  await page.goto(link);
  violations.push(...(await checkPage(page, 'team-05-new-password')));
  await page.getByLabel('Wachtwoord (minstens 12 tekens)').fill('Browser-chosen-passphrase-7');
  await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toContain('Uw wachtwoord is ingesteld');

  await logIn(page, base, user.email, 'Browser-chosen-passphrase-7');
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBeTruthy();
  await context.close();
});

test('no serious or critical accessibility findings on the account pages', () => {
  expect(violations).toEqual([]);
});
