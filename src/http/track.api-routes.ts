import { Router } from 'express';
import { assessmentSchema } from '../domain/incident.schemas';
import { recordAssessment } from '../use-cases/record-assessment.use-case';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

export function trackApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/tracks/:id/assessment', allowRoles('dpo'), async (req, res) => {
    const id = idParam(req.params.id, 'Track');
    const input = parse(assessmentSchema, req.body);
    res.json(await recordAssessment(id, input, userOf(req), deps));
  });
  return router;
}
