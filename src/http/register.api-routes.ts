import { Router, type Request, type Response } from 'express';
import { registerQuerySchema } from '../domain/dpo.schemas';
import { sendRegisterExport } from './register-export.response';
import { readRegister } from '../use-cases/read-register.use-case';
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
    await sendRegisterExport(res, format, parse(registerQuerySchema, req.query), userOf(req), deps);
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
