import { Router } from 'express';
import { incidentEventSchema, reportIncidentSchema, updateIncidentSchema } from '../domain/incident.schemas';
import { applyIncidentEvent } from '../use-cases/apply-incident-event.use-case';
import { listIncidents } from '../use-cases/list-incidents.use-case';
import { readAuditTrail } from '../use-cases/read-audit-trail.use-case';
import { reportIncident } from '../use-cases/report-incident.use-case';
import { updateIncident } from '../use-cases/update-incident.use-case';
import { loadIncidentView } from '../domain/incident.views';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

export function incidentApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/incidents', allowRoles('support', 'admin'), async (req, res) => {
    const input = parse(reportIncidentSchema, req.body);
    res.status(201).json(await reportIncident(input, userOf(req), deps));
  });
  router.get('/api/incidents', async (req, res) => {
    res.json({ incidents: await listIncidents(userOf(req), deps) });
  });
  router.get('/api/incidents/:id', async (req, res) => {
    res.json(await loadIncidentView(deps.dataSource.manager, idParam(req.params.id, 'Incident'), userOf(req)));
  });
  router.patch('/api/incidents/:id', allowRoles('support', 'admin'), async (req, res) => {
    const id = idParam(req.params.id, 'Incident');
    const input = parse(updateIncidentSchema, req.body);
    res.json(await updateIncident(id, input, userOf(req), deps));
  });
  router.post('/api/incidents/:id/events', allowRoles('support', 'admin'), async (req, res) => {
    const id = idParam(req.params.id, 'Incident');
    const input = parse(incidentEventSchema, req.body);
    res.json(await applyIncidentEvent(id, input, userOf(req), deps));
  });
  router.get('/api/incidents/:id/audit', async (req, res) => {
    res.json(await readAuditTrail(idParam(req.params.id, 'Incident'), userOf(req), deps));
  });
  return router;
}
