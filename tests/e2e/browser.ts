import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/seed-demo-data';
import { startTestService, type TestService } from '../support/test-service';

export const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

/** Debian's Chromium, headless, without anything that phones home. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A full-page screenshot, and axe-core's serious and critical findings (expected: none). */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  if (process.env.E2E_TRACE) process.stderr.write(`[e2e] ${name}\n`);
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A port that is free now: the service must know its own URL before it starts (PUBLIC_URL). */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface BrowserService {
  t: TestService;
  browser: Browser;
  /** Where the service listens; also its PUBLIC_URL, so links in notices open here. */
  base: string;
  stop(): Promise<void>;
}

/** The whole service on a fresh database, reachable by Chromium. */
export async function startBrowserService(options: { worker?: boolean; smtpUrl?: string } = {}): Promise<BrowserService> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const t = await startTestService({ ...options, env: { PORT: String(port), PUBLIC_URL: base } });
  const browser = await launchChromium();
  return {
    t, browser, base,
    async stop() {
      await browser.close();
      await t.stop();
    },
  };
}

/** Logs in through the login page, as a person would. */
export async function logIn(page: Page, base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${base}/dashboard`);
}
