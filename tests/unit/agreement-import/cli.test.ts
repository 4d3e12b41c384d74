import path from 'node:path';
import { agreementImportCommand } from '../../../src/cli/agreement-import.command';

/** `npm run cli -- agreement:import FILE [--json]`, without spawning a process. */
const FILE = path.resolve(__dirname, '../../fixtures/agreement-profiles/english-dpa.txt');

describe('agreement:import', () => {
  it('prints a readable table with every field, its clause, and the contacts', async () => {
    const out = await agreementImportCommand(FILE, {});
    expect(out).toMatch(/^field\s+value\s+conf\.\s+clause\s+source/);
    expect(out).toMatch(/deadline\s+hours: 36; withoutUndueDelay: true\s+0\.90\s+3\.1/);
    expect(out).toMatch(/escalation\s+NOT FOUND/);
    expect(out).toMatch(/contact c2\s+controller \| ISO \| John Sample .* stands in for c1/);
    expect(out).toContain('language: en');
  });

  it('prints the full proposal as JSON with --json', async () => {
    const out = JSON.parse(await agreementImportCommand(FILE, { json: true }));
    expect(out.clockStart).toMatchObject({ found: true, value: 'first_discovery', source: { clause: '3.1' } });
  });

  it('a missing file is an error, not a proposal', async () => {
    await expect(agreementImportCommand('/no/such/agreement.txt', {})).rejects.toThrow(/ENOENT/);
  });
});
