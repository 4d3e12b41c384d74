import { Router } from 'express';
import { apSheetPageView } from '../ap-sheet/ap-sheet-view-model';
import { sheetQuerySchema } from '../domain/dpo.schemas';
import { apSheet } from '../use-cases/ap-sheet.use-case';
import { dataSubjectDraft } from '../use-cases/data-subject-draft.use-case';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { renderWebPage } from './web/page-context';
import { idParam, parse } from './validate';

/** The copy-across sheet for the AP's form (JSON or printable) and the data-subject draft: the DPO's and the processor's, not the controller's other contacts'. */
export function apSheetApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/api/tracks/:id/ap-sheet', allowRoles('dpo', 'support', 'admin'), async (req, res) => {
    const id = idParam(req.params.id, 'Track');
    const query = parse(sheetQuerySchema, req.query);
    const sheet = await apSheet(id, query.lang ?? 'nl', userOf(req), deps);
    if (query.format === 'html') renderWebPage(req, res, 200, 'ap-sheet', apSheetPageView(sheet, id));
    else res.json(sheet);
  });
  router.get('/api/tracks/:id/data-subject-draft', allowRoles('dpo', 'support', 'admin'), async (req, res) => {
    const id = idParam(req.params.id, 'Track');
    const query = parse(sheetQuerySchema.pick({ lang: true }).strict(), req.query);
    res.json(await dataSubjectDraft(id, query.lang, userOf(req), deps));
  });
  return router;
}
