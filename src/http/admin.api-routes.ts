import { Router } from 'express';
import { z } from 'zod';
import { isoDate } from '../domain/date.schemas';
import { retentionCheckSchema } from '../domain/dpo.schemas';
import { checkRetention } from '../use-cases/check-retention.use-case';
import { setContractEnd } from '../use-cases/set-contract-end.use-case';
import { verifyAuditChains } from '../use-cases/verify-audit-chains.use-case';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

export const contractEndSchema = z
  .object({ contractEndedOn: isoDate.nullable() })
  .strict();

/** The processor's administrators: audit verification, contract ends, retention. */
export function adminApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/api/admin', allowRoles('admin'));
  router.get('/api/admin/audit/verify', async (req, res) => {
    const result = await verifyAuditChains(userOf(req), deps);
    if (!result.ok) deps.logger.warn({ route: 'admin.audit.verify', broken: result.broken.map((b) => ({ incidentId: b.incidentId, seq: b.brokenAtSeq })) }, 'audit chain broken');
    res.json(result);
  });
  router.put('/api/admin/agreements/:id/contract-end', async (req, res) => {
    const id = idParam(req.params.id, 'Agreement');
    const input = parse(contractEndSchema, req.body);
    res.json(await setContractEnd(id, input.contractEndedOn, userOf(req), deps));
  });
  router.post('/api/admin/retention/check', async (req, res) => {
    const input = parse(retentionCheckSchema, req.body);
    const result = await checkRetention(input.apply, userOf(req), deps);
    deps.logger.info({ route: 'admin.retention', applied: result.applied, due: result.due.length, erased: result.erased }, 'retention checked');
    res.json(result);
  });
  return router;
}
