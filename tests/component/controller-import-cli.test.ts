import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { aTemplate } from '../support/client-directory';
import { clientRows, csvFile, xlsxFile } from '../support/controller-import-files';
import { runCli } from '../support/run-cli';
import { startTestService, USERS, type TestService } from '../support/test-service';

/** `npm run cli -- controllers:import FILE [--dry-run]` against the service's database. */
describe('controllers:import on the command line', () => {
  let t: TestService;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meldplicht-cli-import-'));

  const cli = (args: string[]) => runCli(t.config.databaseUrl!, args);


  beforeAll(async () => {
    t = await startTestService({ worker: false });
    const admin = await t.login(USERS.admin);
    await t.as(admin).post('/api/agreement-templates', aTemplate('standaard')).expect(201);
  });
  afterAll(() => t?.stop());

  test('when a file with an error is dry-run, then every error is printed by row and column, the exit code is 1, and nothing is written', async () => {
    const rows = clientRows(3, 'standaard', 'CLI');
    rows[2] = { ...rows[2], contact_email: 'carla-at-klant' };
    const file = path.join(dir, 'fout.csv');
    writeFileSync(file, csvFile(rows));
    const res = await cli(['controllers:import', file, '--dry-run']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('row 4, contact_email: bad_email ("carla-at-klant")');
    expect((await t.sql(`SELECT count(*)::int AS n FROM controllers WHERE external_key LIKE 'CLI-%'`))[0].n).toBe(0);
  });

  test('when a clean XLSX file is imported, then the progress bar reaches 100 % and a second run updates instead of duplicating', async () => {
    const file = path.join(dir, 'klanten.xlsx');
    writeFileSync(file, await xlsxFile(clientRows(12, 'standaard', 'CLX')));
    const first = await cli(['controllers:import', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('controllers: 12 new, 0 updated');
    expect(first.stderr).toMatch(/write \[#{30}\] 100% controllers written 12\/12/);
    const second = await cli(['controllers:import', file, '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: true, controllers: { created: 0, updated: 12 }, contacts: { created: 0, updated: 36 } });
    expect((await t.sql(`SELECT count(*)::int AS n FROM controllers WHERE external_key LIKE 'CLX-%'`))[0].n).toBe(12);
  });
});
