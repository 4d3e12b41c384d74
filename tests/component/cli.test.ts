import { runCli } from '../support/run-cli';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';

/** The admin command line against the same database the service uses. */
describe('the admin command line', () => {
  let t: TestService;
  let incidentReference: string;

  const cli = (args: string[], env: Record<string, string> = {}) => runCli(t.config.databaseUrl!, args, env);


  beforeAll(async () => {
    t = await startTestService({ worker: false });
    const support = await t.login(USERS.support);
    const res = await t.as(support).post('/api/incidents', {
      summary: 'USB-stick met salarisadministratie kwijt',
      discoveredAt: new Date(Date.now() - 30 * 3600_000).toISOString(),
      controllerIds: [await controllerIdByName(t, 'Polderpeil')],
    });
    incidentReference = res.body.reference;
  });
  afterAll(() => t?.stop());

  test('when an admin creates a user without a password, then one is generated, shown once, and works for logging in', async () => {
    const out = await cli(['users:create', '--email', 'nieuw@demo-verwerker.example', '--name', 'Nieuwe Collega', '--role', 'support', '--json']);
    expect(out.code).toBe(0);
    const created = JSON.parse(out.stdout);
    expect(created).toEqual({ id: expect.any(String), password: expect.any(String) });
    await expect(t.login('nieuw@demo-verwerker.example', created.password)).resolves.toEqual(expect.any(String));
    const again = await cli(['users:create', '--email', 'nieuw@demo-verwerker.example', '--name', 'X', '--role', 'support']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already in use');
  });

  test('when tracks are past their deadline, then tracks:overdue lists them and exits 3 for scripts', async () => {
    const out = await cli(['tracks:overdue', '--json']);
    expect(out.code).toBe(3);
    expect(JSON.parse(out.stdout).map((r: any) => r.reference)).toContain(incidentReference);
  });

  test('when the audit trail is intact, then audit:verify says so; the register exports as CSV with progress on stderr only', async () => {
    const verify = await cli(['audit:verify', '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, broken: [] });
    const csv = await cli(['register:export', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/reference/i);
    expect(csv.stdout).toContain(incidentReference);
    expect(csv.stderr).toMatch(/rows: \d+ — klaar \/ done/);
  });

  test.each(['csv', 'json'])('when the register is exported as %s to a file, then the command exits 0, the file is whole and the count is of entries', async (format) => {
    // Arrange
    const dir = await mkdtemp(path.join(tmpdir(), 'meldplicht-export-'));
    const file = path.join(dir, `register.${format}`);
    const [{ n: entries }] = await t.sql(`SELECT count(*)::int AS n FROM tracks`);
    // Act
    const out = await cli(['register:export', '--format', format, '--out', file]);
    // Assert
    expect(out.stderr).not.toContain('ERR_STREAM_WRITE_AFTER_END');
    expect(out.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(incidentReference);
    if (format === 'json') expect(JSON.parse(text)).toHaveLength(entries);
    else expect(text.trim().split('\n')).toHaveLength(entries + 1); // the header and one line per entry
    expect(out.stderr).toContain(`rows: ${entries} — klaar / done`);
    await rm(dir, { recursive: true, force: true });
  });

  test('when retention is checked without --apply, then nothing is erased', async () => {
    const out = await cli(['retention:check', '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ applied: false, erased: 0 });
  });

  test('when the configuration is wrong, then the command says which key', async () => {
    const out = await cli(['audit:verify'], { DATABASE_URL: 'mysql://nope' });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('DATABASE_URL');
  });
});
