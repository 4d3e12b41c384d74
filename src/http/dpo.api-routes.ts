import { Router } from 'express';
import { apReportSchema } from '../domain/dpo.schemas';
import { riskCriteriaSchema } from '../risk/risk-criteria.schema';
import { readRiskAssessment } from '../use-cases/read-risk-assessment.use-case';
import { recordApReport } from '../use-cases/record-ap-report.use-case';
import { recordRiskAssessment } from '../use-cases/record-risk-assessment.use-case';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

/** The DPO's records on a track: risk assessment and the AP report's follow-up. */
export function dpoApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/api/tracks/:id/risk-assessment', allowRoles('dpo', 'support', 'admin'), async (req, res) => {
    res.json(await readRiskAssessment(idParam(req.params.id, 'Track'), userOf(req), deps));
  });
  router.post('/api/tracks/:id/risk-assessment', allowRoles('dpo'), async (req, res) => {
    const id = idParam(req.params.id, 'Track');
    const criteria = parse(riskCriteriaSchema, req.body);
    res.status(201).json(await recordRiskAssessment(id, criteria, userOf(req), deps));
  });
  router.post('/api/tracks/:id/ap-reports', allowRoles('dpo'), async (req, res) => {
    const id = idParam(req.params.id, 'Track');
    const input = parse(apReportSchema, req.body);
    res.status(201).json(await recordApReport(id, input, userOf(req), deps));
  });
  return router;
}
