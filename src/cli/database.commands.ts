import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createUserSchema, type CreateUserInput } from '../domain/directory.schemas';
import { registerQuerySchema } from '../domain/dpo.schemas';
import { insertProcessor } from '../seed/seed-demo-data';
import { checkRetention } from '../use-cases/check-retention.use-case';
import { createUser } from '../use-cases/create-user.use-case';
import { exportRegister } from '../use-cases/read-register.use-case';
import { verifyAuditChains } from '../use-cases/verify-audit-chains.use-case';
import { CLI_ADMIN, progress, withDatabase } from './cli-context';
import { ValidationError } from '../domain/errors';

const print = (json: boolean | undefined, data: unknown, text: () => string) =>
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`);

/** The admin commands that work on the database (see README, "Command line"). */
export function databaseCommands(program: Command): void {
  program
    .command('processor:init')
    .description('Create the processor (us) on an empty database: needed once in production, where no demo data is made')
    .requiredOption('--name <name>').requiredOption('--contact-name <name>').requiredOption('--contact-role <role>')
    .requiredOption('--contact-email <email>').requiredOption('--contact-phone <phone>')
    .requiredOption('--security-officer <name,email,mobile>').requiredOption('--director <name,email,mobile>')
    .option('--kvk <number>').option('--city <city>').option('--json')
    .action(async (o) => {
      const person = (value: string, flag: string) => {
        const [name, email, mobile] = value.split(',').map((s: string) => s.trim());
        if (!name || !email || !mobile) throw new ValidationError(`Check ${flag}.`, { [flag]: 'give name,email,mobile' });
        return { name, email, mobile };
      };
      const id = await withDatabase(async (db) =>
        db.dataSource.transaction(async (tx) => {
          const [existing] = await tx.query(`SELECT id FROM processors LIMIT 1`);
          if (existing) throw new ValidationError('The processor exists already.', { name: 'already set up' });
          return insertProcessor(tx, {
            name: o.name, kvkNumber: o.kvk ?? '', city: o.city ?? '',
            contactPoint: { name: o.contactName, role: o.contactRole, email: o.contactEmail, phone: o.contactPhone },
            securityOfficer: person(o.securityOfficer, 'security-officer'), director: person(o.director, 'director'),
          });
        }),
      );
      print(o.json, { id }, () => `Processor created: ${id}`);
    });

  program
    .command('users:create')
    .description('Create a user; the password comes from MELDPLICHT_PASSWORD or is generated and printed once')
    .requiredOption('--email <email>').requiredOption('--name <name>').requiredOption('--role <role>', 'support | admin | controller | dpo')
    .option('--controller <id>', 'for controller and dpo users').option('--language <nl|en>', 'nl').option('--json')
    .action(async (o) => {
      const generated = !process.env.MELDPLICHT_PASSWORD;
      const password = process.env.MELDPLICHT_PASSWORD ?? randomBytes(12).toString('base64url');
      const parsed = createUserSchema.safeParse({ email: o.email, name: o.name, role: o.role, controllerId: o.controller, language: o.language ?? 'nl', password });
      if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), {});
      const id = await withDatabase((db) => createUser(parsed.data as CreateUserInput, CLI_ADMIN, db));
      print(o.json, { id, ...(generated ? { password } : {}) }, () => `User created: ${id}${generated ? `\nPassword (shown once): ${password}` : ''}`);
    });

  program
    .command('tracks:overdue')
    .description('Tracks past their notice deadline without a notice')
    .option('--json')
    .action(async (o) => {
      const rows = await withDatabase((db) =>
        db.dataSource.query(
          `SELECT i.reference, c.name AS controller, t.state, t.notify_deadline_at AS deadline, t.id AS track_id
             FROM tracks t JOIN incidents i ON i.id = t.incident_id JOIN controllers c ON c.id = t.controller_id
            WHERE t.first_notified_at IS NULL AND t.state NOT IN ('closed', 'dismissed') AND t.notify_deadline_at < now()
            ORDER BY t.notify_deadline_at`,
        ),
      );
      print(o.json, rows, () => (rows.length === 0 ? 'No overdue tracks.' : rows.map((r: any) => `${r.reference}  ${new Date(r.deadline).toISOString()}  ${r.state.padEnd(16)} ${r.controller}`).join('\n')));
      if (rows.length > 0) process.exitCode = 3; // scripts can alert on it
    });

  program
    .command('audit:verify')
    .description("Re-check every incident's audit hash chain; names the first broken link")
    .option('--json')
    .action(async (o) => {
      const result = await withDatabase((db) => verifyAuditChains(CLI_ADMIN, db));
      print(o.json, result, () =>
        result.ok
          ? `Audit trail intact: ${result.incidents} incidents, ${result.events} events.`
          : `BROKEN:\n${result.broken.map((b) => `  ${b.reference}: event ${b.brokenAtSeq} — ${b.reason}`).join('\n')}`,
      );
      if (!result.ok) process.exitCode = 4;
    });

  program
    .command('register:export')
    .description('Export the register (every security incident) as CSV or JSON, streamed')
    .option('--format <csv|json>', 'csv').option('--out <file>', 'write to a file instead of stdout')
    .option('--controller <id>').option('--from <date>').option('--to <date>').option('--state <state>')
    .action(async (o) => {
      const query = registerQuerySchema.parse(Object.fromEntries(Object.entries({ controllerId: o.controller, from: o.from, to: o.to, state: o.state }).filter(([, v]) => v !== undefined)));
      const target = o.out ? createWriteStream(o.out) : process.stdout;
      const bar = progress('rows');
      let lines = 0;
      const counting = new Writable({
        write(chunk, _enc, done) {
          lines += (chunk.toString().match(/\n/g) ?? []).length;
          bar.tick(lines);
          target.write(chunk, done);
        },
      });
      // The count of entries, not of lines (a CSV header and JSON brackets are not entries).
      const rows = await withDatabase((db) => exportRegister(o.format === 'json' ? 'json' : 'csv', query, CLI_ADMIN, db, counting));
      // Everything written through `counting` reaches the file before the file is closed: ending it
      // while a chunk still waited in `counting` was a write after end (exit 1 on a finished file).
      await new Promise<void>((resolve, reject) => counting.end((error?: Error | null) => (error ? reject(error) : resolve())));
      bar.done(rows);
      if (o.out) await new Promise<void>((resolve) => (target as NodeJS.WritableStream).end(resolve));
    });

  program
    .command('retention:check')
    .description('List breach records past their retention term; with --apply, erase them (the register skeleton stays)')
    .option('--apply').option('--json')
    .action(async (o) => {
      const result = await withDatabase((db) => checkRetention(Boolean(o.apply), CLI_ADMIN, db));
      print(o.json, result, () =>
        `${result.due.length} incident(s) due${result.applied ? `, ${result.erased} erased` : ' (dry run: --apply erases)'}` +
        (result.withoutTerm.length ? `\n${result.withoutTerm.length} ended agreement(s) without a retention term` : ''),
      );
    });
}
