import { Router, type Request, type Response } from 'express';
import { requireRole } from '../../auth/auth-user';
import { apReportSchema } from '../../domain/dpo.schemas';
import { DomainError } from '../../domain/errors';
import { assessmentSchema } from '../../domain/incident.schemas';
import { ui, type UiMessages } from '../../i18n/ui-messages';
import { readRiskAssessment } from '../../use-cases/read-risk-assessment.use-case';
import { readTrack } from '../../use-cases/read-track.use-case';
import { recordApReport } from '../../use-cases/record-ap-report.use-case';
import { recordAssessment } from '../../use-cases/record-assessment.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { apReportErrors, apReportFieldOf, toApReportInput } from './forms/ap-report.form';
import { toAssessmentInput } from './forms/assessment.form';
import { formErrors, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { buildAssessmentPage, type FollowUpState } from './view-models/assessment.view-model';

const NO_FOLLOW_UP: FollowUpState = { body: {}, errors: {}, problem: '' };

/** The decision's refusals (422 with fields) in the reader's words, next to the field they name. */
function decisionErrors(m: UiMessages, error: DomainError): Record<string, string> {
  const own: Record<string, string> = { deviationReason: m.errDeviationReason, apLateReason: m.errApLateReason, followsRecommendation: m.errFollowsRecommendation };
  const fields = Object.keys(error.fields ?? {});
  if (fields.length === 0) return { reportToAp: `${m.eventRefused} (${error.message})` };
  // followsRecommendation is not on the page's form: its message belongs with the reason asked for.
  return Object.fromEntries(fields.map((f) => [f === 'followsRecommendation' ? 'deviationReason' : f, own[f] ?? `${m.eventRefused} (${error.fields![f]})`]));
}

/**
 * The DPO's decision on reporting to the AP and informing the data subjects, measured against
 * the latest risk assessment's recommendation; and the AP report's follow-up on the same page.
 */
export function assessmentPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const show = async (req: Request, res: Response, status: number, body: FormBody, errors: Record<string, string>, followUp: FollowUpState = NO_FOLLOW_UP) => {
    const trackId = idParam(req.params.id, 'Track');
    const user = pageUser(req);
    const { incident, track } = await readTrack(trackId, user, deps);
    const { assessment: risk } = await readRiskAssessment(trackId, user, deps);
    renderWebPage(req, res, status, 'assessment', buildAssessmentPage(languageOf(req), incident, track, body, errors, Date.now(), risk, followUp));
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
    if (!parsed.success) return show(req, res, 422, body, formErrors(lang, parsed.error, (p) => p.split('.')[0] || 'reportToAp'));
    try {
      const incident = await recordAssessment(trackId, parsed.data, user, deps);
      res.redirect(303, `/incidents/${incident.id}#track-${trackId}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      await show(req, res, error.status, body, decisionErrors(ui(lang), error));
    }
  });

  // What the DPO did in the AP's form: the report (meldnummer), supplements, corrections, a withdrawal.
  router.post('/tracks/:id/ap-reports', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, ['dpo']);
    const trackId = idParam(req.params.id, 'Track');
    const body = req.body as FormBody;
    const lang = languageOf(req);
    const m = ui(lang);
    const parsed = apReportSchema.safeParse(toApReportInput(body));
    if (!parsed.success) return show(req, res, 422, {}, {}, { body, errors: apReportErrors(lang, parsed.error), problem: '' });
    try {
      await recordApReport(trackId, parsed.data, user, deps);
      res.redirect(303, `/tracks/${trackId}/assessment#ap-follow-up`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      const fields = Object.fromEntries(Object.entries(error.fields ?? {}).map(([f, why]) => [apReportFieldOf(f), `${m.eventRefused} (${why})`]));
      await show(req, res, error.status, {}, {}, { body, errors: fields, problem: `${m.eventRefused} (${error.message})` });
    }
  });
  return router;
}
