import { Router, type Request, type Response } from 'express';
import { isControllerSide, requireRole, PROCESSOR_ROLES } from '../../auth/auth-user';
import { DomainError } from '../../domain/errors';
import { incidentEventSchema } from '../../domain/incident.schemas';
import { loadIncidentView } from '../../domain/incident.views';
import { ui } from '../../i18n/ui-messages';
import { applyIncidentEvent } from '../../use-cases/apply-incident-event.use-case';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import { readAuditTrail } from '../../use-cases/read-audit-trail.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { toEventInput } from './forms/incident-event.form';
import { str, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { buildIncidentPage, type ActionProblem } from './view-models/incident-page.view-model';
import { unsentText } from './view-models/unsent-changes.view-model';
import { changesSinceLastNotice } from '../../domain/unsent-changes';

/** The incident page: facts, tracks with notices and acknowledgements, timeline, actions. */
export function incidentPageRoutes(deps: AppDeps): Router {
  const router = Router();

  const show = async (req: Request, res: Response, status: number, problem: ActionProblem | null) => {
    const user = pageUser(req);
    const id = idParam(req.params.id, 'Incident');
    const incident = await loadIncidentView(deps.dataSource.manager, id, user);
    const [audit, controllers] = await Promise.all([readAuditTrail(id, user, deps), listControllersFor(user, deps)]);
    const unsent = isControllerSide(user) ? new Map() : await changesSinceLastNotice(deps.dataSource.manager, incident);
    const view = { ...buildIncidentPage(languageOf(req), user, incident, audit, controllers, Date.now(), problem) };
    view.tracks = view.tracks.map((tr) => ({ ...tr, changedSinceNotice: unsentText(languageOf(req), unsent.get(tr.id)) }));
    renderWebPage(req, res, status, 'incident', view);
  };

  router.get('/incidents/:id', (req, res) => show(req, res, 200, null));

  router.post('/incidents/:id/events', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, PROCESSOR_ROLES);
    const id = idParam(req.params.id, 'Incident');
    const body = req.body as FormBody;
    const m = ui(languageOf(req));
    const problem = (message: string): ActionProblem => ({ trackId: str(body, 'trackId') || null, message, reason: str(body, 'reason') });
    const parsed = incidentEventSchema.safeParse(toEventInput(body));
    if (!parsed.success) {
      const onReason = parsed.error.issues.some((i) => i.path[0] === 'reason');
      return show(req, res, 422, problem(onReason ? m.errDismissReason : m.errInvalid));
    }
    try {
      await applyIncidentEvent(id, parsed.data, user, deps);
      res.redirect(303, `/incidents/${id}${parsed.data.trackId ? `#track-${parsed.data.trackId}` : ''}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      await show(req, res, error.status, problem(`${m.eventRefused} (${error.message})`));
    }
  });
  return router;
}
