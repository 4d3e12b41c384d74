import { DataSource, type Logger as OrmLogger } from 'typeorm';
import type { AuthUser } from '../../src/auth/auth-user';
import { registerBatch } from '../../src/register/register.repository';
import { listControllersFor } from '../../src/use-cases/list-controllers.use-case';
import { listIncidents } from '../../src/use-cases/list-incidents.use-case';
import { EXPORT_BATCH } from '../../src/use-cases/read-register.use-case';

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements the product really runs: the use cases run on
 * a data source that records every query with its parameters, then each is explained. No
 * copy of a query to drift from the code.
 */
export interface QueryPlan {
  sql: string;
  ms: number;
  plan: string;
}

async function explainWhat(databaseUrl: string, run: (ds: DataSource) => Promise<unknown>, prepare?: (ds: DataSource) => Promise<void>): Promise<QueryPlan[]> {
  const captured: Array<{ sql: string; params: unknown[] }> = [];
  let recording = false;
  const logger: OrmLogger = {
    logQuery: (sql, params) => { if (recording) captured.push({ sql, params: Array.isArray(params) ? params : [] }); },
    logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined,
  };
  const ds = new DataSource({ type: 'postgres', url: databaseUrl, logging: ['query'], logger });
  await ds.initialize();
  try {
    await prepare?.(ds);
    recording = true;
    await run(ds);
    recording = false;
    const plans: QueryPlan[] = [];
    for (const q of captured) {
      const rows: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      plans.push({ sql: q.sql.replace(/\s+/g, ' ').trim(), ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN), plan });
    }
    return plans;
  } finally {
    await ds.destroy();
  }
}

/** Every query of the dashboard page for this user (the incident list and the controllers). */
export function explainDashboard(databaseUrl: string, user: AuthUser): Promise<QueryPlan[]> {
  return explainWhat(databaseUrl, (ds) => {
    const deps = { dataSource: ds, publicUrl: 'https://meldplicht.bench' };
    return Promise.all([listIncidents(user, deps), listControllersFor(user, deps)]);
  });
}

/** One export batch from the middle of the register, as the export runs it. */
export async function explainRegisterBatch(databaseUrl: string): Promise<QueryPlan> {
  let middle: { created_at: string; id: string } | undefined;
  const [plan] = await explainWhat(
    databaseUrl,
    (ds) => registerBatch(ds.manager, { controllerId: null, from: null, to: null, state: null }, { createdAt: middle!.created_at, id: middle!.id }, EXPORT_BATCH),
    async (ds) => {
      [middle] = await ds.query(`SELECT created_at::text AS created_at, id FROM tracks ORDER BY created_at, id OFFSET (SELECT count(*) / 2 FROM tracks) LIMIT 1`);
    },
  );
  return plan;
}
