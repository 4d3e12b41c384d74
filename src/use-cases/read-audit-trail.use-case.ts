import type { CommandDeps } from '../workflow/apply-track-event';
import { listAudit, type StoredAuditEvent } from '../audit/audit-trail';
import { verifyAuditChain } from '../audit/audit-chain-verifier';
import { isControllerSide, type AuthUser } from '../auth/auth-user';
import type { Tx } from '../db/transaction';
import { CONTROLLER_AUDIT_TYPES, visibleTo } from '../domain/controller-visibility';
import { contactNames, loadProcessor, userNames } from '../domain/directory.repository';
import { NotFoundError } from '../domain/errors';
import { findIncident, tracksOf } from '../domain/incident.repository';

/**
 * One event as a reader gets it. `actorName` is the person (or, for a controller-side reader,
 * the processor's organisation: its staff are not theirs to know). In a controller-side
 * reader's filtered view `seq` counts that view (1, 2, 3 …) and the hashes are left out: the
 * stored numbers and hashes would show how much happened on other controllers' tracks.
 */
export type AuditEventView = Omit<StoredAuditEvent, 'prevHash' | 'hash'> & { prevHash?: string | null; hash?: string; actorName: string };

export interface AuditTrailView {
  reference: string;
  chain: Awaited<ReturnType<typeof verifyAuditChain>> | { ok: boolean };
  events: AuditEventView[];
  /** The names of the contacts the events mention (`data.contactId`, `data.contactIds`). */
  contacts: Record<string, string>;
}

/**
 * The incident's audit trail in order, with the result of checking its hash chain.
 * Controller-side users read what concerns them on their own track only, from its notice on.
 */
export async function readAuditTrail(incidentId: string, user: AuthUser, deps: CommandDeps): Promise<AuditTrailView> {
  const tx = deps.dataSource.manager;
  const incident = await findIncident(tx, incidentId);
  if (!incident) throw new NotFoundError('Incident');
  const chain = await verifyAuditChain(tx, incidentId);
  if (!isControllerSide(user)) {
    const events = await listAudit(tx, incidentId);
    const names = await namesFor(tx, events);
    return { reference: incident.reference, chain, events: events.map((e) => ({ ...e, actorName: names.actor(e.actor) })), contacts: names.contacts };
  }
  const [own] = await tracksOf(tx, incidentId, { controllerId: user.controllerId! });
  if (!own || !visibleTo(user, own)) throw new NotFoundError('Incident');
  const events = (await listAudit(tx, incidentId, own.id)).filter((e) => CONTROLLER_AUDIT_TYPES.has(e.type));
  const names = await namesFor(tx, events, (await loadProcessor(tx)).name);
  return {
    reference: incident.reference,
    // Whether the chain holds, not how long it is or where it broke.
    chain: { ok: chain.ok },
    events: events.map(({ prevHash: _p, hash: _h, ...e }, i) => ({
      ...e,
      seq: i + 1,
      actor: e.actor.kind === 'user' && !isControllerSideRole(e.actor.role) ? { kind: 'system', name: 'processor' } : e.actor,
      actorName: names.actor(e.actor),
      data: withoutInternals(e.data),
    })),
    contacts: names.contacts,
  };
}

const isControllerSideRole = (role: string) => role === 'controller' || role === 'dpo';

/** The machine's effect names are the processor's plumbing. */
function withoutInternals(data: Record<string, unknown>): Record<string, unknown> {
  const { effects: _effects, ...rest } = data;
  return rest;
}

/**
 * Names the actors and the contacts the events speak of: users and contacts by name.
 * `processorName` given: the processor's staff and its system appear as their organisation.
 */
async function namesFor(tx: Tx, events: StoredAuditEvent[], processorName?: string) {
  const userIds = [...new Set(events.flatMap((e) => (e.actor.kind === 'user' ? [e.actor.id] : [])))];
  const mentioned = events.flatMap((e) => [
    ...(e.actor.kind === 'contact' ? [e.actor.id] : []),
    ...(typeof e.data.contactId === 'string' ? [e.data.contactId] : []),
    ...(Array.isArray(e.data.contactIds) ? e.data.contactIds.filter((id): id is string => typeof id === 'string') : []),
  ]);
  const users = await userNames(tx, userIds);
  const contacts = await contactNames(tx, [...new Set(mentioned)]);
  const actor = (a: StoredAuditEvent['actor']): string => {
    if (a.kind === 'user') return processorName !== undefined && !isControllerSideRole(a.role) ? processorName : users.get(a.id) ?? '';
    if (a.kind === 'contact') return contacts.get(a.id) ?? '';
    return processorName ?? '';
  };
  return { actor, contacts: Object.fromEntries(contacts) };
}
