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
import { DEMO_PASSWORD } from '../../src/seed/seed-demo-data';
import { createTestDatabase } from '../support/test-service';

/**
 * Benchmark 1 (issue 7): `POST /api/incidents` — authenticated, validated, machine + audit +
 * timer jobs in one transaction — against a bare express + pg handler inserting one row into
 * a similar table, on the same PostgreSQL, in the same run. 50 connections, 20 s each
 * (BENCH_SECONDS to shorten). Target: ≥ 50 % of the baseline's requests/s.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;

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
    const result = {
      benchmark: 'intake-throughput', seconds: SECONDS, connections: CONNECTIONS,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      baseline: base, meldplicht, ratio: Number(ratio.toFixed(3)), target: 0.5, met: ratio >= 0.5,
      at: new Date().toISOString(),
    };
    console.log(`baseline  ${base.requestsPerSecond.toFixed(0)} req/s  p99 ${base.p99ms} ms  (non-2xx ${base.non2xx})`);
    console.log(`meldplicht ${meldplicht.requestsPerSecond.toFixed(0)} req/s  p99 ${meldplicht.p99ms} ms  (non-2xx ${meldplicht.non2xx})`);
    console.log(`ratio ${(ratio * 100).toFixed(1)} % of the baseline (target ≥ 50 %): ${result.met ? 'met' : 'NOT met'}`);
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
