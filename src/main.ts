import 'dotenv/config';
import { ConfigError, loadConfig } from './config';
import { isDatabaseUnavailable } from './db/connection-loss';
import { startService } from './service';
import { DEMO_PASSWORD } from './seed/seed-demo-data';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const service = await startService(config);
  // The job queue records a job's end without awaiting it; when the database goes away at that
  // moment, the rejection reaches nobody. That alone must not end web and worker: the queue
  // reconnects, and the job is picked up again (its task is idempotent). Anything else still
  // ends the process, as Node would.
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseUnavailable(reason)) {
      service.logger.warn({ err: (reason as Error).message }, 'database connection lost under the job queue; carrying on');
      return;
    }
    service.logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
    process.exit(1);
  });
  const where = service.url ? (config.publicUrl.startsWith(service.url) ? service.url : `${service.url} (public: ${config.publicUrl})`) : 'no web (ROLE=worker)';
  console.log(`\nMeldplicht is running: ${where}`);
  console.log(`  database: ${service.db.embedded ? `embedded PGlite under ${config.dataDir}/pgdata` : 'PostgreSQL (DATABASE_URL)'}`);
  console.log(`  e-mail:   ${service.mail.kind === 'smtp' ? 'SMTP (SMTP_URL)' : 'outbox (GET /api/outbox)'}`);
  console.log(`  sms:      ${service.sms.kind === 'twilio' ? 'Twilio' : 'outbox (GET /api/outbox)'}`);
  if (service.demo) {
    console.log(`  demo:     agreements ${service.demo.agreementsFrom === 'seeds' ? `imported from the seed DPAs (${config.demoSeedsDir ?? '../shared/seeds'})` : 'from the built-in profiles (no seed DPAs beside the repository)'}`);
    console.log(`\nOpen ${service.url ?? config.publicUrl}/login and log in with a demo user (password "${DEMO_PASSWORD}"; the API takes the same via POST /api/auth/login):`);
    for (const login of service.demo.logins) {
      console.log(`  ${login.role.padEnd(10)} ${login.email}${login.controller ? `  (${login.controller})` : ''}`);
    }
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing current work and stopping…`);
    service.stop().then(() => process.exit(0), (error) => {
      console.error('shutdown failed', error);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error('Meldplicht could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
