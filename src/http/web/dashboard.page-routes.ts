import { Router } from 'express';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import { listIncidents } from '../../use-cases/list-incidents.use-case';
import type { AppDeps } from '../app-deps';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { buildDashboardView } from './view-models/dashboard.view-model';

export function dashboardPageRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/dashboard', async (req, res) => {
    const user = pageUser(req);
    const [incidents, controllers] = await Promise.all([listIncidents(user, deps), listControllersFor(user, deps)]);
    renderWebPage(req, res, 200, 'dashboard', buildDashboardView(languageOf(req), user, incidents, controllers, Date.now()));
  });
  return router;
}
