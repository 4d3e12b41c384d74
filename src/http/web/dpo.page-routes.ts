import { Router, type Request, type Response } from 'express';
import { requireRole } from '../../auth/auth-user';
import { apSheetPageView } from '../../ap-sheet/ap-sheet-view-model';
import { sheetQuerySchema } from '../../domain/dpo.schemas';
import { riskCriteriaSchema } from '../../risk/risk-criteria.schema';
import { apSheet } from '../../use-cases/ap-sheet.use-case';
import { dataSubjectDraft } from '../../use-cases/data-subject-draft.use-case';
import { readRiskAssessment } from '../../use-cases/read-risk-assessment.use-case';
import { readTrack } from '../../use-cases/read-track.use-case';
import { recordRiskAssessment } from '../../use-cases/record-risk-assessment.use-case';
import type { AppDeps } from '../app-deps';
import { idParam, parse } from '../validate';
import type { FormBody } from './forms/form-values';
import { riskErrors, toRiskCriteriaInput } from './forms/risk-criteria.form';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { buildDataSubjectDraftPage } from './view-models/data-subject-draft.view-model';
import { buildRiskAssessmentPage } from './view-models/risk-assessment.view-model';

const langQuery = sheetQuerySchema.pick({ lang: true }).strict();

/**
 * The controller's DPO's pages on a track: the risk assessment (criteria → ENISA score,
 * band, recommendation and why), the AP copy sheet and the data-subject draft.
 */
export function dpoPageRoutes(deps: AppDeps): Router {
  const router = Router();

  const showRisk = async (req: Request, res: Response, status: number, body: FormBody | null, errors: Record<string, string>) => {
    const trackId = idParam(req.params.id, 'Track');
    const user = pageUser(req);
    const { incident, track } = await readTrack(trackId, user, deps);
    const read = await readRiskAssessment(trackId, user, deps);
    renderWebPage(req, res, status, 'risk-assessment', buildRiskAssessmentPage(languageOf(req), incident, track, read, body, errors));
  };

  // Only the DPO assesses: the judgement is the controller's (docs/RISK-METHOD.md).
  router.get('/tracks/:id/risk-assessment', async (req, res) => {
    requireRole(pageUser(req), ['dpo']);
    await showRisk(req, res, 200, null, {});
  });

  router.post('/tracks/:id/risk-assessment', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, ['dpo']);
    const trackId = idParam(req.params.id, 'Track');
    const body = req.body as FormBody;
    // reportInput: a number typed as words is "not valid", not "fill this in" (form-values reads issue.input).
    const parsed = riskCriteriaSchema.safeParse(toRiskCriteriaInput(body), { reportInput: true });
    if (!parsed.success) return showRisk(req, res, 422, body, riskErrors(languageOf(req), parsed.error));
    await recordRiskAssessment(trackId, parsed.data, user, deps);
    res.redirect(303, `/tracks/${trackId}/risk-assessment#result`);
  });

  // The same sheet as GET /api/tracks/:id/ap-sheet?format=html, for a browser session.
  router.get('/tracks/:id/ap-sheet', async (req, res) => {
    const trackId = idParam(req.params.id, 'Track');
    const { lang } = parse(langQuery, req.query);
    const sheet = await apSheet(trackId, lang ?? 'nl', pageUser(req), deps);
    const view = apSheetPageView(sheet, trackId);
    renderWebPage(req, res, 200, 'ap-sheet', { ...view, otherLanguageLink: `/tracks/${trackId}/ap-sheet?lang=${sheet.language === 'nl' ? 'en' : 'nl'}` });
  });

  router.get('/tracks/:id/data-subject-draft', async (req, res) => {
    const trackId = idParam(req.params.id, 'Track');
    const { lang } = parse(langQuery, req.query);
    const user = pageUser(req);
    const draft = await dataSubjectDraft(trackId, lang, user, deps);
    const { incident } = await readTrack(trackId, user, deps);
    renderWebPage(req, res, 200, 'data-subject-draft', buildDataSubjectDraftPage(languageOf(req), user, incident, trackId, draft));
  });
  return router;
}
