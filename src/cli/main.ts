import { Command } from 'commander';
import { AgreementTextError } from '../agreement-import/extract-agreement-profile';
import { agreementImportCommand } from './agreement-import.command';
import { controllerImportCommand } from './controller-import.command';
import { databaseCommands } from './database.commands';
import { ConfigError } from '../config';
import { DomainError } from '../domain/errors';

/** Meldplicht's command line: `npm run cli -- <command>` (`--help` lists them). */
const program = new Command('meldplicht').description('Meldplicht command line');

program
  .command('agreement:import')
  .description('Read a data processing agreement (.txt, .docx, .pdf) and print the proposed notification profile')
  .argument('<file>', 'the agreement file')
  .option('--json', 'print the full proposal as JSON')
  .action(async (file: string, options: { json?: boolean }) => {
    process.stdout.write(await agreementImportCommand(file, options));
  });

databaseCommands(program);
controllerImportCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof AgreementTextError || error instanceof ConfigError || error instanceof DomainError ? error.message + (error instanceof DomainError && error.fields && Object.keys(error.fields).length ? ` ${JSON.stringify(error.fields)}` : '') : (error as NodeJS.ErrnoException).code === 'ENOENT' ? `No such file: ${(error as NodeJS.ErrnoException).path}` : (error as Error).message;
  process.stderr.write(`meldplicht: ${message}\n`);
  process.exitCode = 1;
});
