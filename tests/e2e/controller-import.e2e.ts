import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createAgreementTemplate } from '../../src/use-cases/manage-agreement-templates.use-case';
import { aTemplate } from '../support/client-directory';
import { clientRows, csvFile } from '../support/controller-import-files';
import { USERS } from '../support/test-service';
import { checkPage, logIn, startBrowserService, type BrowserService } from './browser';

/**
 * Issue 15 in a real browser: the admin uploads the client list as a dry run, reads the
 * errors by row and column, fixes the file, dry-runs it clean, then imports it; the progress
 * bar shows on the way. axe-core on each page.
 */
let service: BrowserService;
let browser: Browser;
let base: string;
const violations: string[] = [];

beforeAll(async () => {
  service = await startBrowserService({ worker: false });
  ({ browser, base } = service);
  const admin = { id: '00000000-0000-0000-0000-0000000e2e15', role: 'admin' as const, controllerId: null };
  await createAgreementTemplate(aTemplate('standaard'), admin, { dataSource: service.t.service.db.dataSource });
});
afterAll(() => service?.stop());

test('the admin imports a client list with errors, fixes them and imports it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meldplicht-import-'));
  const rows = clientRows(40, 'standaard', 'E2E');
  const broken = rows.map((r, i) => (i === 4 ? { ...r, contact_mobile: '020 1234567' } : i === 9 ? { ...r, template: 'goud' } : r));
  const brokenFile = path.join(dir, 'klanten-fout.csv');
  const fixedFile = path.join(dir, 'klanten.csv');
  writeFileSync(brokenFile, csvFile(broken));
  writeFileSync(fixedFile, csvFile(rows));

  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1300, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await logIn(page, base, USERS.admin);
  await page.goto(`${base}/admin/controllers`);
  await page.getByRole('link', { name: 'Importeren uit CSV/XLSX' }).click();
  violations.push(...(await checkPage(page, '60-controller-import')));

  await page.getByLabel('Bestand (.csv of .xlsx)').setInputFiles(brokenFile);
  await expect(page.getByLabel('Proefimport: alleen controleren, niets opslaan').isChecked()).resolves.toBe(true);
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.locator('#import-errors').waitFor();
  await expect(page.locator('#import-summary').textContent()).resolves.toContain('2 fout(en)');
  const errorRows = await page.locator('#import-errors tbody tr').allTextContents();
  expect(errorRows[0]).toMatch(/^6\s*contact_mobile.*geen mobiel nummer/);
  expect(errorRows[1]).toMatch(/^11\s*template.*onbekende standaardovereenkomst/);
  violations.push(...(await checkPage(page, '61-controller-import-errors')));

  await page.getByLabel('Bestand (.csv of .xlsx)').setInputFiles(fixedFile);
  await page.getByRole('button', { name: 'Importeren' }).click();
  await expect(page.locator('#import-summary').filter({ hasText: 'Proefimport' }).textContent()).resolves.toContain('40 klanten (40 nieuw, 0 bijgewerkt)');
  expect(await page.locator('#import-errors').count()).toBe(0);

  await page.getByLabel('Bestand (.csv of .xlsx)').setInputFiles(fixedFile);
  await page.getByLabel('Proefimport: alleen controleren, niets opslaan').uncheck();
  await page.getByRole('button', { name: 'Importeren' }).click();
  await expect(page.locator('#import-summary').filter({ hasText: 'Geïmporteerd' }).textContent()).resolves.toContain('40 klanten (40 nieuw');
  violations.push(...(await checkPage(page, '62-controller-import-done')));

  const [count] = await service.t.sql(`SELECT count(*)::int AS n FROM controllers WHERE external_key LIKE 'E2E-%' AND active`);
  expect(count.n).toBe(40);
  expect(violations).toEqual([]);
});
