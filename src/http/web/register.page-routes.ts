import { Router, type Request, type Response } from 'express';
import { registerQuerySchema } from '../../domain/dpo.schemas';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import { sendRegisterExport } from '../register-export.response';
import { readRegister } from '../../use-cases/read-register.use-case';
import type { AppDeps } from '../app-deps';
import { parse } from '../validate';
import { formErrors, type FormBody } from './forms/form-values';
import { toRegisterQuery } from './forms/register-filter.form';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { buildRegisterPage } from './view-models/register.view-model';

const PAGE_SIZE = 100;

/**
 * The register (GDPR art. 33(5)) for a browser session: the processor's staff see every
 * controller's entries, controller-side users their own (the use case decides). The exports
 * stream like the API's; the page links to them with the same filters.
 */
export function registerPageRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/register', async (req, res) => {
    const user = pageUser(req);
    const lang = languageOf(req);
    const filters = toRegisterQuery(req.query as FormBody, { page: true });
    const parsed = registerQuerySchema.safeParse({ ...filters, limit: PAGE_SIZE });
    const controllers = await listControllersFor(user, deps);
    if (!parsed.success) {
      const errors = formErrors(lang, parsed.error, (p) => p.split('.')[0] || 'from');
      renderWebPage(req, res, 422, 'register', buildRegisterPage(lang, user, controllers, filters, errors, { entries: [], nextCursor: null }));
      return;
    }
    const page = await readRegister(parsed.data, user, deps);
    renderWebPage(req, res, 200, 'register', buildRegisterPage(lang, user, controllers, filters, {}, page));
  });

  const stream = (format: 'csv' | 'json') => async (req: Request, res: Response) => {
    const query = parse(registerQuerySchema, toRegisterQuery(req.query as FormBody, { page: false }));
    await sendRegisterExport(res, format, query, pageUser(req), deps);
  };
  router.get('/register.csv', stream('csv'));
  router.get('/register.json', stream('json'));
  return router;
}
