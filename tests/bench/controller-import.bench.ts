import { performance } from 'node:perf_hooks';
import type { AuthUser } from '../../src/auth/auth-user';
import { createAgreementTemplate } from '../../src/use-cases/manage-agreement-templates.use-case';
import { importControllers } from '../../src/use-cases/import-controllers.use-case';
import { aTemplate } from '../support/client-directory';
import { clientRows, csvFile } from '../support/controller-import-files';
import { startTestService } from '../support/test-service';
import { machine, writeResult } from './support/bench-figures';

/**
 * Benchmark 6 (issue 15): the bulk import of BENCH_CONTROLLERS controllers (default 5 000)
 * with 3 contacts each from one CSV file — dry run, first apply, re-import as update — against
 * a bare bulk insert of the same rows (two plain tables, one multi-row INSERT each) on the
 * same PostgreSQL in the same run. Target: the apply well under a minute.
 */
const CONTROLLERS = Number(process.env.BENCH_CONTROLLERS ?? 5000);
const ADMIN: AuthUser = { id: '00000000-0000-0000-0000-0000000be4c4', role: 'admin', controllerId: null };

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - start), value };
}

async function main() {
  const t = await startTestService({ worker: false });
  try {
    const deps = { dataSource: t.service.db.dataSource };
    await createAgreementTemplate(aTemplate('standaard'), ADMIN, deps);
    const rows = clientRows(CONTROLLERS, 'standaard', 'BENCH');
    const file = { buffer: csvFile(rows), fileName: 'klanten.csv' };

    const dryRun = await timed(() => importControllers(file, { dryRun: true }, ADMIN, deps));
    const apply = await timed(() => importControllers(file, { dryRun: false }, ADMIN, deps));
    const update = await timed(() => importControllers(file, { dryRun: false }, ADMIN, deps));
    for (const r of [dryRun, apply, update]) if (r.value.errors.length) throw new Error(`import errors: ${JSON.stringify(r.value.errors.slice(0, 3))}`);

    // The baseline: the same rows, parsed already, into plain tables without checks, keys or versions.
    await t.sql(`CREATE TABLE bench_controllers (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), external_key text, name text, kvk_number text, city text)`);
    await t.sql(`CREATE TABLE bench_contacts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), controller_key text, name text, role text, email text, mobile text)`);
    const firsts = rows.filter((_, i) => i % 3 === 0);
    const baseline = await timed(() =>
      deps.dataSource.transaction(async (tx) => {
        await tx.query(`INSERT INTO bench_controllers (external_key, name, kvk_number, city) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`, [
          firsts.map((r) => r.external_key), firsts.map((r) => r.name), firsts.map((r) => r.kvk_number), firsts.map((r) => r.city),
        ]);
        await tx.query(`INSERT INTO bench_contacts (controller_key, name, role, email, mobile) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`, [
          rows.map((r) => r.external_key), rows.map((r) => r.contact_name), rows.map((r) => r.contact_role), rows.map((r) => r.contact_email), rows.map((r) => r.contact_mobile ?? null),
        ]);
      }),
    );

    const result = {
      benchmark: 'controller-import',
      at: new Date().toISOString(),
      machine: machine(),
      controllers: CONTROLLERS,
      contacts: rows.length,
      fileBytes: file.buffer.length,
      ms: { dryRun: dryRun.ms, firstApply: apply.ms, reimportAsUpdate: update.ms, bareBulkInsert: baseline.ms },
      counts: { firstApply: apply.value.controllers, reimport: update.value.controllers, contacts: update.value.contacts },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`wrote ${writeResult('controller-import', result)}`);
  } finally {
    await t.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
