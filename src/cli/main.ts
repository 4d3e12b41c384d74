import { Command } from 'commander';
import { AgreementTextError } from '../agreement-import/extract-agreement-profile';
import { agreementImportCommand } from './agreement-import.command';

/** Meldplicht's command line: `npm run cli -- <command>`. Local only: no database, no network. */
const program = new Command('meldplicht').description('Meldplicht command line');

program
  .command('agreement:import')
  .description('Read a data processing agreement (.txt, .docx, .pdf) and print the proposed notification profile')
  .argument('<file>', 'the agreement file')
  .option('--json', 'print the full proposal as JSON')
  .action(async (file: string, options: { json?: boolean }) => {
    process.stdout.write(await agreementImportCommand(file, options));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof AgreementTextError ? error.message : (error as NodeJS.ErrnoException).code === 'ENOENT' ? `No such file: ${(error as NodeJS.ErrnoException).path}` : (error as Error).message;
  process.stderr.write(`meldplicht: ${message}\n`);
  process.exitCode = 1;
});
