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
import { list, str, type FormBody } from './forms/form-values';
import { refusalLines } from './refusal-text';
import { showCombinedPreview } from './notice.page-routes';
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
    const view = { ...buildIncidentPage(languageOf(req), user, incident, audit, controllers, Date.now(), problem, deps.config.reopenDays) };
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
    // Dismissing closes the case: asked for deliberately.
    if (parsed.data.type === 'DISMISS' && str(body, 'confirm') !== 'yes') return show(req, res, 422, problem(m.errDismissConfirm));
    try {
      await applyIncidentEvent(id, parsed.data, user, deps);
      res.redirect(303, `/incidents/${id}${parsed.data.trackId ? `#track-${parsed.data.trackId}` : ''}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      await show(req, res, error.status, problem(refusalLines(languageOf(req), error).join(' ')));
    }
  });

  // Incident-wide: one action for the chosen controllers; the combined preview for notices.
  router.post('/incidents/:id/bulk', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, PROCESSOR_ROLES);
    const id = idParam(req.params.id, 'Incident');
    const body = req.body as FormBody;
    const lang = languageOf(req);
    const m = ui(lang);
    const batchProblem = (lines: string[]): ActionProblem => ({ trackId: null, message: lines.join(' '), lines, reason: str(body, 'reason'), batch: true });
    const op = str(body, 'op');
    const trackIds = list(body, 'trackIds');
    if (trackIds.length === 0) return show(req, res, 422, batchProblem([m.bulkNone]));
    if (op === 'preview' || op === 'preview-final') return showCombinedPreview(req, res, deps, id, trackIds, op === 'preview-final' ? 'final' : 'notice', 200, []);
    const type = ({ confirm: 'CONFIRM', close: 'CLOSE', dismiss: 'DISMISS' } as Record<string, string>)[op];
    const parsed = incidentEventSchema.safeParse(type === 'DISMISS' ? { type, trackIds, reason: str(body, 'reason') } : { type, trackIds });
    if (!parsed.success) return show(req, res, 422, batchProblem([parsed.error.issues.some((i) => i.path[0] === 'reason') ? m.errDismissReason : m.errInvalid]));
    if (type === 'DISMISS' && str(body, 'confirm') !== 'yes') return show(req, res, 422, batchProblem([m.errDismissConfirm]));
    try {
      await applyIncidentEvent(id, parsed.data, user, deps);
      res.redirect(303, `/incidents/${id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      await show(req, res, error.status, batchProblem(refusalLines(lang, error)));
    }
  });
  return router;
}
