import { Logger as QueueLogger, run, type Runner, type TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Tokens } from '../auth/tokens';
import { applyTrackTimer, reconcileTimers } from '../use-cases/apply-track-timer.use-case';
import { deliverNotice, reconcileNotices, RetryLater, type DeliveryDeps } from '../use-cases/deliver-notice.use-case';
import type { MailSender, SmsSender } from '../notify/senders';
import { addJob, noticeJobKey } from './job-queue';
import type { Logger } from '../logger';

export interface WorkerDeps {
  dataSource: DataSource;
  connectionString: string;
  tokens: Tokens;
  mail: MailSender;
  sms: SmsSender;
  publicUrl: string;
  pollMs: number;
  reconcileEveryMs: number;
  concurrency?: number;
  /** True on the embedded database (see noPreparedStatements). */
  embedded: boolean;
  logger: Logger;
}

export interface Worker {
  /** Runs the reconciler sweep once now (also used by tests and the CLI). */
  reconcile(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_SEND_ATTEMPTS = 8;

export function taskList(deps: Omit<WorkerDeps, 'connectionString' | 'pollMs' | 'reconcileEveryMs' | 'embedded'>): TaskList {
  const delivery: DeliveryDeps = { ...deps, maxAttempts: MAX_SEND_ATTEMPTS };
  return {
    send_notice: async (payload) => {
      const { noticeId } = payload as { noticeId: string };
      try {
        await deliverNotice(noticeId, delivery);
      } catch (error) {
        if (error instanceof RetryLater) deps.logger.warn({ noticeId, reason: error.message }, 'notice send failed, will retry');
        throw error;
      }
    },
    apply_track_timer: async (payload) => {
      const { trackId, name } = payload as { trackId: string; name: string };
      const outcome = await applyTrackTimer(trackId, name, deps);
      deps.logger.info({ trackId, timer: name, outcome }, 'deadline timer');
    },
  };
}

/** The job runner plus the reconciler sweep; several instances may run side by side. */
export async function startWorker(deps: WorkerDeps): Promise<Worker> {
  // Our own pool, so that stop() can wait until its connections are really closed
  // (the queue's built-in pool is ended without waiting).
  const pool = new Pool({ connectionString: deps.connectionString, max: (deps.concurrency ?? 4) + 2 });
  const onError = (error: Error) => deps.logger.warn({ component: 'job-queue', err: error.message }, 'queue connection failed');
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  const runner: Runner = await run({
    pgPool: pool,
    concurrency: deps.concurrency ?? 4,
    pollInterval: deps.pollMs,
    noHandleSignals: true,
    // The embedded database is one session behind a multiplexer: named prepared statements
    // from several pool clients would collide there.
    noPreparedStatements: deps.embedded,
    taskList: taskList(deps),
    // The queue's own chatter stays out; its warnings and errors join our log.
    logger: new QueueLogger(() => (level, message) => {
      if (level === 'error') deps.logger.error({ component: 'job-queue' }, message);
      else if (level === 'warning') deps.logger.warn({ component: 'job-queue' }, message);
    }),
  });
  let sweeping: Promise<void> | null = null;
  const reconcile = async () => {
    const timers = await reconcileTimers(deps);
    const notices = await reconcileNotices({
      dataSource: deps.dataSource,
      addMissingJob: (tx, noticeId) => addJob(tx, 'send_notice', { noticeId }, { jobKey: noticeJobKey(noticeId) }),
    });
    if (timers || notices.requeued || notices.unknown) deps.logger.warn({ timers, ...notices }, 'reconciler caught up');
  };
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = reconcile()
      .catch((error) => deps.logger.error({ err: (error as Error).message }, 'reconciler sweep failed'))
      .finally(() => (sweeping = null));
  }, deps.reconcileEveryMs);
  timer.unref();
  return {
    reconcile,
    async stop() {
      clearInterval(timer);
      await sweeping;
      await runner.stop();
      await pool.end();
    },
  };
}
