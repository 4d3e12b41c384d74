import { writeFileSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startService } from '../../src/service';
import { demoAgreements } from '../../src/seed/demo-agreements';
import { DEMO_PASSWORD, insertController } from '../../src/seed/seed-demo-data';
import { createTestDatabase } from '../support/test-service';

/**
 * Benchmark 1 (issue 7): `POST /api/incidents` — authenticated, validated, machine + audit +
 * timer jobs in one transaction — against a bare express + pg handler inserting one row into
 * a similar table, on the same PostgreSQL, in the same run. 50 connections, 20 s each
 * (BENCH_SECONDS to shorten). Target: ≥ 50 % of the baseline's requests/s.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
/** A shared platform leaks: one intake for many controllers at once (what support would wait for). */
const WIDE_CONTROLLERS = 200;

async function load(url: string, headers: Record<string, string>, body: () => string) {
  const result = await autocannon({
    url, connections: CONNECTIONS, duration: SECONDS, method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  return { requestsPerSecond: result.requests.average, p50ms: result.latency.p50, p99ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function baseline(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`CREATE TABLE bench_incidents (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), summary text NOT NULL, discovered_at timestamptz NOT NULL, fields jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  const app = express();
  app.use(express.json());
  app.post('/bare', async (req, res) => {
    const { rows } = await pool.query(`INSERT INTO bench_incidents (summary, discovered_at, fields) VALUES ($1, $2, $3) RETURNING id`, [req.body.summary, req.body.discoveredAt, JSON.stringify(req.body.fields ?? {})]);
    res.status(201).json({ id: rows[0].id });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bare`, close: async () => { server.close(); await pool.end(); } };
}

/** One POST naming WIDE_CONTROLLERS controllers: a track, timers, jobs and audit events each. */
async function wideIntake(service: Awaited<ReturnType<typeof startService>>, token: string) {
  const processorId = (await service.db.dataSource.query(`SELECT id FROM processors LIMIT 1`))[0].id;
  const ids = await service.db.dataSource.transaction(async (tx) => {
    const created: string[] = [];
    for (let i = 1; i <= WIDE_CONTROLLERS; i++) {
      const base = demoAgreements[i % demoAgreements.length];
      created.push(await insertController(tx, processorId, {
        ...base,
        controller: { ...base.controller, name: `Platformklant ${i}`, kvkNumber: String(80_000_000 + i) },
        contacts: base.contacts.map((c) => ({ ...c, email: c.email.replace('@', `+${i}@`) })),
      }));
    }
    return created;
  });
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const res = await fetch(`${service.url}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ summary: 'Benchmark: gedeeld platform gelekt', discoveredAt: new Date().toISOString(), controllerIds: ids }),
    });
    if (res.status !== 201) throw new Error(`wide intake: ${res.status} ${await res.text()}`);
    times.push(Math.round(performance.now() - started));
  }
  times.sort((a, b) => a - b);
  return { controllers: WIDE_CONTROLLERS, runs: times.length, medianMs: times[2], worstMs: times[4] };
}

async function main() {
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256', SEED_DEMO: 'true', ROLE: 'web' });
  const service = await startService(config, { logger: createLogger({ silent: true }) });
  const bare = await baseline(db.url);
  try {
    const login = await fetch(`${service.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'support@demo-verwerker.example', password: DEMO_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const [controller] = await service.db.dataSource.query(`SELECT id FROM controllers ORDER BY name LIMIT 1`);
    const body = () => JSON.stringify({
      summary: 'Benchmark: export met klantgegevens op een open share',
      discoveredAt: new Date().toISOString(),
      controllerIds: [controller.id],
      fields: { nature: { kinds: ['confidentiality'], actions: ['read'] }, cause: 'verkeerde rechten', consequences: null },
    });
    const base = await load(bare.url, {}, body);
    const meldplicht = await load(`${service.url}/api/incidents`, { authorization: `Bearer ${token}` }, body);
    const ratio = meldplicht.requestsPerSecond / base.requestsPerSecond;
    const wide = await wideIntake(service, token);
    const result = {
      benchmark: 'intake-throughput', seconds: SECONDS, connections: CONNECTIONS,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      baseline: base, meldplicht, ratio: Number(ratio.toFixed(3)), target: 0.5, met: ratio >= 0.5,
      wideIntake: wide,
      at: new Date().toISOString(),
    };
    console.log(`baseline  ${base.requestsPerSecond.toFixed(0)} req/s  p99 ${base.p99ms} ms  (non-2xx ${base.non2xx})`);
    console.log(`meldplicht ${meldplicht.requestsPerSecond.toFixed(0)} req/s  p99 ${meldplicht.p99ms} ms  (non-2xx ${meldplicht.non2xx})`);
    console.log(`ratio ${(ratio * 100).toFixed(1)} % of the baseline (target ≥ 50 %): ${result.met ? 'met' : 'NOT met'}`);
    console.log(`one incident for ${WIDE_CONTROLLERS} controllers: median ${wide.medianMs} ms, worst ${wide.worstMs} ms (${wide.runs} runs)`);
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results', 'intake-throughput.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await bare.close();
    await service.stop();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
