import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { createTokens, resolveJwtSecret, type Tokens } from './auth/tokens';
import { createApp } from './http/app';
import { startWorker, type Worker } from './jobs/worker';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './metrics/metrics';
import { createMailSender, createSmsSender, type MailSender, type SmsSender } from './notify/senders';
import { seedDemoData, type DemoLogin } from './seed/seed-demo-data';

export interface Service {
  config: Config;
  db: Database;
  tokens: Tokens;
  app: express.Express;
  server: Server | null;
  /** Where the HTTP server listens (with the actual port when PORT=0). */
  url: string | null;
  worker: Worker | null;
  mail: MailSender;
  sms: SmsSender;
  demo: { created: boolean; logins: DemoLogin[]; agreementsFrom: 'seeds' | 'built-in' } | null;
  logger: Logger;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Embedded database kept in memory instead of under DATA_DIR (tests). */
  inMemoryDb?: boolean;
  /** For tests: the real twilio library, pointed at a local stand-in of its API. */
  twilioHttpClient?: unknown;
  logger?: Logger;
}

/** Wires the service from its configuration: database, tokens, senders, web and worker. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger();
  // Every job the worker runs at once holds one of these connections; the web keeps its share.
  const poolSize = config.role === 'web' ? undefined : Math.max(10, config.workerConcurrency + 4);
  const db = await openDatabase(config, { inMemory: options.inMemoryDb, poolSize });
  try {
    const tokens = createTokens(await resolveJwtSecret(config), { ackTtlHours: config.ackLinkTtlHours, previousSecret: config.jwtSecretPrevious });
    const demo = config.seedDemo ? await seedDemoData(db.dataSource, config.demoSeedsDir) : null;
    if (demo?.created) logger.info({ agreementsFrom: demo.agreementsFrom }, demo.agreementsFrom === 'built-in' ? 'demo agreements: built-in profiles (no seed DPAs found)' : 'demo agreements: imported from the seed DPAs');
    const mail = createMailSender(config, db.dataSource);
    const sms = createSmsSender(config, db.dataSource, { httpClient: options.twilioHttpClient });
    const metrics = createMetrics(db.dataSource);
    const app = createApp({ config, dataSource: db.dataSource, tokens, logger, publicUrl: config.publicUrl, metrics, mail });

    let server: Server | null = null;
    let url: string | null = null;
    if (config.role !== 'worker') {
      server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(config.port, '0.0.0.0', () => resolve(s));
        s.once('error', reject);
      });
      url = `http://localhost:${(server.address() as AddressInfo).port}`;
    }
    const worker =
      config.role !== 'web'
        ? await startWorker({
            dataSource: db.dataSource, connectionString: db.connectionString, embedded: db.embedded, tokens, mail, sms, logger,
            publicUrl: config.publicUrl, pollMs: config.workerPollMs, concurrency: config.workerConcurrency, reconcileEveryMs: config.reconcileEveryMs,
            sendingStaleMs: config.sendingStaleMs, crashAt: config.crashAt, metrics, webhookTargets: config.webhookTargets,
            statusCallbackUrl: config.twilio ? `${config.publicUrl}/api/twilio/status` : undefined,
          })
        : null;

    return {
      config, db, tokens, app, server, url, worker, mail, sms, demo, logger,
      async stop() {
        await worker?.stop();
        if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
        mail.close?.();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
