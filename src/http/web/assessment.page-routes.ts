import { Router, type Request, type Response } from 'express';
import { requireRole } from '../../auth/auth-user';
import { DomainError } from '../../domain/errors';
import { assessmentSchema } from '../../domain/incident.schemas';
import { ui } from '../../i18n/ui-messages';
import { readTrack } from '../../use-cases/read-track.use-case';
import { recordAssessment } from '../../use-cases/record-assessment.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { toAssessmentInput } from './forms/assessment.form';
import { formErrors, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { buildAssessmentPage } from './view-models/assessment.view-model';

/** The DPO records the decision on reporting to the AP and informing the data subjects. */
export function assessmentPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const show = async (req: Request, res: Response, status: number, body: FormBody, errors: Record<string, string>) => {
    const { incident, track } = await readTrack(idParam(req.params.id, 'Track'), pageUser(req), deps);
    renderWebPage(req, res, status, 'assessment', buildAssessmentPage(languageOf(req), incident, track, body, errors, Date.now()));
  };

  router.get('/tracks/:id/assessment', async (req, res) => {
    requireRole(pageUser(req), ['dpo']);
    await show(req, res, 200, {}, {});
  });

  router.post('/tracks/:id/assessment', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, ['dpo']);
    const trackId = idParam(req.params.id, 'Track');
    const body = req.body as FormBody;
    const lang = languageOf(req);
    const parsed = assessmentSchema.safeParse(toAssessmentInput(body));
    if (!parsed.success) return show(req, res, 422, body, formErrors(lang, parsed.error, (p) => p || 'reportToAp'));
    try {
      const incident = await recordAssessment(trackId, parsed.data, user, deps);
      res.redirect(303, `/incidents/${incident.id}#track-${trackId}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      await show(req, res, error.status, body, { reportToAp: `${ui(lang).eventRefused} (${error.message})` });
    }
  });
  return router;
}
