import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * Prometheus metrics. Request metrics are counted as they happen; the state of the work
 * (open tracks, overdue, the ledgers, the queue) is read from the database at scrape time,
 * so every instance reports the same truth.
 */
export interface Metrics {
  registry: Registry;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  reconcilerCaught(kind: 'timers' | 'notices_requeued' | 'notices_unknown' | 'alerts_unknown' | 'held_statuses_applied', count: number): void;
}

export function createMetrics(dataSource: DataSource): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meldplicht_process_' });
  const requests = new Counter({ name: 'meldplicht_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const durations = new Histogram({ name: 'meldplicht_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['route', 'method'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] });
  const caught = new Counter({ name: 'meldplicht_reconciler_catches_total', help: 'Work the reconciler sweep caught that a job missed', labelNames: ['kind'], registers: [registry] });

  const gauge = (name: string, help: string, labelNames: string[], read: (g: Gauge) => Promise<void>) =>
    new Gauge({ name, help, labelNames, registers: [registry], async collect() { await read(this); } });

  gauge('meldplicht_tracks_open', 'Tracks not closed or dismissed, by state', ['state'], async (g) => {
    g.reset();
    for (const r of await dataSource.query(`SELECT state, count(*)::int AS n FROM tracks WHERE state NOT IN ('closed', 'dismissed') GROUP BY state`)) g.set({ state: r.state }, r.n);
  });
  gauge('meldplicht_tracks_overdue', 'Tracks past their notice deadline without a notice', [], async (g) => {
    const [r] = await dataSource.query(`SELECT count(*)::int AS n FROM tracks WHERE overdue AND first_notified_at IS NULL AND state NOT IN ('closed', 'dismissed')`);
    g.set(r.n);
  });
  gauge('meldplicht_notices', 'Notices on the ledger by channel and status', ['channel', 'status'], async (g) => {
    g.reset();
    for (const r of await dataSource.query(`SELECT channel, status, count(*)::int AS n FROM notices GROUP BY channel, status`)) g.set({ channel: r.channel, status: r.status }, r.n);
  });
  gauge('meldplicht_job_queue_depth', 'Jobs waiting in the queue', [], async (g) => {
    const [r] = await dataSource.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_at IS NULL`);
    g.set(r.n);
  });
  gauge('meldplicht_job_oldest_due_age_seconds', 'Age of the oldest job that is due and not taken', [], async (g) => {
    const [r] = await dataSource.query(`SELECT coalesce(extract(epoch FROM now() - min(run_at)), 0)::float AS s FROM graphile_worker.jobs WHERE locked_at IS NULL AND run_at <= now()`);
    g.set(r.s);
  });

  return {
    registry,
    observeRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      durations.observe({ route, method }, seconds);
    },
    reconcilerCaught(kind, count) {
      if (count > 0) caught.inc({ kind }, count);
    },
  };
}
