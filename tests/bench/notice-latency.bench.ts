import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { Pool } from 'pg';
import twilio from 'twilio';
import { smtpTransportOptions } from '../../src/notify/senders';
import { RebasedTwilioClient } from '../../src/notify/twilio-request-client';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { createTestDatabase, TWILIO } from '../support/test-service';
import { startTwilioStandIn } from '../support/twilio-stand-in';
import { inParallel, machine, sleep, spread, until, writeResult, type Spread } from './support/bench-figures';
import { apiClient, NOTICES_PER_TRACK, postgresBackendCpu, postgresCpuBetween, prepareDatabase, ProviderReceipts, serviceEnv, type Api } from './support/notice-bench-setup';
import { machineCpu, startServiceProcess, type ServiceProcess } from './support/service-process';

/**
 * Benchmark 2 (issue 7): notice latency. 20 tracks, each with 4 recipients who get an e-mail
 * and an SMS (8 notices a track), are notified by 20 NOTIFY commands fired at once
 * (`POST /api/incidents/:id/events {type: NOTIFY}`); per notice we take the time from the
 * moment its NOTIFY request was sent to the moment the SMTP server answered 250 or the Twilio
 * stand-in answered 201. Target: p95 < 1 s.
 *
 * The service runs as production runs it, `tsx src/main.ts` with NODE_ENV=production and the
 * default queue settings, in processes of its own: first as `npm start` does by default
 * (ROLE=all: web and worker in one process), then as docker/compose.yaml deploys it (ROLE=web
 * plus one ROLE=worker process). The SMTP server and the Twilio stand-in run here, so both
 * ends of each measurement are read on this process's clock.
 *
 * Baseline, same run, same servers: nodemailer and the twilio client with the product's own
 * transport options sending the same e-mail and SMS directly, 20 × 4 of each at once.
 *
 * BENCH_ROUNDS (default 5) rounds of 20 tracks per deployment, after one warm-up round;
 * BENCH_DEPLOYMENTS (default "all,split") which deployments; BENCH_TRACKS (default 20).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TRACKS = Number(process.env.BENCH_TRACKS ?? 20);
const RECIPIENTS = NOTICES_PER_TRACK / 2;
const TARGET_P95_MS = 1000;
const DEPLOYMENTS = {
  all: { label: 'ROLE=all: web + worker in one process (npm start, the default)', roles: ['all'] },
  split: { label: 'ROLE=web + one ROLE=worker process (docker/compose.yaml)', roles: ['web', 'worker'] },
} as const;
type DeploymentName = keyof typeof DEPLOYMENTS;
const CHOSEN = (process.env.BENCH_DEPLOYMENTS ?? 'all,split').split(',') as DeploymentName[];

interface NoticeTiming {
  channel: 'email' | 'sms';
  /** Milliseconds after its NOTIFY request was sent. */
  response: number;
  claimed: number;
  accepted: number;
  recorded: number;
}

type Smtp = Awaited<ReturnType<typeof startSmtpTestServer>>;
type StandIn = Awaited<ReturnType<typeof startTwilioStandIn>>;

async function main() {
  const host = machine(); // before the run: its load average says what else ran on the machine
  const smtp = await startSmtpTestServer();
  const standIn = await startTwilioStandIn(TWILIO);
  try {
    const measured: Partial<Record<DeploymentName, ReturnType<typeof figuresOf> & { queuePickupMsPerRound: number[]; cpu: Record<string, number[]> }>> = {};
    for (const name of CHOSEN) {
      const run = await measureDeployment(name, smtp, standIn);
      measured[name] = {
        ...figuresOf(run.timings),
        queuePickupMsPerRound: run.pickupMs,
        // Per measured round, from the first NOTIFY to the last notice settled: CPU seconds of
        // the service process(es), of the database's PostgreSQL backends and of this process
        // (the stand-ins), and how busy the whole machine was (share of all cores).
        cpu: { serviceSeconds: run.cpuPerRound, postgresSeconds: run.postgresCpuPerRound, benchProcessSeconds: run.benchCpuPerRound, machineBusyShare: run.machineBusyPerRound },
      };
    }
    // Counted before the baseline, which sends copies of a notice SMS (same link) on purpose.
    const duplicates = new ProviderReceipts(smtp, standIn).refresh().duplicates();

    const baselineTimings = await measureBaseline(smtp, standIn);
    const pick = (channel?: string) => baselineTimings.filter((t) => !channel || t.channel === channel).map((t) => t.accepted);
    const baseline = { email: spread(pick('email')), sms: spread(pick('sms')), overall: spread(pick()) };

    const headline = measured[CHOSEN[0]]!;
    const p95 = headline.overall.acceptedByProvider.p95;
    const result = {
      benchmark: 'notice-latency',
      setup: {
        rounds: ROUNDS, tracksPerRound: TRACKS, recipientsPerTrack: RECIPIENTS, noticesPerRound: TRACKS * NOTICES_PER_TRACK,
        deployments: Object.fromEntries(CHOSEN.map((name) => [name, DEPLOYMENTS[name].label])),
        service: `tsx src/main.ts, NODE_ENV=production, WORKER_POLL_MS 1000 (default), WORKER_CONCURRENCY ${process.env.WORKER_CONCURRENCY ?? '10 (default)'}`,
        baseline: 'nodemailer (smtpTransportOptions, pooled, warm) + twilio client (RebasedTwilioClient) sending directly, 20 × 4 of each at once',
      },
      machine: host,
      unit: 'ms after the NOTIFY request was sent (baseline: after the send call)',
      meldplicht: measured, baseline,
      headline: CHOSEN[0],
      ratioP50: Number((headline.overall.acceptedByProvider.p50 / baseline.overall.p50).toFixed(1)),
      ratioP95: Number((p95 / baseline.overall.p95).toFixed(1)),
      targetP95Ms: TARGET_P95_MS, met: p95 < TARGET_P95_MS,
      providerDuplicates: duplicates,
      at: new Date().toISOString(),
    };
    for (const name of CHOSEN) print(DEPLOYMENTS[name].label, measured[name]!);
    print('baseline: direct send, same servers', null, baseline);
    for (const name of CHOSEN) {
      const m = measured[name]!.overall.acceptedByProvider;
      console.log(`${name}: p95 ${m.p95} ms (target < ${TARGET_P95_MS} ms: ${m.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}), ` +
        `×${(m.p50 / baseline.overall.p50).toFixed(1)} / ×${(m.p95 / baseline.overall.p95).toFixed(1)} the baseline's p50 / p95; ` +
        `per round: queue pickup ${measured[name]!.queuePickupMsPerRound.join('/')} ms; CPU service ${measured[name]!.cpu.serviceSeconds.join('/')} s, PostgreSQL ${measured[name]!.cpu.postgresSeconds.join('/')} s, stand-ins ${measured[name]!.cpu.benchProcessSeconds.join('/')} s, machine busy ${measured[name]!.cpu.machineBusyShare.map((b) => `${Math.round(b * 100)} %`).join('/')}`);
    }
    console.log(`duplicates at the providers: ${duplicates}`);
    console.log(`written to ${writeResult('notice-latency', result)}`);
    if (duplicates > 0) process.exitCode = 1;
  } finally {
    await smtp.close();
    await standIn.close();
  }
}

/** One deployment on a fresh database: a warm-up round, then ROUNDS measured rounds. */
async function measureDeployment(name: DeploymentName, smtp: Smtp, standIn: StandIn): Promise<{ timings: NoticeTiming[]; pickupMs: number[]; cpuPerRound: number[]; benchCpuPerRound: number[]; postgresCpuPerRound: number[]; machineBusyPerRound: number[] }> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meldplicht-bench-'));
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const processes: ServiceProcess[] = [];
  try {
    const { controllerId } = await prepareDatabase(db.url);
    for (const role of DEPLOYMENTS[name].roles) {
      processes.push(await startServiceProcess(`service (ROLE=${role})`, { ...serviceEnv(db.url, smtp, standIn, dataDir), ROLE: role }));
    }
    const api = await apiClient(processes.find((p) => p.url)!.url!);
    const receipts = new ProviderReceipts(smtp, standIn);
    const cpu = () => processes.map((p) => p.cpuSeconds());
    const timings: NoticeTiming[] = [];
    const cpuPerRound: number[] = [];
    const benchCpuPerRound: number[] = [];
    const machineBusyPerRound: number[] = [];
    const postgresCpuPerRound: number[] = [];
    const pickupMs: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const measured = await notifyRound(api, pool, receipts, controllerId, cpu);
      // Round 0 warms up: code paths compiled, connections open, as in a running service.
      if (round > 0) {
        timings.push(...measured.timings);
        cpuPerRound.push(Number(measured.cpuSeconds.reduce((a, b) => a + b, 0).toFixed(2)));
        benchCpuPerRound.push(Number(measured.benchCpuSeconds.toFixed(2)));
        machineBusyPerRound.push(Number(measured.machineBusyShare.toFixed(2)));
        postgresCpuPerRound.push(Number(measured.postgresCpuSeconds.toFixed(2)));
        pickupMs.push(measured.pickupMs);
      }
    }
    return { timings, pickupMs, cpuPerRound, benchCpuPerRound, postgresCpuPerRound, machineBusyPerRound };
  } catch (error) {
    for (const p of processes) console.error(`${p.name} log (tail):\n${p.output().slice(-3000)}`);
    throw error;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await pool.end();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function figuresOf(timings: NoticeTiming[]) {
  const figures = (channel?: 'email' | 'sms') => {
    const rows = timings.filter((t) => !channel || t.channel === channel);
    return {
      notifyResponse: spread(rows.map((t) => t.response)),
      claimedByWorker: spread(rows.map((t) => t.claimed)),
      acceptedByProvider: spread(rows.map((t) => t.accepted)),
      recordedSent: spread(rows.map((t) => t.recorded)),
      // How long one notice holds a worker slot: claim → provider accepted → ledger says sent.
      claimToAccepted: spread(rows.map((t) => t.accepted - t.claimed)),
      claimToRecorded: spread(rows.map((t) => t.recorded - t.claimed)),
    };
  };
  return { email: figures('email'), sms: figures('sms'), overall: figures() };
}

/** One round: report and confirm 20 incidents, wait for a quiet queue, then 20 NOTIFYs at once. */
async function notifyRound(api: Api, pool: Pool, receipts: ProviderReceipts, controllerId: string, cpu: () => number[]): Promise<{ timings: NoticeTiming[]; cpuSeconds: number[]; pickupMs: number; benchCpuSeconds: number; postgresCpuSeconds: number; machineBusyShare: number }> {
  const incidents: string[] = [];
  await inParallel(Array.from({ length: TRACKS }), 4, async () => {
    const id = await api.report([controllerId]);
    await api.event(id, { type: 'CONFIRM' });
    incidents.push(id);
  });
  // Whatever the reports queued (alerts, webhooks) is done before the clock starts.
  await until('a quiet job queue', 30_000, async () => (await pool.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE run_at <= now()`)).rows[0].n === 0);
  await sleep(200);

  const sentAt = new Map<string, { sent: number; answered: number }>();
  const cpuBefore = cpu();
  const benchBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const postgresBefore = await postgresBackendCpu(pool);
  await Promise.all(incidents.map(async (id) => {
    const sent = Date.now();
    await api.event(id, { type: 'NOTIFY' });
    sentAt.set(id, { sent, answered: Date.now() });
  }));

  const notices = async () => (await pool.query(
    `SELECT n.id, n.channel, n.track_id, n.contact_id, n.version, n.status, t.incident_id,
            extract(epoch FROM n.sending_at) * 1000 AS claimed_at, extract(epoch FROM n.sent_at) * 1000 AS sent_at
       FROM notices n JOIN tracks t ON t.id = n.track_id WHERE t.incident_id = ANY($1::uuid[])`,
    [incidents],
  )).rows;
  await until('every notice of the round sent', 180_000, async () => {
    const rows = await notices();
    return rows.length === TRACKS * NOTICES_PER_TRACK && rows.every((n) => !['queued', 'sending'].includes(n.status));
  }, async () => (await notices()).map((n) => n.status));
  const cpuSeconds = cpu().map((c, i) => c - cpuBefore[i]);
  const bench = process.cpuUsage(benchBefore);
  const machineAfter = machineCpu();
  const postgresCpu = postgresCpuBetween(postgresBefore, await postgresBackendCpu(pool));
  const rows = await notices();
  const bad = rows.filter((n) => n.status !== 'sent');
  if (bad.length > 0) throw new Error(`${bad.length} notices ended ${[...new Set(bad.map((n) => n.status))].join('/')}, not sent`);
  receipts.refresh();
  const timings = rows.map((n): NoticeTiming => {
    const { sent, answered } = sentAt.get(n.incident_id)!;
    const [receipt] = receipts.of(n);
    if (!receipt) throw new Error(`notice ${n.id} is sent on record but no provider has it`);
    return {
      channel: n.channel, response: answered - sent, claimed: Math.round(Number(n.claimed_at) - sent),
      accepted: receipt.acceptedAt - sent, recorded: Math.round(Number(n.sent_at) - sent),
    };
  });
  // The queue's pickup, free of queueing behind other notices: the first claim of the round
  // after the first NOTIFY answer (LISTEN/NOTIFY wakes the worker; the poll interval is a fallback).
  const pickupMs = Math.min(...timings.map((t) => t.claimed)) - Math.min(...timings.map((t) => t.response));
  return {
    timings, cpuSeconds, pickupMs,
    benchCpuSeconds: (bench.user + bench.system) / 1e6,
    postgresCpuSeconds: postgresCpu,
    machineBusyShare: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
  };
}

/**
 * The baseline: the same e-mail and SMS the product sent last, 20 × 4 of each at once, straight
 * to the same servers, with the product's transport options (a pooled SMTP transport kept warm
 * across rounds, as the service's is) and its twilio HTTP client. Warm-up round first.
 */
async function measureBaseline(smtp: Smtp, standIn: StandIn): Promise<Array<{ channel: 'email' | 'sms'; accepted: number }>> {
  const mail = [...smtp.messages].reverse().find((m) => (m.headers['x-meldplicht-ref'] ?? '').startsWith('notices:'))!;
  const sms = [...standIn.messages].reverse().find((m) => m.body.includes('/ack/'))!;
  const transport = nodemailer.createTransport(smtpTransportOptions(smtp.url));
  const client = twilio(TWILIO.accountSid, TWILIO.authToken, { httpClient: new RebasedTwilioClient(standIn.baseUrl, { timeout: 30_000 }) as never });
  const count = TRACKS * RECIPIENTS;
  const timings: Array<{ channel: 'email' | 'sms'; accepted: number }> = [];
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const results = await Promise.all([
        ...Array.from({ length: count }, async (_, i) => {
          const ref = `baseline:${round}:${i}`;
          const sent = Date.now();
          await transport.sendMail({ from: 'Meldplicht <meldplicht@localhost>', to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: { 'X-Meldplicht-Ref': ref } });
          const received = smtp.messages.find((m) => m.headers['x-meldplicht-ref'] === ref)!;
          return { channel: 'email' as const, accepted: received.acceptedAt - sent };
        }),
        ...Array.from({ length: count }, async () => {
          const sent = Date.now();
          const message = await client.messages.create({ to: sms.to, from: TWILIO.from, body: sms.body });
          const received = standIn.messages.find((m) => m.sid === message.sid)!;
          return { channel: 'sms' as const, accepted: received.acceptedAt - sent };
        }),
      ]);
      if (round > 0) timings.push(...results);
      await sleep(500);
    }
    return timings;
  } finally {
    transport.close();
  }
}

function print(title: string, m: ReturnType<typeof figuresOf> | null, baseline?: Record<'email' | 'sms' | 'overall', Spread>) {
  const row = (label: string, s: Spread) => `  ${label.padEnd(32)} ${String(s.p50).padStart(6)} ${String(s.p95).padStart(6)} ${String(s.max).padStart(6)}   (n=${s.n})`;
  console.log(`\n${title}\n  ${''.padEnd(32)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)}   ms after the request was sent`);
  for (const channel of ['email', 'sms', 'overall'] as const) {
    if (baseline) {
      console.log(row(`${channel}: accepted by the provider`, baseline[channel]));
      continue;
    }
    const f = m![channel];
    if (channel === 'overall') console.log(row('NOTIFY answered', f.notifyResponse));
    console.log(row(`${channel}: claimed by the worker`, f.claimedByWorker));
    console.log(row(`${channel}: accepted by the provider`, f.acceptedByProvider));
    console.log(row(`${channel}: (claimed → recorded sent)`, f.claimToRecorded));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
