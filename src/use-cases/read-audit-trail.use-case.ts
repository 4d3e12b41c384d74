import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { listAudit, type StoredAuditEvent } from '../audit/audit-trail';
import { verifyAuditChain } from '../audit/audit-chain-verifier';
import { isControllerSide, type AuthUser } from '../auth/auth-user';
import { NotFoundError } from '../domain/errors';
import { findIncident, tracksOf } from '../domain/incident.repository';

/**
 * The incident's audit trail in order, with the result of checking its hash chain.
 * Controller-side users read the events of their own track only.
 */
export async function readAuditTrail(incidentId: string, user: AuthUser, deps: CommandDeps): Promise<{ reference: string; chain: Awaited<ReturnType<typeof verifyAuditChain>> | { ok: boolean }; events: StoredAuditEvent[] }> {
  const tx = deps.dataSource.manager;
  const incident = await findIncident(tx, incidentId);
  if (!incident) throw new NotFoundError('Incident');
  let onlyTrack: string | undefined;
  if (isControllerSide(user)) {
    const [own] = await tracksOf(tx, incidentId, { controllerId: user.controllerId! });
    if (!own) throw new NotFoundError('Incident');
    onlyTrack = own.id;
  }
  const chain = await verifyAuditChain(tx, incidentId);
  // Controller-side readers learn whether the chain holds, not how much happens on other tracks.
  return { reference: incident.reference, chain: onlyTrack ? { ok: chain.ok } : chain, events: await listAudit(tx, incidentId, onlyTrack) };
}
