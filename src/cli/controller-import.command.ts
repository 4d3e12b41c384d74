import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportError } from '../directory-import/controller-rows';
import { importControllers, type ImportProgress, type ImportResult } from '../use-cases/import-controllers.use-case';
import { CLI_ADMIN, withDatabase } from './cli-context';

/** A progress bar on stderr (stdout stays clean for --json): reading counts rows, writing fills the bar. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const final = p.total > 0 && p.done >= p.total;
    if (!final && Date.now() - last < 150) return;
    last = Date.now();
    const width = 30;
    const share = p.total > 0 ? p.done / p.total : 0;
    const bar = p.total > 0 ? `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.round(share * 100)}%` : '';
    const label = p.phase === 'read' ? `rows read ${p.done}` : `controllers written ${p.done}/${p.total}`;
    stream.write(`${stream.isTTY ? '\r' : ''}${p.phase === 'read' ? 'check' : 'write'} ${bar} ${label}${stream.isTTY && !final ? '' : '\n'}`);
  };
}

export function describeError(e: ImportError): string {
  return `row ${e.row}, ${e.column}: ${e.reason}${e.value ? ` (${JSON.stringify(e.value)})` : ''}${e.detail ? ` — ${e.detail}` : ''}`;
}

export function renderImportResult(r: ImportResult): string {
  const lines = [
    `${r.dryRun ? 'Dry run' : r.applied ? 'Imported' : 'Refused, nothing written'}: ${r.rows} rows, ${r.controllers.total} controllers, ${r.contacts.total} contacts`,
    `controllers: ${r.controllers.created} new, ${r.controllers.updated} updated`,
    `contacts: ${r.contacts.created} new, ${r.contacts.updated} updated, ${r.contacts.deactivated} leave the annex`,
  ];
  if (r.errors.length) lines.push(`${r.errors.length} error(s):`, ...r.errors.map((e) => `  ${describeError(e)}`));
  return `${lines.join('\n')}\n`;
}

/** `npm run cli -- controllers:import FILE [--dry-run] [--json]` */
export function controllerImportCommand(program: Command): void {
  program
    .command('controllers:import')
    .description('Import controllers with their annex contacts from a CSV or XLSX file (see docs/ONBOARDING.md); the CRM id makes a re-import an update')
    .argument('<file>', 'the .csv or .xlsx file')
    .option('--dry-run', 'check every row and count what would change; write nothing')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const buffer = readFileSync(file);
      const result = await withDatabase((db) =>
        importControllers({ buffer, fileName: path.basename(file) }, { dryRun: Boolean(options.dryRun), onProgress: progressBar() }, CLI_ADMIN, db),
      );
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderImportResult(result));
      if (result.errors.length > 0) process.exitCode = 1;
    });
}
