import { Logger as QueueLogger, run, type Runner, type TaskList } from 'graphile-worker';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Tokens } from '../auth/tokens';
import { inTransaction } from '../db/transaction';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { RetryLater, type CrashPoint } from '../notify/ledger-delivery';
import type { MailSender, SmsSender } from '../notify/senders';
import { applyTrackTimer, reconcileTimers } from '../use-cases/apply-track-timer.use-case';
import { deliverAlert, reconcileAlerts } from '../use-cases/deliver-alert.use-case';
import { deliverNotice, reconcileNotices } from '../use-cases/deliver-notice.use-case';
import { applyHeldStatuses } from '../use-cases/record-delivery-status.use-case';
import { deliverWebhook } from '../use-cases/deliver-webhook.use-case';
import type { WebhookTargetPolicy } from '../webhooks/webhook-target';
import { addJob, noticeJobKey } from './job-queue';
import { retryQueueWritesAcrossDatabaseRestarts } from './queue-retries';

export interface WorkerDeps {
  dataSource: DataSource;
  connectionString: string;
  tokens: Tokens;
  mail: MailSender;
  sms: SmsSender;
  publicUrl: string;
  pollMs: number;
  reconcileEveryMs: number;
  sendingStaleMs: number;
  /** Where Twilio reports delivery: PUBLIC_URL/api/twilio/status when Twilio is configured. */
  statusCallbackUrl?: string;
  concurrency?: number;
  /** True on the embedded database (see noPreparedStatements). */
  embedded: boolean;
  logger: Logger;
  crashAt?: CrashPoint;
  metrics?: Metrics;
  /** Internal webhook targets the operator allows (config.webhookTargets); none when absent. */
  webhookTargets?: WebhookTargetPolicy;
}

export interface Worker {
  /** Runs the reconciler sweep once now (also used by tests and the CLI). */
  reconcile(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_SEND_ATTEMPTS = 8;

export function taskList(deps: WorkerDeps): TaskList {
  const ledger = {
    ...deps,
    maxAttempts: MAX_SEND_ATTEMPTS,
    recordRetryMs: deps.sendingStaleMs / 2,
    // The crash tests kill the worker right here, as a power cut would.
    crashPoint: deps.crashAt ? (point: CrashPoint) => point === deps.crashAt && process.kill(process.pid, 'SIGKILL') : undefined,
  };
  const retryLogged = async (what: Record<string, string>, send: () => Promise<void>) => {
    try {
      await send();
    } catch (error) {
      if (error instanceof RetryLater) deps.logger.warn({ ...what, reason: error.message }, 'send failed, will retry');
      throw error;
    }
  };
  return {
    send_notice: (payload) => retryLogged({ noticeId: (payload as { noticeId: string }).noticeId }, () => deliverNotice((payload as { noticeId: string }).noticeId, ledger)),
    send_alert: (payload) => retryLogged({ alertId: (payload as { alertId: string }).alertId }, () => deliverAlert((payload as { alertId: string }).alertId, ledger)),
    deliver_webhook: (payload) => deliverWebhook((payload as { deliveryId: string }).deliveryId, { ...deps, webhookTargets: deps.webhookTargets ?? { allowedHosts: [] } }),
    apply_track_timer: async (payload) => {
      const { trackId, name } = payload as { trackId: string; name: string };
      const outcome = await applyTrackTimer(trackId, name, deps);
      deps.logger.info({ trackId, timer: name, outcome }, 'deadline timer');
    },
  };
}

/** The job runner plus the reconciler sweep; several instances may run side by side. */
export async function startWorker(deps: WorkerDeps): Promise<Worker> {
  retryQueueWritesAcrossDatabaseRestarts();
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
    const ledgers = await inTransaction(deps.dataSource, async (tx) => ({
      notices: await reconcileNotices(tx, {
        ...deps, maxAttempts: MAX_SEND_ATTEMPTS, staleSendingMs: deps.sendingStaleMs,
        addMissingJob: (t, noticeId) => addJob(t, 'send_notice', { noticeId }, { jobKey: noticeJobKey(noticeId) }),
      }),
      alerts: await reconcileAlerts(tx, deps.sendingStaleMs),
      heldStatuses: await applyHeldStatuses(tx, deps.publicUrl),
    }));
    deps.metrics?.reconcilerCaught('timers', timers);
    deps.metrics?.reconcilerCaught('notices_requeued', ledgers.notices.requeued);
    deps.metrics?.reconcilerCaught('notices_unknown', ledgers.notices.unknown);
    deps.metrics?.reconcilerCaught('alerts_unknown', ledgers.alerts.unknown);
    deps.metrics?.reconcilerCaught('held_statuses_applied', ledgers.heldStatuses);
    if (timers || ledgers.notices.requeued || ledgers.notices.unknown || ledgers.alerts.requeued || ledgers.alerts.unknown) {
      deps.logger.warn({ timers, notices: ledgers.notices, alerts: ledgers.alerts }, 'reconciler caught up');
    }
  };
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = reconcile()
      .catch((error) => deps.logger.error({ err: (error as Error).message }, 'reconciler sweep failed'))
      .finally(() => (sweeping = null));
  }, deps.reconcileEveryMs);
  timer.unref();
  let stopped: Promise<void> | null = null;
  return {
    reconcile,
    // Idempotent: a second stop waits for the first (SIGTERM and a test teardown may both call it).
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await sweeping;
        await runner.stop();
        await pool.end();
      })();
      return stopped;
    },
  };
}
