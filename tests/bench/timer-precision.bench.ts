import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Logger as QueueLogger, run, type Runner } from 'graphile-worker';
import { Pool } from 'pg';
import { loadConfig, type Config } from '../../src/config';
import { timerJobKey } from '../../src/jobs/job-queue';
import { createLogger } from '../../src/logger';
import { startService, type Service } from '../../src/service';
import { demoAgreements, type DemoAgreementSeed } from '../../src/seed/demo-agreements';
import { insertController } from '../../src/seed/seed-demo-data';
import { reportIncident } from '../../src/use-cases/report-incident.use-case';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { createTestDatabase } from '../support/test-service';
import { inParallel, machine, summarize } from './bench-stats';
import { BENCH_JWT_SECRET, cpuSeconds, startServiceProcess } from './support/service-process';

/**
 * Benchmark 3 (issue 7): timer precision. BENCH_TIMERS (default 10 000) deadline timers fall
 * due spread over one minute while the real worker (`tsx src/main.ts`, ROLE=worker, product
 * defaults) runs in its own process. Lateness of each = applied_at − due_at as the database
 * records them (the audit event carries the same moment). Baseline, same run, same database:
 * a bare graphile-worker task with the same poll interval and concurrency, as many jobs due
 * at the same offsets, that only records when it ran. Target: p99 < 2 s, none missing, none
 * applied twice.
 */
const TIMERS = Number(process.env.BENCH_TIMERS ?? 10_000);
const WINDOW_MS = 60_000;
/** Time between "shift the timers" and the first one falling due: the worker is idle and polling by then. */
const LEAD_MS = 5_000;
/** After the window, how long the worker may take to catch up before a timer counts as missing. */
const GRACE_MS = Number(process.env.BENCH_GRACE_MS ?? 120_000);
/** Tracks per incident (controllers named in each report), as in the crash-safety load test. */
const CONTROLLERS = 10;
/** Each track has two deadline timers: the warning at 50 % and the deadline itself. */
const TIMER_NAMES = ['warning-50', 'elapsed'] as const;
const TARGET_P99_MS = 2000;
/** Worker settings to try (WORKER_CONCURRENCY, WORKER_POLL_MS); unset, the product's defaults run. */
const WORKER_ENV = Object.fromEntries(['WORKER_CONCURRENCY', 'WORKER_POLL_MS'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));

type Lateness = ReturnType<typeof summarize> & { missing: number; doubled: number };

async function addControllers(service: Service): Promise<string[]> {
  const base = demoAgreements[0];
  const [{ id: processorId }] = await service.db.dataSource.query(`SELECT id FROM processors LIMIT 1`);
  return service.db.dataSource.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 1; i <= CONTROLLERS; i++) {
      const nn = String(i).padStart(2, '0');
      const seed: DemoAgreementSeed = {
        controller: { name: `Timertest Klant ${nn} B.V.`, kvkNumber: `920000${nn}`, sector: 'test', city: 'Utrecht' },
        agreement: { ...base.agreement, title: 'Verwerkersovereenkomst (timertest)', deadlineHours: 24, clockStart: 'processor_discovery', notifySuspicion: true, warningShares: [0.5] },
        contacts: [{ key: 'primary', name: `Contact ${nn}`, role: 'breach_contact', email: `datalek-${nn}@klant-${nn}.example`, mobile: `+316000098${nn}`, order: 1, receivesBreachNotice: true }],
      };
      ids.push(await insertController(tx, processorId, seed));
    }
    return ids;
  });
}

/** Tracks, timers and jobs written by the product's own intake (reportIncident), 24 h ahead for now. */
async function generate(service: Service, incidents: number): Promise<string[]> {
  const controllerIds = await addControllers(service);
  const [support] = await service.db.dataSource.query(`SELECT id FROM users WHERE role = 'support' LIMIT 1`);
  const user = { id: support.id, role: 'support' as const, controllerId: null };
  const deps = { dataSource: service.db.dataSource, publicUrl: service.config.publicUrl };
  await inParallel(Array.from({ length: incidents }, (_, i) => i), 4, async (i) => {
    await reportIncident({
      summary: `Timertest ${i}: export met klantgegevens op een open share`,
      discoveredAt: new Date().toISOString(),
      discoveredBy: { kind: 'processor' },
      controllerIds,
      fields: { nature: { kinds: ['confidentiality'], actions: ['read'] }, cause: 'verkeerde rechten', consequences: null } as never,
    }, user, deps);
  });
  const rows = await service.db.dataSource.query(`SELECT id FROM tracks ORDER BY created_at, id`);
  return rows.map((r: { id: string }) => r.id);
}

/** Offsets (ms into the window) for every timer: evenly spread, shuffled so neighbours belong to different tracks. */
function offsets(count: number): number[] {
  const list = Array.from({ length: count }, (_, i) => Math.floor(((i + Math.random()) * WINDOW_MS) / count));
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

function latenessOf(rows: Array<{ lateness_ms: number | null; events: number }>): Lateness {
  const applied = rows.filter((r) => r.events >= 1 && r.lateness_ms !== null).map((r) => Number(r.lateness_ms));
  return { ...summarize(applied), missing: rows.filter((r) => r.events === 0).length, doubled: rows.filter((r) => r.events > 1).length };
}

/**
 * Where the worker's time goes: CPU of its process and of the PostgreSQL backends serving the
 * database (sampled, so a backend that closes keeps what it had used when last seen).
 */
function cpuMeter(pool: Pool, workerPid: number) {
  const backends = new Map<number, number>();
  const start = { worker: cpuSeconds(workerPid), backends: 0 };
  return {
    async sample() {
      const { rows } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      for (const { pid } of rows) backends.set(pid, Math.max(backends.get(pid) ?? 0, cpuSeconds(pid)));
    },
    read: () => ({ workerProcessS: Number((cpuSeconds(workerPid) - start.worker).toFixed(1)), dbBackendsS: Number([...backends.values()].reduce((a, b) => a + b, 0).toFixed(1)) }),
  };
}

async function waitUntil(what: string, timeoutMs: number, done: () => Promise<boolean>, progress?: () => Promise<string>): Promise<boolean> {
  const started = Date.now();
  let lastPrint = started;
  while (Date.now() - started < timeoutMs) {
    if (await done()) return true;
    if (progress && Date.now() - lastPrint >= 10_000) {
      lastPrint = Date.now();
      console.log(`  ${what}: ${await progress()}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** The baseline: a bare graphile-worker task, same poll interval and concurrency, that records when it ran. */
async function baseline(pool: Pool, connectionString: string, worker: Config, offsetsMs: number[]): Promise<Lateness & { cpu: ReturnType<ReturnType<typeof cpuMeter>['read']> }> {
  await pool.query(`CREATE TABLE bench_timer_runs (n integer NOT NULL, due_at timestamptz NOT NULL, ran_at timestamptz NOT NULL)`);
  const runner: Runner = await run({
    connectionString, concurrency: worker.workerConcurrency, pollInterval: worker.workerPollMs, noHandleSignals: true,
    logger: new QueueLogger(() => () => undefined),
    taskList: {
      bench_tick: async (payload, helpers) => {
        // now() as the product's timer records it: the start of the task's transaction.
        await helpers.query(`INSERT INTO bench_timer_runs (n, due_at, ran_at) VALUES ($1, $2, now())`, [(payload as { n: number }).n, helpers.job.run_at]);
      },
    },
  });
  const cpu = cpuMeter(pool, process.pid);
  try {
    await pool.query(
      `SELECT graphile_worker.add_job('bench_tick', json_build_object('n', o.n), run_at := now() + $1 * interval '1 millisecond' + o.ms * interval '1 millisecond')
         FROM unnest($2::int[]) WITH ORDINALITY AS o(ms, n)`,
      [LEAD_MS, offsetsMs],
    );
    const count = async () => (await pool.query(`SELECT count(*)::int AS n FROM bench_timer_runs`)).rows[0].n as number;
    await waitUntil('baseline', LEAD_MS + WINDOW_MS + GRACE_MS, async () => {
      await cpu.sample();
      return (await count()) >= offsetsMs.length;
    }, async () => `${await count()} of ${offsetsMs.length} ran`);
    await cpu.sample();
  } finally {
    await runner.stop();
  }
  const used = cpu.read();
  console.log(`  CPU of the bare worker (this process, so with the benchmark's own polling): ${used.workerProcessS} s, database ${used.dbBackendsS} s for ${offsetsMs.length} jobs`);
  const { rows } = await pool.query(
    `SELECT o.n, r.events, r.lateness_ms FROM generate_series(1, $1::int) AS o(n)
       LEFT JOIN (SELECT n, count(*)::int AS events, min(extract(epoch FROM ran_at - due_at) * 1000)::float8 AS lateness_ms FROM bench_timer_runs GROUP BY n) r USING (n)`,
    [offsetsMs.length],
  );
  return { ...latenessOf(rows.map((r) => ({ lateness_ms: r.lateness_ms, events: r.events ?? 0 }))), cpu: used };
}

async function meldplicht(pool: Pool, databaseUrl: string, trackIds: string[], offsetsMs: number[]): Promise<{ lateness: Lateness; byTimer: Record<string, Lateness>; appliedBy: Record<string, number>; alerts: Record<string, number>; cost: Record<string, number>; timerJobLines: number }> {
  // The real worker as deployed: its own process, ROLE=worker, every timing setting at its default.
  // Production refuses to start without a mail server (the alerts go there); SMS are off.
  const smtp = await startSmtpTestServer();
  const worker = await startServiceProcess('worker', { ROLE: 'worker', DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, SMS_ENABLED: 'false', ...WORKER_ENV });
  try {
    // Let time pass the way tests/support/clock.ts does, for every timer at once: each track's
    // warning falls due before its deadline, the job's run_at moves with its timer.
    const names: string[] = [];
    const ids: string[] = [];
    const due: number[] = [];
    trackIds.forEach((id, i) => {
      const [a, b] = [offsetsMs[2 * i], offsetsMs[2 * i + 1]].sort((x, y) => x - y);
      ids.push(id, id);
      names.push(TIMER_NAMES[0], TIMER_NAMES[1]);
      due.push(a, b);
    });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `UPDATE track_timers tt SET due_at = now() + ($1 + p.ms) * interval '1 millisecond'
           FROM unnest($2::uuid[], $3::text[], $4::int[]) AS p(track_id, name, ms) WHERE tt.track_id = p.track_id AND tt.name = p.name`,
        [LEAD_MS, ids, names, due],
      );
      await client.query(`UPDATE tracks t SET notify_deadline_at = tt.due_at FROM track_timers tt WHERE tt.track_id = t.id AND tt.name = 'elapsed'`);
      const [{ n }] = (await client.query(
        `WITH moved AS (
           UPDATE graphile_worker._private_jobs j SET run_at = tt.due_at
             FROM unnest($1::text[], $2::uuid[], $3::text[]) AS k(key, track_id, name)
             JOIN track_timers tt ON tt.track_id = k.track_id AND tt.name = k.name
            WHERE j.key = k.key RETURNING 1)
         SELECT count(*)::int AS n FROM moved`,
        [ids.map((id, i) => timerJobKey(id, names[i])), ids, names],
      )).rows;
      if (n !== ids.length) throw new Error(`expected ${ids.length} timer jobs, found ${n}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    const pending = async () => (await pool.query(`SELECT count(*)::int AS n FROM track_timers WHERE applied_at IS NULL AND cancelled_at IS NULL`)).rows[0].n as number;
    const cpu = cpuMeter(pool, worker.pid);
    await waitUntil('meldplicht', LEAD_MS + WINDOW_MS + GRACE_MS, async () => {
      await cpu.sample();
      return (await pending()) === 0;
    }, async () => {
      const [row] = (await pool.query(`SELECT count(*) FILTER (WHERE due_at <= now())::int AS due, count(applied_at)::int AS applied FROM track_timers`)).rows;
      const [alerts] = (await pool.query(`SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*)::int AS total FROM alerts`)).rows;
      return `${row.due} due, ${row.applied} applied; alerts ${alerts.queued} of ${alerts.total} still queued`;
    });
    await cpu.sample();
    const cpuUsed = cpu.read();
    const alerts = Object.fromEntries((await pool.query(`SELECT status, count(*)::int AS n FROM alerts GROUP BY status`)).rows.map((r) => [r.status, r.n]));
    // Per job: timers applied plus alerts sent while the timers ran (each alert send is a job too).
    const jobs = trackIds.length * TIMER_NAMES.length + (alerts.sent ?? 0);
    const cost = { ...cpuUsed, jobs, cpuMsPerJob: Math.round(((cpuUsed.workerProcessS + cpuUsed.dbBackendsS) * 1000) / jobs) };
    console.log(`  CPU while the timers ran: worker ${cost.workerProcessS} s, database ${cost.dbBackendsS} s for ${jobs} jobs (${cost.cpuMsPerJob} ms per job)`);
    const { rows } = await pool.query(
      `WITH ev AS (
         SELECT track_id, data->>'timer' AS name, count(*)::int AS events, min(actor->>'name') AS applied_by
           FROM audit_events WHERE type IN ('track.deadline_warning', 'track.deadline_elapsed') GROUP BY 1, 2)
       SELECT tt.name, coalesce(ev.events, 0) AS events, ev.applied_by,
              (extract(epoch FROM tt.applied_at - tt.due_at) * 1000)::float8 AS lateness_ms
         FROM track_timers tt LEFT JOIN ev USING (track_id, name)`,
    );
    const byTimer = Object.fromEntries(TIMER_NAMES.map((name) => [name, latenessOf(rows.filter((r) => r.name === name))]));
    const appliedBy: Record<string, number> = {};
    for (const r of rows) if (r.applied_by) appliedBy[r.applied_by] = (appliedBy[r.applied_by] ?? 0) + 1;
    return { lateness: latenessOf(rows), byTimer, appliedBy, alerts, cost, timerJobLines: worker.logged('deadline timer') };
  } finally {
    await worker.stop();
    await smtp.close();
  }
}

async function main() {
  const machineAtStart = machine();
  const tracks = Math.ceil(TIMERS / TIMER_NAMES.length / CONTROLLERS) * CONTROLLERS;
  const incidents = tracks / CONTROLLERS;
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, JWT_SECRET: BENCH_JWT_SECRET, SEED_DEMO: 'true', ROLE: 'web', ...WORKER_ENV });
  const service = await startService(config, { logger: createLogger({ silent: true }) });
  const pool = new Pool({ connectionString: db.url, max: 3 });
  let webStopped = false;
  try {
    const started = Date.now();
    const trackIds = await generate(service, incidents);
    const generationMs = Date.now() - started;
    await service.stop(); // the web part is not needed any more; the worker process does the rest
    webStopped = true;
    const timers = trackIds.length * TIMER_NAMES.length;
    console.log(`generated ${incidents} incidents, ${trackIds.length} tracks, ${timers} deadline timers with their jobs in ${(generationMs / 1000).toFixed(1)} s`);
    const spread = offsets(timers);
    // BENCH_BASELINE=false skips the baseline while investigating the product's side.
    const base = process.env.BENCH_BASELINE === 'false'
      ? { ...summarize([]), missing: 0, doubled: 0, cpu: { workerProcessS: 0, dbBackendsS: 0 } }
      : await baseline(pool, db.url, config, spread);
    console.log(`baseline   p50 ${base.p50} ms  p99 ${base.p99} ms  max ${base.max} ms  missing ${base.missing}  doubled ${base.doubled}`);
    const product = await meldplicht(pool, db.url, trackIds, spread);
    const l = product.lateness;
    console.log(`meldplicht p50 ${l.p50} ms  p99 ${l.p99} ms  max ${l.max} ms  missing ${l.missing}  doubled ${l.doubled}  (applied by ${JSON.stringify(product.appliedBy)})`);
    const ratio = l.p99 / base.p99;
    const met = l.p99 < TARGET_P99_MS && l.missing === 0 && l.doubled === 0;
    console.log(`p99 lateness ${ratio.toFixed(1)}× the baseline's; target p99 < ${TARGET_P99_MS} ms, none missing, none doubled: ${met ? 'met' : 'NOT met'}`);
    const result = {
      benchmark: 'timer-precision', timers, tracks: trackIds.length, incidents, windowMs: WINDOW_MS, generationMs,
      worker: { process: 'node --import tsx src/main.ts, NODE_ENV=production, ROLE=worker', concurrency: config.workerConcurrency, pollIntervalMs: config.workerPollMs, reconcileEveryMs: config.reconcileEveryMs },
      machineAtStart, machineAtEnd: machine(), baseline: base, meldplicht: product, p99Ratio: Number(ratio.toFixed(2)),
      target: { p99Ms: TARGET_P99_MS, missing: 0, doubled: 0 }, met, at: new Date().toISOString(),
    };
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results', 'timer-precision.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await pool.end();
    if (!webStopped) await service.stop().catch(() => undefined);
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
