import { Router, type Request, type Response } from 'express';
import { requireRole, PROCESSOR_ROLES } from '../../auth/auth-user';
import { LocalizedValidationError, ValidationError } from '../../domain/errors';
import type { Language } from '../../i18n/messages';
import { loadIncidentView } from '../../domain/incident.views';
import { reportIncidentSchema, updateIncidentSchema } from '../../domain/incident.schemas';
import { ui } from '../../i18n/ui-messages';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import { reportIncident } from '../../use-cases/report-incident.use-case';
import { updateIncident } from '../../use-cases/update-incident.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { formErrors, type FormBody } from './forms/form-values';
import { isoToLocal } from './forms/local-time';
import { contradictions, incidentToBody, reportFieldOf, toReportInput, toUpdateInput } from './forms/report-incident.form';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { buildIncidentForm } from './view-models/incident-form.view-model';

/** "Meld een (mogelijk) datalek" and the edit form for what has become known since. */
export function reportIncidentPageRoutes(deps: AppDeps): Router {
  const router = Router();

  const show = async (req: Request, res: Response, status: number, body: FormBody, errors: Record<string, string>, incidentId?: string) => {
    const lang = languageOf(req);
    const m = ui(lang);
    const controllers = await listControllersFor(pageUser(req), deps);
    renderWebPage(req, res, status, 'incident-form', {
      title: incidentId ? m.editTitle : m.reportTitle,
      intro: incidentId ? m.editIntro : m.reportIntro,
      action: incidentId ? `/incidents/${incidentId}/edit` : '/incidents/new',
      submitLabel: incidentId ? m.saveChanges : m.reportSubmit,
      form: buildIncidentForm(lang, body, errors, controllers, { withControllers: !incidentId }),
    });
  };

  /** Contradictions, then the schema, then the use case's own checks: every error by field. */
  const errorsOf = (req: Request, body: FormBody, parsed: { success: boolean; error?: any }) => {
    const lang = languageOf(req);
    const errors: Record<string, string> = parsed.success ? {} : formErrors(lang, parsed.error, reportFieldOf);
    for (const key of contradictions(body)) errors[key] ??= ui(lang).errKnownButUnknown;
    return errors;
  };

  router.get('/incidents/new', async (req, res) => {
    requireRole(pageUser(req), PROCESSOR_ROLES);
    await show(req, res, 200, { discoveredAt: isoToLocal(new Date().toISOString()), discoveredBy: 'processor' }, {});
  });

  router.post('/incidents/new', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, PROCESSOR_ROLES);
    const body = req.body as FormBody;
    const parsed = reportIncidentSchema.safeParse(toReportInput(body));
    const errors = errorsOf(req, body, parsed);
    if (!parsed.success || Object.keys(errors).length > 0) return show(req, res, 422, body, errors);
    try {
      const incident = await reportIncident(parsed.data, user, deps);
      res.redirect(303, `/incidents/${incident.id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await show(req, res, 422, body, fieldErrors(error, languageOf(req)));
    }
  });

  router.get('/incidents/:id/edit', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, PROCESSOR_ROLES);
    const id = idParam(req.params.id, 'Incident');
    const incident = await loadIncidentView(deps.dataSource.manager, id, user);
    await show(req, res, 200, incidentToBody(incident), {}, id);
  });

  router.post('/incidents/:id/edit', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, PROCESSOR_ROLES);
    const id = idParam(req.params.id, 'Incident');
    const body = req.body as FormBody;
    const parsed = updateIncidentSchema.safeParse(toUpdateInput(body));
    const errors = errorsOf(req, body, parsed);
    if (!parsed.success || Object.keys(errors).length > 0) return show(req, res, 422, body, errors, id);
    try {
      await updateIncident(id, parsed.data, user, deps);
      res.redirect(303, `/incidents/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await show(req, res, 422, body, fieldErrors(error, languageOf(req)), id);
    }
  });
  return router;
}

function fieldErrors(error: ValidationError, language: Language): Record<string, string> {
  const fields = error instanceof LocalizedValidationError ? error.byLanguage[language] : error.fields ?? {};
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [reportFieldOf(path), message]));
}
