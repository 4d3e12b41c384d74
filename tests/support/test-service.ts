import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { checkedAgainstContract } from './openapi-contract';
import { loadConfig, type Config } from '../../src/config';
import { startWorker, type Worker } from '../../src/jobs/worker';
import { createLogger } from '../../src/logger';
import { startService, type Service } from '../../src/service';
import { insertController } from '../../src/seed/seed-demo-data';
import { demoAgreements, type DemoAgreementSeed } from '../../src/seed/demo-agreements';
import { DEMO_PASSWORD } from '../../src/seed/seed-demo-data';

/**
 * A whole Meldplicht for one test file: its own database (a fresh one on the PostgreSQL
 * server, or an in-memory embedded one), demo data, and optionally real SMTP / Twilio
 * stand-ins. `TEST_DB=embedded` runs a suite on PGlite.
 */
export const SERVER_URL = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
export const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
export const TWILIO = { accountSid: `AC${'a1'.repeat(16)}`, authToken: 'twilio-test-auth-token', from: '+3197010000000' };
export const PUBLIC_URL = 'https://meldplicht.test';

export interface TestServiceOptions {
  database?: 'postgres' | 'embedded';
  smtpUrl?: string;
  twilioHttpClient?: unknown;
  /** Start the worker with the service (default true). */
  worker?: boolean;
  env?: Record<string, string>;
  /** Another PostgreSQL server than TEST_DATABASE_SERVER (see private-postgres.ts). */
  serverUrl?: string;
  /** Check every /api answer against the OpenAPI document (tests/support/openapi-contract.ts). */
  contract?: boolean;
}

export interface TestService {
  service: Service;
  config: Config;
  http: ReturnType<typeof request>;
  databaseName: string | null;
  login(email: string, password?: string): Promise<string>;
  /** A supertest agent call with a bearer token. */
  as(token: string): {
    get(path: string): request.Test;
    post(path: string, body?: object): request.Test;
    patch(path: string, body?: object): request.Test;
    delete(path: string): request.Test;
  };
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  startWorker(): Promise<Worker>;
  stop(): Promise<void>;
}

export async function createTestDatabase(serverUrl = SERVER_URL): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `meldplicht_t_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: `${serverUrl}/${name}`,
    async drop() {
      const c = new Client({ connectionString: `${serverUrl}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Excerpts of the three seed DPAs (the clauses the demo's profiles rest on), named like the seeds. */
export const SEED_EXCERPTS = path.resolve(__dirname, '../fixtures/seed-excerpts');

export function testDatabaseKind(): 'postgres' | 'embedded' {
  return process.env.TEST_DB === 'embedded' ? 'embedded' : 'postgres';
}

export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const kind = options.database ?? testDatabaseKind();
  const db = kind === 'postgres' ? await createTestDatabase(options.serverUrl) : null;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    PUBLIC_URL,
    JWT_SECRET,
    SEED_DEMO: 'true',
    // Short excerpts of the seed DPAs kept in the repo: the same demo with or without ../shared.
    DEMO_SEEDS_DIR: SEED_EXCERPTS,
    WORKER_POLL_MS: '100',
    RECONCILE_EVERY_MS: '3600000',
    ROLE: options.worker === false ? 'web' : 'all',
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...(options.twilioHttpClient ? { TWILIO_ACCOUNT_SID: TWILIO.accountSid, TWILIO_AUTH_TOKEN: TWILIO.authToken, TWILIO_FROM: TWILIO.from } : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const logger = createLogger({ silent: !process.env.TEST_LOG });
  const service = await startService(config, { inMemoryDb: true, twilioHttpClient: options.twilioHttpClient, logger });
  const plain = request(service.app);
  const http = options.contract
    ? (new Proxy(plain, { get: (target, verb: string) => (typeof (target as any)[verb] === 'function' ? (path: string) => checkedAgainstContract((target as any)[verb](path)) : (target as any)[verb]) }) as typeof plain)
    : plain;
  const extraWorkers: Worker[] = [];
  return {
    service,
    config,
    http,
    databaseName: db?.name ?? null,
    async login(email, password = DEMO_PASSWORD) {
      const res = await http.post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    as(token) {
      const auth = { authorization: `Bearer ${token}` };
      return {
        get: (path) => http.get(path).set(auth),
        post: (path, body) => http.post(path).set(auth).send(body ?? {}),
        patch: (path, body) => http.patch(path).set(auth).send(body ?? {}),
        delete: (path) => http.delete(path).set(auth),
      };
    },
    sql: (text, params) => service.db.dataSource.query(text, params),
    async startWorker() {
      const worker = await startWorker({
        dataSource: service.db.dataSource, connectionString: service.db.connectionString, embedded: service.db.embedded,
        tokens: service.tokens, mail: service.mail, sms: service.sms, logger, publicUrl: config.publicUrl,
        pollMs: config.workerPollMs, concurrency: config.workerConcurrency, reconcileEveryMs: config.reconcileEveryMs, sendingStaleMs: config.sendingStaleMs,
        statusCallbackUrl: config.twilio ? `${config.publicUrl}/api/twilio/status` : undefined, webhookTargets: config.webhookTargets,
      });
      extraWorkers.push(worker);
      return worker;
    },
    async stop() {
      for (const w of extraWorkers) await w.stop().catch(() => undefined);
      await service.stop();
      await db?.drop();
    },
  };
}

/** Demo users, by role and controller (see src/seed/seed-demo-data.ts). */
export const USERS = {
  support: 'support@demo-verwerker.example',
  admin: 'admin@demo-verwerker.example',
  dpoPolderpeil: 'fg@ingenieursbureau-polderpeil.example',
  controllerPolderpeil: 'contact@ingenieursbureau-polderpeil.example',
  dpoZonnebloem: 'fg@kinderopvang-de-zonnebloem.example',
  dpoDeVonk: 'fg@metaalwerken-de-vonk.example',
};

export async function controllerIdByName(t: TestService, namePart: string): Promise<string> {
  const [row] = await t.sql(`SELECT id FROM controllers WHERE name ILIKE $1`, [`%${namePart}%`]);
  if (!row) throw new Error(`no controller like ${namePart}`);
  return row.id;
}

/** An English-language controller (not among the Dutch seeds) for nl/en tests. */
export async function addEnglishController(t: TestService): Promise<string> {
  const base: DemoAgreementSeed = demoAgreements[0];
  const seed: DemoAgreementSeed = {
    controller: { name: 'Harbour Analytics Ltd', kvkNumber: '90009999', sector: 'analytics', city: 'Rotterdam' },
    agreement: { ...base.agreement, title: 'Data Processing Agreement (English)', language: 'en', deadlineHours: 48 },
    contacts: [
      { key: 'dpo', name: 'Jane Example', role: 'dpo', email: 'dpo@harbour.example.com', mobile: '+31600000901', order: 1, receivesBreachNotice: true },
    ],
  };
  const processorId = (await t.sql(`SELECT id FROM processors LIMIT 1`))[0].id;
  return t.service.db.dataSource.transaction((tx) => insertController(tx, processorId, seed));
}
