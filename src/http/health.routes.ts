import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { DataSource } from 'typeorm';
import { migrations } from '../db/migrations';
import type { Config } from '../config';
import type { Metrics } from '../metrics/metrics';

/**
 * /healthz: the process answers and the database too. /readyz: also the schema is current and
 * a worker (any instance) has taken or finished a job recently when jobs are due.
 * /metrics: Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`; without a token
 * configured it is not served (it tells open and overdue breaches across all clients).
 */
/** The scrape token, compared in constant time (as hashes, so the lengths match too). */
function bearerMatches(req: Request, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return given !== '' && timingSafeEqual(digest(given), digest(token));
}

export function healthRoutes(deps: { dataSource: DataSource; metrics: Metrics; metricsToken: string | undefined; config?: Pick<Config, 'mode' | 'missingDelivery'> }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await deps.dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    try {
      const applied = await deps.dataSource.query(`SELECT count(*)::int AS n FROM schema_migrations`);
      checks.database = 'ok';
      checks.migrations = applied[0].n >= migrations.length ? 'current' : `behind (${applied[0].n}/${migrations.length})`;
      // Jobs due for over a minute and none taken: no worker is running anywhere.
      const [stale] = await deps.dataSource.query(
        `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_at IS NULL AND run_at < now() - interval '60 seconds' AND attempts = 0`,
      );
      checks.worker = stale.n === 0 ? 'ok' : `${stale.n} jobs waiting over a minute`;
    } catch {
      checks.database = 'unreachable';
    }
    // Without providers messages only reach the outbox: said plainly, and never ready in production.
    const missing = deps.config?.missingDelivery ?? [];
    checks.delivery = missing.length === 0 ? 'ok' : `outbox only, not sent: ${missing.join(', ')} not set`;
    const deliveryOk = missing.length === 0 || deps.config?.mode !== 'production';
    const ready = checks.database === 'ok' && checks.migrations === 'current' && checks.worker === 'ok' && deliveryOk;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', async (req, res, next) => {
    if (!deps.metricsToken) return next(); // not served: the 404 of any unknown path
    if (!bearerMatches(req, deps.metricsToken)) {
      res.set('www-authenticate', 'Bearer realm="metrics"').status(401).json({ code: 'unauthorized', message: 'Send "Authorization: Bearer <METRICS_TOKEN>".' });
      return;
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
