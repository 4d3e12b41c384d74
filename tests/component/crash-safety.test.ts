import { Client } from 'pg';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { demoAgreements, type DemoAgreementSeed } from '../../src/seed/demo-agreements';
import { insertController } from '../../src/seed/seed-demo-data';
import { providerReceipts, receiptsOf as receiptsFor } from '../support/provider-receipts';
import { diedOfSigkill, eventually, ServiceProcesses, sleep } from '../support/service-processes';
import { controllerIdByName, JWT_SECRET, PUBLIC_URL, startTestService, TWILIO, USERS, type TestService } from '../support/test-service';

/**
 * Issue 3, "Crash-, restart- and scale-safe", on REAL worker processes: each worker is
 * `tsx src/main.ts` with ROLE=worker against the test's PostgreSQL database, sending to a
 * real SMTP listener and the real twilio library's stand-in here in the test. The web/API
 * part runs in-process on the same database. What the providers received is counted on
 * their side: e-mails by their `x-meldplicht-ref` header, SMS by the signed acknowledgement
 * link they carry (track, contact, version: exactly one notice per channel).
 */
const CRASH_POINTS = ['before-provider', 'after-provider', 'after-ledger'] as const;
const SETTLED = ['sent', 'delivered', 'unknown', 'failed', 'bounced'];
const LATE = 'Sub-verwerker meldde het lek pas na 30 uur';
/** Deadline warnings of the load-test agreements (the demo ones have 50 % and 80 %; one keeps the volume down). */
const WARNING_SHARES = [0.5];

// ---------------------------------------------------------------- worker processes

const processes = new ServiceProcesses();
const dataDir = processes.dataDir;
const spawnWorker = (name: string, env: Record<string, string>, extra: Record<string, string> = {}) => processes.spawn(name, env, extra);
const killAllWorkers = () => processes.killAll();
const withWorkerOutput = <T>(run: () => Promise<T>) => processes.withOutput(run);

// ---------------------------------------------------------------- the suite

describe('crash-, restart- and scale-safety with real worker processes', () => {
  let smtp: SmtpTestServer;
  let twilio: TwilioStandIn;
  let t: TestService;
  let support: string;
  let polderpeil: string;
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    twilio = await startTwilioStandIn(TWILIO);
    const twilioEnv = { TWILIO_ACCOUNT_SID: TWILIO.accountSid, TWILIO_AUTH_TOKEN: TWILIO.authToken, TWILIO_FROM: TWILIO.from, TWILIO_API_URL: twilio.baseUrl };
    // The web/API part in-process (ROLE=web): it creates the database, migrates and seeds.
    t = await startTestService({ database: 'postgres', worker: false, smtpUrl: smtp.url, env: twilioEnv });
    support = await t.login(USERS.support);
    polderpeil = await controllerIdByName(t, 'Polderpeil');
    workerEnv = {
      NODE_ENV: 'test', ROLE: 'worker', DATABASE_URL: t.config.databaseUrl!, DATA_DIR: dataDir,
      SMTP_URL: smtp.url, ...twilioEnv, JWT_SECRET, PUBLIC_URL, SEED_DEMO: 'false',
      WORKER_POLL_MS: '100', RECONCILE_EVERY_MS: '300', SENDING_STALE_MS: '1500',
    };
  });
  afterEach(killAllWorkers);
  afterAll(async () => {
    await killAllWorkers();
    await t?.stop();
    await smtp?.close();
    await twilio?.close();
  });

  // -------------------------------------------------------------- helpers on the record

  async function report(controllerIds: string[], hoursAgo: number): Promise<string> {
    const res = await t.as(support).post('/api/incidents', {
      summary: 'Back-up zonder versleuteling naar verkeerde opslag gekopieerd',
      discoveredAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
      controllerIds,
    });
    if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function event(incidentId: string, body: object): Promise<void> {
    const res = await t.as(support).post(`/api/incidents/${incidentId}/events`, body);
    if (res.status !== 200) throw new Error(`${JSON.stringify(body)} on ${incidentId}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Runs `fn` over `items`, `width` at a time. */
  async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]);
    }));
  }

  interface NoticeRow { id: string; track_id: string; contact_id: string; version: number; channel: 'email' | 'sms'; recipient: string; status: string; provider_id: string | null; attempts: number; status_updated_at: Date | null; sent_at: Date | null }

  const noticesOf = (incidentIds: string[]): Promise<NoticeRow[]> =>
    t.sql(`SELECT n.* FROM notices n JOIN tracks t ON t.id = n.track_id WHERE t.incident_id = ANY($1::uuid[]) ORDER BY n.queued_at, n.id`, [incidentIds]);

  const receipts = () => providerReceipts(smtp, twilio, t.service.tokens);
  const receiptsOf = (notice: NoticeRow, r = receipts()) => receiptsFor(notice, r);

  const unknownAlerts = (noticeId: string) =>
    t.sql<{ id: string; status: string }>(`SELECT id, status FROM alerts WHERE kind = 'notice_unknown' AND dedupe_key LIKE $1`, [`notice_unknown:%:${noticeId}:%`]);

  const ledgerSummary = async (incidentIds: string[]) =>
    (await noticesOf(incidentIds)).map((n) => ({ id: n.id, channel: n.channel, status: n.status, receipts: receiptsOf(n).length }));

  // -------------------------------------------------------------- 1. kill -9 mid-send

  test.each(CRASH_POINTS)(
    'when the worker process is killed -9 %s and a fresh worker takes over, then every notice ends sent exactly once, or unknown with at most one receipt and escalated to a person',
    (point) => withWorkerOutput(async () => {
      const incidentId = await report([polderpeil], 1);
      await event(incidentId, { type: 'CONFIRM' });
      await event(incidentId, { type: 'NOTIFY' });
      const queued = await noticesOf([incidentId]);
      expect(queued.length).toBe(4); // two contacts × e-mail and SMS
      expect(queued.every((n) => n.status === 'queued')).toBe(true);

      // The crashing worker dies at the first send that reaches the crash point.
      const crasher = spawnWorker(`crash ${point}`, workerEnv, { CRASH_AT: point });
      const exit = await Promise.race([crasher.exited, sleep(20_000).then(() => null)]);
      if (!exit) throw new Error(`the worker with CRASH_AT=${point} did not die within 20 s`);
      expect(diedOfSigkill(exit)).toBe(true);

      // What the crash left behind, as the kill point says it must be.
      const atCrash = await noticesOf([incidentId]);
      const r0 = receipts();
      const sendingAtCrash = atCrash.filter((n) => n.status === 'sending');
      const sentAtCrash = atCrash.filter((n) => n.status === 'sent');
      if (point === 'before-provider') {
        expect(sendingAtCrash.length).toBeGreaterThanOrEqual(1);
        expect(atCrash.every((n) => receiptsOf(n, r0).length === 0)).toBe(true); // nothing reached a provider
        expect(sentAtCrash).toEqual([]);
      } else if (point === 'after-provider') {
        expect(sendingAtCrash.some((n) => receiptsOf(n, r0).length === 1)).toBe(true); // accepted, not recorded
        expect(sentAtCrash).toEqual([]);
      } else {
        expect(sentAtCrash.length).toBeGreaterThanOrEqual(1); // accepted and recorded
        for (const n of sentAtCrash) expect(receiptsOf(n, r0)).toEqual([n.provider_id]);
      }

      // Jobs the dead worker had taken but not yet claimed stay locked in the queue (graphile-worker
      // frees such locks only after 4 hours): the reconciler must hand their notices to a new job.
      const [held] = await t.sql(
        `SELECT count(*)::int AS n FROM notices n JOIN graphile_worker.jobs j ON j.key = 'notice:' || n.id
          WHERE n.id = ANY($1::uuid[]) AND n.status = 'queued' AND j.locked_at IS NOT NULL`,
        [atCrash.map((n) => n.id)],
      );

      // A normal worker takes over: the rest goes out, the interrupted ones become unknown.
      spawnWorker(`after ${point}`, workerEnv);
      await eventually('every notice settled and every unknown one escalated', 25_000, async () => {
        const rows = await noticesOf([incidentId]);
        if (!rows.every((n) => SETTLED.includes(n.status))) return false;
        for (const n of rows.filter((row) => row.status === 'unknown')) {
          const alerts = await unknownAlerts(n.id);
          if (alerts.length === 0 || !alerts.every((a) => SETTLED.includes(a.status))) return false;
        }
        return true;
      }, () => ledgerSummary([incidentId]));

      const settled = await noticesOf([incidentId]);
      const r = receipts();
      for (const notice of settled) {
        const got = receiptsOf(notice, r);
        expect({ notice: notice.id, status: notice.status, receipts: got.length }).toEqual({
          notice: notice.id,
          status: expect.stringMatching(/^(sent|delivered|unknown)$/),
          receipts: notice.status === 'unknown' ? expect.any(Number) : 1,
        });
        expect(got.length).toBeLessThanOrEqual(1); // never two receipts for one notice
        if (notice.status === 'unknown') {
          const alerts = await unknownAlerts(notice.id);
          expect(alerts.length).toBeGreaterThanOrEqual(1); // escalated to a person…
          expect(alerts.some((a) => a.status === 'sent')).toBe(true); // …who was told
          for (const a of alerts) expect(r.alertEmail.get(a.id) ?? 0).toBeLessThanOrEqual(1);
        } else {
          expect(got).toEqual([notice.provider_id]); // the receipt is the one on record
        }
      }
      // The interrupted sends are never resent: unknown, with what the provider had at the crash.
      for (const n of sendingAtCrash) {
        const now = settled.find((row) => row.id === n.id)!;
        expect(now.status).toBe('unknown');
        expect(receiptsOf(now, r)).toEqual(receiptsOf(n, r0));
      }
      if (point === 'after-ledger') {
        // Recorded before the kill: sent exactly once and not touched again.
        for (const n of sentAtCrash) {
          const now = settled.find((row) => row.id === n.id)!;
          expect(now).toMatchObject({ status: 'sent', provider_id: n.provider_id, attempts: n.attempts, sent_at: n.sent_at, status_updated_at: n.status_updated_at });
          const sentEvents = await t.sql(`SELECT 1 FROM audit_events WHERE type = 'notice.sent' AND data->>'noticeId' = $1`, [n.id]);
          expect(sentEvents).toHaveLength(1);
        }
      }
      if (point === 'before-provider') {
        expect(settled.filter((n) => n.status === 'unknown').every((n) => receiptsOf(n, r).length === 0)).toBe(true);
      }
      const count = (rows: NoticeRow[], status: string) => rows.filter((n) => n.status === status).length;
      process.stdout.write(`crash-safety: killed ${point}: at the crash ${count(atCrash, 'sending')} sending, ${count(atCrash, 'sent')} sent, ` +
        `${count(atCrash, 'queued')} queued (${held.n} of them with a job held by the dead worker); ` +
        `after restart ${count(settled, 'sent')} sent, ${count(settled, 'unknown')} unknown\n`);
    }),
    45_000,
  );

  // -------------------------------------------------------------- 2. three instances, one database

  /** Controllers for the load test: 24 h from our discovery, a suspicion is notifiable, one contact (e-mail + SMS). */
  async function addLoadTestControllers(count: number): Promise<string[]> {
    const base = demoAgreements[0];
    const processorId = (await t.sql(`SELECT id FROM processors LIMIT 1`))[0].id;
    return t.service.db.dataSource.transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 1; i <= count; i++) {
        const nn = String(i).padStart(2, '0');
        const seed: DemoAgreementSeed = {
          controller: { name: `Belastingtest Klant ${nn} B.V.`, kvkNumber: `910000${nn}`, sector: 'test', city: 'Utrecht' },
          agreement: { ...base.agreement, title: 'Verwerkersovereenkomst (belastingtest)', deadlineHours: 24, clockStart: 'processor_discovery', notifySuspicion: true, warningShares: WARNING_SHARES },
          contacts: [{ key: 'primary', name: `Contact ${nn}`, role: 'breach_contact', email: `datalek-${nn}@klant-${nn}.example`, mobile: `+316000099${nn}`, order: 1, receivesBreachNotice: true }],
        };
        ids.push(await insertController(tx, processorId, seed));
      }
      return ids;
    });
  }

  test('when three worker processes share one database with 200 tracks with deadlines and notices, then every deadline event is applied once and every notice accepted at most once', () =>
    withWorkerOutput(async () => {
      const started = Date.now();
      // 20 incidents × 10 controllers = 200 tracks. Half were discovered an hour ago and are
      // notified before any worker runs (their deadline timers are cancelled); the other half
      // were discovered 30 h ago: the workers apply their passed deadlines, then they are
      // notified with a reason.
      const controllers = await addLoadTestControllers(10);
      const early: string[] = [];
      const late: string[] = [];
      await inParallel(Array.from({ length: 20 }, (_, i) => i), 4, async (i) => {
        if (i < 10) early.push(await report(controllers, 1));
        else late.push(await report(controllers, 30));
      });
      const incidents = [...early, ...late];
      await inParallel(early, 4, (id) => event(id, { type: 'NOTIFY', lateReason: LATE }));
      const tracks = await t.sql(`SELECT id FROM tracks WHERE incident_id = ANY($1::uuid[])`, [incidents]);
      expect(tracks).toHaveLength(200);
      const setupMs = Date.now() - started;

      const workers = [1, 2, 3].map((n) => spawnWorker(`instance ${n}`, workerEnv));
      const notified = new Set<string>();
      const timersPending = () =>
        t.sql(`SELECT count(*)::int AS n FROM track_timers tt JOIN tracks t ON t.id = tt.track_id
                WHERE t.incident_id = ANY($1::uuid[]) AND tt.applied_at IS NULL AND tt.cancelled_at IS NULL AND tt.due_at <= now()`, [incidents]);
      await eventually('all deadlines applied, all late tracks notified, every notice and alert settled', 45_000, async () => {
        // Notify the late half as soon as its deadlines were applied (overdue: a reason is required).
        const ready = await t.sql<{ incident_id: string }>(
          `SELECT t.incident_id FROM tracks t JOIN track_timers tt ON tt.track_id = t.id AND tt.name = 'elapsed'
            WHERE t.incident_id = ANY($1::uuid[]) GROUP BY t.incident_id HAVING bool_and(tt.applied_at IS NOT NULL)`,
          [late],
        );
        const toNotify = ready.map((row) => row.incident_id).filter((id) => !notified.has(id));
        toNotify.forEach((id) => notified.add(id));
        await inParallel(toNotify, 4, (id) => event(id, { type: 'NOTIFY', lateReason: LATE }));
        if (notified.size < late.length || (await timersPending())[0].n > 0) return false;
        const [open] = await t.sql(
          `SELECT (SELECT count(*)::int FROM notices n JOIN tracks t ON t.id = n.track_id WHERE t.incident_id = ANY($1::uuid[]) AND n.status IN ('queued', 'sending'))
                + (SELECT count(*)::int FROM alerts WHERE incident_id = ANY($1::uuid[]) AND status IN ('queued', 'sending')) AS n`,
          [incidents],
        );
        return open.n === 0;
      }, async () => ({
        notified: notified.size,
        timersPending: (await timersPending())[0].n,
        notices: await t.sql(`SELECT n.status, count(*)::int FROM notices n JOIN tracks t ON t.id = n.track_id WHERE t.incident_id = ANY($1::uuid[]) GROUP BY 1`, [incidents]),
        alerts: await t.sql(`SELECT status, count(*)::int FROM alerts WHERE incident_id = ANY($1::uuid[]) GROUP BY 1`, [incidents]),
      }));
      const runMs = Date.now() - started - setupMs;

      // Every deadline event exactly once where it fell due; none where the notice came first.
      const perTrack = await t.sql<{ id: string; incident_id: string; elapsed: number; warnings: number; notify: number; applied: number; cancelled: number }>(
        `SELECT t.id, t.incident_id,
                (SELECT count(*)::int FROM audit_events a WHERE a.track_id = t.id AND a.type = 'track.deadline_elapsed') AS elapsed,
                (SELECT count(*)::int FROM audit_events a WHERE a.track_id = t.id AND a.type = 'track.deadline_warning') AS warnings,
                (SELECT count(*)::int FROM audit_events a WHERE a.track_id = t.id AND a.type = 'track.notify') AS notify,
                (SELECT count(*)::int FROM track_timers tt WHERE tt.track_id = t.id AND tt.applied_at IS NOT NULL AND tt.name NOT LIKE 'ack-%') AS applied,
                (SELECT count(*)::int FROM track_timers tt WHERE tt.track_id = t.id AND tt.cancelled_at IS NOT NULL AND tt.name NOT LIKE 'ack-%') AS cancelled
           FROM tracks t WHERE t.incident_id = ANY($1::uuid[])`,
        [incidents],
      );
      const lateSet = new Set(late);
      const deadlineTimers = WARNING_SHARES.length + 1;
      const expected = (lateIncident: boolean) => lateIncident
        ? { elapsed: 1, warnings: WARNING_SHARES.length, notify: 1, applied: deadlineTimers, cancelled: 0 }
        : { elapsed: 0, warnings: 0, notify: 1, applied: 0, cancelled: deadlineTimers };
      const wrong = perTrack
        .map(({ id, incident_id, ...counts }) => ({ id, late: lateSet.has(incident_id), counts }))
        .filter((tr) => JSON.stringify(tr.counts) !== JSON.stringify(expected(tr.late)));
      expect(wrong).toEqual([]);
      expect(perTrack.filter((tr) => tr.elapsed === 1)).toHaveLength(100);

      // Every notice accepted by a provider at most once; a sent one exactly once.
      const notices = await noticesOf(incidents);
      expect(notices).toHaveLength(200 * 2);
      const r = receipts();
      const badNotices = notices
        .map((n) => ({ id: n.id, channel: n.channel, status: n.status, receipts: receiptsOf(n, r).length }))
        .filter((n) => n.receipts > 1 || (['sent', 'delivered'].includes(n.status) ? n.receipts !== 1 : n.status !== 'unknown'));
      expect(badNotices).toEqual([]);
      const unknown = notices.filter((n) => n.status === 'unknown');
      for (const n of unknown) expect((await unknownAlerts(n.id)).length).toBeGreaterThanOrEqual(1);
      // No SMS went out twice either, counted per recipient and body as the provider saw them.
      const smsSeen = new Map<string, number>();
      for (const m of twilio.messages) smsSeen.set(`${m.to}\n${m.body}`, (smsSeen.get(`${m.to}\n${m.body}`) ?? 0) + 1);
      expect([...smsSeen.values()].filter((count) => count > 1)).toEqual([]);
      // Alerts go through a ledger too: no alert e-mail twice.
      expect([...r.alertEmail.entries()].filter(([, count]) => count > 1)).toEqual([]);

      // The three processes really shared the work, and none of them died along the way.
      expect(workers.filter((w) => w.timerJobs > 0).length).toBeGreaterThanOrEqual(2);
      expect(workers.map((w) => w.exit)).toEqual([null, null, null]);
      process.stdout.write(`crash-safety: 200 tracks set up in ${setupMs} ms, settled by 3 workers in ${runMs} ms ` +
        `(timer jobs per worker: ${workers.map((w) => w.timerJobs).join('/')}; ${notices.length} notices, ${unknown.length} unknown; ` +
        `${smtp.messages.length} e-mails, ${twilio.messages.length} SMS so far in this file)\n`);
    }),
    180_000,
  );

  // -------------------------------------------------------------- 3. conflicting commands

  /**
   * Fires both commands while a third connection holds the incident's row lock, and lets go
   * only when both wait on it, so they really meet at the database.
   */
  async function atOnce(incidentId: string, bodies: [object, object]): Promise<[number, number]> {
    const blocker = new Client({ connectionString: t.config.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM incidents WHERE id = $1 FOR UPDATE', [incidentId]);
      const responses = bodies.map((body) => t.as(support).post(`/api/incidents/${incidentId}/events`, body).then((res) => res));
      await eventually('both commands waiting on the incident lock', 10_000, async () => {
        // Asked on another connection: inside a transaction pg_stat_activity is a snapshot.
        const [waiting] = await t.sql(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting.n >= 2;
      }, async () => 'not both waiting');
      await blocker.query('COMMIT');
      const [a, b] = await Promise.all(responses);
      for (const res of [a, b]) if (res.status === 409) expect(res.body.code).toBe('event_not_allowed');
      return [a.status, b.status];
    } finally {
      await blocker.end();
    }
  }

  const auditCount = async (incidentId: string, type: string): Promise<number> =>
    (await t.sql(`SELECT count(*)::int AS n FROM audit_events WHERE incident_id = $1 AND type = $2`, [incidentId, type]))[0].n;

  test('when two NOTIFYs on one track arrive at once, then exactly one succeeds, the other gets a 409, and the notice is queued once', async () => {
    for (let round = 0; round < 3; round++) {
      const incidentId = await report([polderpeil], 1);
      await event(incidentId, { type: 'CONFIRM' });
      const statuses = await atOnce(incidentId, [{ type: 'NOTIFY' }, { type: 'NOTIFY' }]);
      expect(statuses.sort()).toEqual([200, 409]);
      expect(await auditCount(incidentId, 'track.notify')).toBe(1);
      const [versions] = await t.sql(`SELECT count(*)::int AS n FROM notice_versions v JOIN tracks t ON t.id = v.track_id WHERE t.incident_id = $1`, [incidentId]);
      expect(versions.n).toBe(1);
      expect(await noticesOf([incidentId])).toHaveLength(4);
    }
  });

  test('when NOTIFY and DISMISS on one track arrive at once, then exactly one wins, the other gets a 409, and the record holds only the winner', async () => {
    const winners: string[] = [];
    for (let round = 0; round < 4; round++) {
      const incidentId = await report([polderpeil], 1);
      await event(incidentId, { type: 'CONFIRM' });
      const bodies: [object, object] = round % 2 === 0
        ? [{ type: 'NOTIFY' }, { type: 'DISMISS', reason: 'Geen persoonsgegevens betrokken' }]
        : [{ type: 'DISMISS', reason: 'Geen persoonsgegevens betrokken' }, { type: 'NOTIFY' }];
      const statuses = await atOnce(incidentId, bodies);
      expect([...statuses].sort()).toEqual([200, 409]);
      const notifies = await auditCount(incidentId, 'track.notify');
      const dismissals = await auditCount(incidentId, 'track.dismiss');
      expect(notifies + dismissals).toBe(1);
      const [track] = await t.sql(`SELECT state FROM tracks WHERE incident_id = $1`, [incidentId]);
      expect(track.state).toBe(notifies === 1 ? 'notified' : 'dismissed');
      expect(await noticesOf([incidentId])).toHaveLength(notifies === 1 ? 4 : 0);
      winners.push(track.state);
    }
    expect(winners).toHaveLength(4);
  });
});
