import { Router, type Request, type Response } from 'express';
import { registerQuerySchema } from '../domain/dpo.schemas';
import { exportRegister, readRegister } from '../use-cases/read-register.use-case';
import type { AppDeps } from './app-deps';
import { userOf } from './auth.middleware';
import { parse } from './validate';

/**
 * The register (GDPR art. 33(5)): a page as JSON, or the whole (filtered) register streamed
 * as CSV or JSON. Headers go out before the first batch is read, so an error halfway can
 * only cut the stream short; it is logged, and a cut CSV/JSON is visibly incomplete.
 */
export function registerApiRoutes(deps: AppDeps): Router {
  const router = Router();
  const stream = (format: 'csv' | 'json') => async (req: Request, res: Response) => {
    const query = parse(registerQuerySchema, req.query);
    const user = userOf(req);
    const stamp = new Date().toISOString().slice(0, 10);
    res.status(200);
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="register-${stamp}.${format}"`);
    try {
      const rows = await exportRegister(format, query, user, deps, res);
      deps.logger.info({ route: 'register.export', format, rows, userId: user.id }, 'register exported');
      res.end();
    } catch (error) {
      deps.logger.error({ route: 'register.export', format, err: (error as Error).name }, 'register export cut short');
      res.destroy();
    }
  };
  router.get('/api/register.csv', stream('csv'));
  router.get('/api/register.json', stream('json'));
  router.get('/api/register', async (req, res) => {
    const query = parse(registerQuerySchema, req.query);
    if (query.format) return stream(query.format)(req, res);
    res.json(await readRegister(query, userOf(req), deps));
  });
  return router;
}
