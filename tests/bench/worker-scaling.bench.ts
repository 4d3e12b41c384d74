import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startService } from '../../src/service';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { createTestDatabase, JWT_SECRET, TWILIO } from '../support/test-service';
import { startTwilioStandIn } from '../support/twilio-stand-in';
import { inParallel, machine, sleep, writeResult } from './support/bench-figures';
import { apiClient, BENCH_PUBLIC_URL, NOTICES_PER_TRACK, postgresBackendCpu, postgresCpuBetween, prepareDatabase, ProviderReceipts, serviceEnv } from './support/notice-bench-setup';
import { machineCpu, startServiceProcess, type ServiceProcess } from './support/service-process';

/**
 * Benchmark 5 (issue 7): throughput per number of worker processes. For each of 1, 2 and 3
 * workers, on a fresh database: 5 000 notices are queued first (625 incidents for a controller
 * whose agreement names 4 recipients with e-mail and mobile, each notified by a NOTIFY command,
 * through the API of an in-process ROLE=web service, with no worker running), then N real
 * worker processes (`tsx src/main.ts`, ROLE=worker, production defaults) are started against
 * the local SMTP server and Twilio stand-in, and we wait until every ledger row has settled.
 *
 * Throughput = notices / (last notice settled − first notice claimed), both read from the
 * ledger on the database clock; the time from starting the processes is printed too. The
 * duplicates are counted on the providers' side (an e-mail per `x-meldplicht-ref`, an SMS per
 * signed acknowledgement link): they must be 0, or the script exits non-zero. Baseline: the
 * 1-worker run; 2 and 3 workers are printed as a ratio to it.
 *
 * BENCH_NOTICES (default 5000) scales the work; BENCH_WORKERS (default "1,2,3") the runs.
 */
const NOTICES = Number(process.env.BENCH_NOTICES ?? 5000);
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2,3').split(',').map(Number);
const TRACKS = Math.ceil(NOTICES / NOTICES_PER_TRACK);
const SETTLE_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 30 * 60_000);

interface RunResult {
  workers: number;
  notices: number;
  setupSeconds: number;
  /** From spawning the processes to the last row settled (start-up of tsx included). */
  wallSeconds: number;
  /** First claim to last settle, on the ledger. */
  sendSeconds: number;
  noticesPerSecond: number;
  firstClaimAfterSpawnSeconds: number;
  statuses: Record<string, number>;
  /** Alerts to the processor's own people that went out meanwhile (also a ledger; 0 expected). */
  alerts: number;
  providerDuplicates: number;
  sentWithoutReceipt: number;
  /**
   * CPU seconds while the workers ran: each worker process after its start-up, the PostgreSQL
   * backends of this database, this process (the idle web part and the stand-ins), the whole
   * machine (busy of capacity, all cores; the rest of "busy" is other work on the host).
   */
  cpu: { workers: number[]; workerMsPerNotice: number; postgres: number; benchProcess: number; machineBusy: number; machineCapacity: number };
}

async function run(workers: number): Promise<RunResult> {
  const smtp = await startSmtpTestServer();
  const standIn = await startTwilioStandIn(TWILIO);
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meldplicht-bench-'));
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const processes: ServiceProcess[] = [];
  let web: Awaited<ReturnType<typeof startService>> | null = null;
  try {
    const { controllerId } = await prepareDatabase(db.url);
    // The web part in-process (ROLE=web: no worker), only to queue the notices through the API.
    web = await startService(
      loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, JWT_SECRET, PUBLIC_URL: BENCH_PUBLIC_URL, SEED_DEMO: 'false', ROLE: 'web' }),
      { logger: createLogger({ silent: true }) },
    );
    const setupStarted = Date.now();
    const api = await apiClient(web.url!);
    await inParallel(Array.from({ length: TRACKS }), 8, async () => {
      const incidentId = await api.report([controllerId]);
      await api.event(incidentId, { type: 'NOTIFY' }); // the agreement wants a suspicion notified: no CONFIRM needed
    });
    const [{ queued }] = (await pool.query(`SELECT count(*)::int AS queued FROM notices WHERE status = 'queued'`)).rows;
    if (queued !== TRACKS * NOTICES_PER_TRACK) throw new Error(`expected ${TRACKS * NOTICES_PER_TRACK} queued notices, found ${queued}`);
    const setupSeconds = (Date.now() - setupStarted) / 1000;

    const benchCpuBefore = process.cpuUsage();
    const machineBefore = machineCpu();
    const postgresBefore = await postgresBackendCpu(pool);
    const spawnedAt = Date.now();
    const env = { ...serviceEnv(db.url, smtp, standIn, dataDir), ROLE: 'worker' };
    processes.push(...(await Promise.all(Array.from({ length: workers }, (_, i) => startServiceProcess(`worker ${i + 1}`, env)))));

    const open = async () => (await pool.query(
      `SELECT (SELECT count(*)::int FROM notices WHERE status IN ('queued', 'sending'))
            + (SELECT count(*)::int FROM alerts WHERE status IN ('queued', 'sending')) AS n`,
    )).rows[0].n as number;
    let lastReport = Date.now();
    while ((await open()) > 0) {
      if (Date.now() - spawnedAt > SETTLE_TIMEOUT_MS) throw new Error(`not settled after ${SETTLE_TIMEOUT_MS} ms`);
      const dead = processes.find((p) => !p.running());
      if (dead) throw new Error(`${dead.name} exited before the work was done`);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        const [{ done }] = (await pool.query(`SELECT count(*)::int AS done FROM notices WHERE status NOT IN ('queued', 'sending')`)).rows;
        console.log(`  … ${workers} worker(s): ${done}/${queued} settled after ${Math.round((Date.now() - spawnedAt) / 1000)} s`);
      }
      await sleep(250);
    }
    const wallSeconds = (Date.now() - spawnedAt) / 1000;
    // Without what starting tsx and the service cost, read as each one came up.
    const workerCpu = processes.map((p) => Number((p.cpuSeconds() - p.startupCpuSeconds).toFixed(1)));
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const machineAfter = machineCpu();
    const postgresCpu = postgresCpuBetween(postgresBefore, await postgresBackendCpu(pool));

    const [ledger] = (await pool.query(
      `SELECT extract(epoch FROM max(status_updated_at) - min(sending_at)) AS send_seconds,
              extract(epoch FROM min(sending_at)) * 1000 AS first_claim_ms
         FROM notices`,
    )).rows;
    const statuses = Object.fromEntries((await pool.query(`SELECT status, count(*)::int AS n FROM notices GROUP BY 1`)).rows.map((r) => [r.status, r.n]));
    const [{ alerts }] = (await pool.query(`SELECT count(*)::int AS alerts FROM alerts`)).rows;
    const notices = (await pool.query(`SELECT id, channel, track_id, contact_id, version, status FROM notices`)).rows;
    const receipts = new ProviderReceipts(smtp, standIn).refresh();
    const sentWithoutReceipt = notices.filter((n) => ['sent', 'delivered'].includes(n.status) && receipts.of(n).length !== 1).length;
    const sendSeconds = Number(ledger.send_seconds);
    return {
      workers, notices: queued, setupSeconds: Number(setupSeconds.toFixed(1)),
      wallSeconds: Number(wallSeconds.toFixed(1)), sendSeconds: Number(sendSeconds.toFixed(1)),
      noticesPerSecond: Number((queued / sendSeconds).toFixed(1)),
      firstClaimAfterSpawnSeconds: Number(((Number(ledger.first_claim_ms) - spawnedAt) / 1000).toFixed(1)),
      statuses, alerts, providerDuplicates: receipts.duplicates(), sentWithoutReceipt,
      cpu: {
        workers: workerCpu,
        workerMsPerNotice: Number(((workerCpu.reduce((a, b) => a + b, 0) * 1000) / queued).toFixed(1)),
        postgres: Number(postgresCpu.toFixed(1)),
        benchProcess: Number(((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)),
        machineBusy: Number((machineAfter.busy - machineBefore.busy).toFixed(1)),
        machineCapacity: Number((machineAfter.total - machineBefore.total).toFixed(1)),
      },
    };
  } catch (error) {
    for (const p of processes) console.error(`${p.name} log (tail):\n${p.output().slice(-2000)}`);
    throw error;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await web?.stop();
    await pool.end();
    await smtp.close();
    await standIn.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const host = machine(); // before the run: its load average says what else ran on the machine
  const runs: RunResult[] = [];
  for (const workers of WORKER_COUNTS) {
    console.log(`${workers} worker process(es): queueing ${TRACKS * NOTICES_PER_TRACK} notices…`);
    const result = await run(workers);
    runs.push(result);
    console.log(`  queued in ${result.setupSeconds} s; settled ${result.sendSeconds} s after the first claim (${result.wallSeconds} s after spawning): ` +
      `${result.noticesPerSecond} notices/s; statuses ${JSON.stringify(result.statuses)}; duplicates ${result.providerDuplicates}; ` +
      `CPU s: workers ${result.cpu.workers.join('/')} (${result.cpu.workerMsPerNotice} ms a notice), PostgreSQL ${result.cpu.postgres}, ` +
      `this process ${result.cpu.benchProcess}; machine busy ${result.cpu.machineBusy} of ${result.cpu.machineCapacity}`);
  }
  const base = runs.find((r) => r.workers === 1) ?? runs[0];
  console.log(`\n${'workers'.padEnd(8)} ${'notices/s'.padStart(10)} ${'ratio'.padStart(7)} ${'duplicates'.padStart(11)}`);
  for (const r of runs) {
    console.log(`${String(r.workers).padEnd(8)} ${String(r.noticesPerSecond).padStart(10)} ${(r.noticesPerSecond / base.noticesPerSecond).toFixed(2).padStart(7)} ${String(r.providerDuplicates).padStart(11)}`);
  }
  const duplicates = runs.reduce((sum, r) => sum + r.providerDuplicates, 0);
  const result = {
    benchmark: 'worker-scaling',
    setup: {
      notices: TRACKS * NOTICES_PER_TRACK, tracks: TRACKS, noticesPerTrack: NOTICES_PER_TRACK,
      workers: `tsx src/main.ts, ROLE=worker, NODE_ENV=production, WORKER_POLL_MS 1000 (default), WORKER_CONCURRENCY ${process.env.WORKER_CONCURRENCY ?? '10 (default)'}, one process each`,
      providers: 'tests/support SMTP server (smtp-server + mailparser) and Twilio stand-in, in the benchmark process',
    },
    machine: host,
    runs: runs.map((r) => ({ ...r, ratioToOneWorker: Number((r.noticesPerSecond / base.noticesPerSecond).toFixed(2)) })),
    providerDuplicates: duplicates,
    at: new Date().toISOString(),
  };
  console.log(`duplicates at the providers over all runs: ${duplicates}`);
  console.log(`written to ${writeResult('worker-scaling', result)}`);
  if (duplicates > 0 || runs.some((r) => r.sentWithoutReceipt > 0)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
