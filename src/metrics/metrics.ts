import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * Prometheus metrics. Request metrics are counted as they happen; the state of the work
 * (open tracks, overdue, the ledgers, the queue) is read from the database, at most once per
 * GAUGE_CACHE_MS, so every instance reports the same truth without a count per scrape.
 */
export interface Metrics {
  registry: Registry;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  reconcilerCaught(kind: 'timers' | 'notices_requeued' | 'notices_unknown' | 'alerts_unknown' | 'held_statuses_applied', count: number): void;
}

interface GaugeValues {
  open: Array<{ state: string; n: number }>;
  overdue: number;
  notices: Array<{ channel: string; status: string; n: number }>;
  queueDepth: number;
  oldestDueAgeSeconds: number;
}

async function readGaugeValues(dataSource: DataSource): Promise<GaugeValues> {
  const open = await dataSource.query(`SELECT state, count(*)::int AS n FROM tracks WHERE state NOT IN ('closed', 'dismissed') GROUP BY state`);
  const [overdue] = await dataSource.query(`SELECT count(*)::int AS n FROM tracks WHERE overdue AND first_notified_at IS NULL AND state NOT IN ('closed', 'dismissed')`);
  const notices = await dataSource.query(`SELECT channel, status, count(*)::int AS n FROM notices GROUP BY channel, status`);
  const [queue] = await dataSource.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_at IS NULL`);
  const [oldest] = await dataSource.query(`SELECT coalesce(extract(epoch FROM now() - min(run_at)), 0)::float AS s FROM graphile_worker.jobs WHERE locked_at IS NULL AND run_at <= now()`);
  return { open, overdue: overdue.n, notices, queueDepth: queue.n, oldestDueAgeSeconds: oldest.s };
}

/** How long one read of the work's state serves scrapes (Prometheus scrapes every 15–60 s). */
export const GAUGE_CACHE_MS = 15_000;

export function createMetrics(dataSource: DataSource, options: { cacheMs?: number } = {}): Metrics {
  const cacheMs = options.cacheMs ?? GAUGE_CACHE_MS;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'meldplicht_process_' });
  const requests = new Counter({ name: 'meldplicht_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const durations = new Histogram({ name: 'meldplicht_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['route', 'method'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] });
  const caught = new Counter({ name: 'meldplicht_reconciler_catches_total', help: 'Work the reconciler sweep caught that a job missed', labelNames: ['kind'], registers: [registry] });

  // One read of the database per cache period, shared by all gauges and by scrapes that
  // overlap: a scraper (or someone hammering /metrics) cannot turn into a stream of counts.
  let snapshot: { at: number; values: Promise<GaugeValues> } | null = null;
  const current = (): Promise<GaugeValues> => {
    if (!snapshot || Date.now() - snapshot.at >= cacheMs) {
      const values = readGaugeValues(dataSource);
      snapshot = { at: Date.now(), values };
      values.catch(() => (snapshot = null)); // a failed read is not cached
    }
    return snapshot.values;
  };
  const gauge = (name: string, help: string, labelNames: string[], read: (g: Gauge, v: GaugeValues) => void) =>
    new Gauge({ name, help, labelNames, registers: [registry], async collect() { read(this, await current()); } });

  gauge('meldplicht_tracks_open', 'Tracks not closed or dismissed, by state', ['state'], (g, v) => {
    g.reset();
    for (const r of v.open) g.set({ state: r.state }, r.n);
  });
  gauge('meldplicht_tracks_overdue', 'Tracks past their notice deadline without a notice', [], (g, v) => g.set(v.overdue));
  gauge('meldplicht_notices', 'Notices on the ledger by channel and status', ['channel', 'status'], (g, v) => {
    g.reset();
    for (const r of v.notices) g.set({ channel: r.channel, status: r.status }, r.n);
  });
  gauge('meldplicht_job_queue_depth', 'Jobs waiting in the queue', [], (g, v) => g.set(v.queueDepth));
  gauge('meldplicht_job_oldest_due_age_seconds', 'Age of the oldest job that is due and not taken', [], (g, v) => g.set(v.oldestDueAgeSeconds));

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
