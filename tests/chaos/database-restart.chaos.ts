import { eventually, ServiceProcesses, sleep, startServiceProcess, type RunningService } from '../support/service-processes';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { providerReceipts, receiptsOf } from '../support/provider-receipts';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { controllerIdByName, JWT_SECRET, PUBLIC_URL, startTestService, TWILIO, USERS, type TestService } from '../support/test-service';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { expectRecordWhole, openWork, seededRandom, supportClient, type Answer } from './chaos-record';

/**
 * Issue 7, "Database restarts mid-run": the PostgreSQL server itself is stopped the hard way
 * (`pg_ctl stop -m immediate`: no checkpoint, crash recovery on start) and started again,
 * three times, while four support clients keep reporting and notifying and the worker sends.
 * The service must answer 503 while the database is away (never 500, never hang), carry on
 * by itself once it is back, and leave the record whole: every answered command on record,
 * nothing half-applied, nothing sent twice. The service is a real process (web and worker),
 * so an error nobody handles would end it as it would in production; the test requires it
 * alive at the end. The database server is one of the test's own (private-postgres.ts), so
 * nothing else on the machine loses its database.
 */
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const RESTARTS = 3;
const CLIENTS = 4;

describe('chaos: PostgreSQL stopped and started under load', () => {
  const random = seededRandom(SEED);
  let smtp: SmtpTestServer;
  let twilio: TwilioStandIn;
  let t: TestService;
  let pg: PrivatePostgres;
  let service: RunningService;
  const processes = new ServiceProcesses();

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    smtp = await startSmtpTestServer();
    twilio = await startTwilioStandIn(TWILIO);
    const twilioEnv = { TWILIO_ACCOUNT_SID: TWILIO.accountSid, TWILIO_AUTH_TOKEN: TWILIO.authToken, TWILIO_FROM: TWILIO.from, TWILIO_API_URL: twilio.baseUrl };
    // In-process only to create, migrate and seed the database and to read the record.
    t = await startTestService({ database: 'postgres', serverUrl: pg.serverUrl, worker: false, smtpUrl: smtp.url, env: twilioEnv });
    service = await startServiceProcess(processes, 'service', {
      NODE_ENV: 'test', ROLE: 'all', DATABASE_URL: t.config.databaseUrl!, SMTP_URL: smtp.url, ...twilioEnv,
      JWT_SECRET, PUBLIC_URL, SEED_DEMO: 'false',
      // Sends the provider accepted while the database was away are recorded once it is back
      // (within half this window), so none of them needs a person to check it.
      WORKER_POLL_MS: '100', RECONCILE_EVERY_MS: '300', SENDING_STALE_MS: '30000',
    });
  }, 120_000);
  afterAll(async () => {
    await processes.killAll();
    if (pg && !pg.isUp()) pg.start();
    await t?.stop();
    pg?.destroy();
    await smtp?.close();
    await twilio?.close();
  });

  test(`when PostgreSQL is stopped -m immediate and started ${RESTARTS} times mid-run, then the service answers 503 meanwhile, recovers by itself, and the record is whole`, () => processes.withOutput(async () => {
    const support = await t.login(USERS.support);
    const admin = await t.login(USERS.admin);
    const controllers = [await controllerIdByName(t, 'Polderpeil'), await controllerIdByName(t, 'Zonnebloem'), await controllerIdByName(t, 'Vonk')];
    const answers: Answer[] = [];
    const stop = { done: false };
    const load = Promise.all(Array.from({ length: CLIENTS }, () =>
      supportClient({ url: () => service.url, token: support, controllers, random, answers, stop, stopOnNoAnswer: false })));

    const downtimes: number[] = [];
    try {
      for (let i = 0; i < RESTARTS; i++) {
        await sleep(500 + Math.floor(random() * 1500));
        pg.stop('immediate');
        const stoppedAt = Date.now();
        await sleep(1000);
        pg.start();
        downtimes.push(Date.now() - stoppedAt);
      }
      // The service carries on by itself: commands succeed again after the last restart.
      const afterLast = answers.length;
      await eventually('commands answered 2xx after the last restart', 60_000,
        async () => answers.slice(afterLast).some((a) => a.command === 'NOTIFY' && a.status === 200), async () => answers.slice(afterLast));
    } finally {
      stop.done = true;
      await load;
    }

    const readyz = () => fetch(`${service.url}/readyz`);
    await eventually('/readyz ready again', 60_000, async () => (await readyz()).status === 200, async () => (await readyz()).json());
    await eventually('every notice and alert settled', 60_000, async () => (await openWork(t)) === 0,
      async () => t.sql(`SELECT status, count(*)::int FROM notices GROUP BY 1`));
    const record = await expectRecordWhole({ t, adminToken: admin, answers, smtp, twilio });

    const count = (pred: (a: Answer) => boolean) => answers.filter(pred).length;
    expect(service.child.exit).toBeNull(); // the process never died…
    expect(count((a) => a.status === 'no answer')).toBe(0); // …and every request got an answer
    expect(count((a) => a.status === 503)).toBeGreaterThan(0); // commands really arrived while the database was away
    // The process lived, so every send a provider accepted was recorded as sent, none left
    // unknown. (A claim whose commit answer was lost with the connection can still end unknown
    // with nothing sent: conservative, and escalated like any unknown.)
    const receipts = providerReceipts(smtp, twilio, t.service.tokens);
    const unknownButAccepted = (await t.sql(`SELECT * FROM notices WHERE status = 'unknown'`)).filter((n) => receiptsOf(n, receipts).length > 0);
    expect(unknownButAccepted.map((n) => n.id)).toEqual([]);
    process.stdout.write(`database restarts (seed ${SEED}): ${RESTARTS} immediate stops of ${downtimes.join('/')} ms; ` +
      `${count((a) => typeof a.status === 'number' && a.status < 300)} commands done, ${count((a) => a.status === 503)} answered 503; ` +
      `${record.incidents} incidents, ${record.notices} notices (${record.unknown} unknown, each escalated)\n`);
  }), 300_000);
});
