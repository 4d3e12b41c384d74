import type { Tx } from '../db/transaction';
import { auditHash, listAudit, type StoredAuditEvent } from './audit-trail';

export interface BrokenLink {
  incidentId: string;
  brokenAtSeq: number;
  reason: string;
}

/** What the chain check reads of an event: everything it hashes, its link, its hash. */
type AuditRow = Omit<StoredAuditEvent, 'id'>;

/**
 * Checks audit events fed in order of (incident, seq), one at a time, so that every chain
 * in the database can be verified in batches (`verifyAuditChain` is the one-incident case), and
 * only the first broken link of each incident is reported (what follows it cannot be
 * trusted anyway).
 */
export function createChainVerifier() {
  let incidentId: string | null = null;
  let expectedSeq = 1;
  let prev: string | null = null;
  let broken = false;
  const brokenLinks: BrokenLink[] = [];
  let incidents = 0;
  let events = 0;
  return {
    push(e: AuditRow): void {
      events += 1;
      if (e.incidentId !== incidentId) {
        incidentId = e.incidentId;
        incidents += 1;
        expectedSeq = 1;
        prev = null;
        broken = false;
      }
      if (broken) return;
      const fail = (reason: string) => {
        broken = true;
        brokenLinks.push({ incidentId: e.incidentId, brokenAtSeq: e.seq, reason });
      };
      if (e.seq !== expectedSeq) return fail('sequence gap');
      if (e.prevHash !== prev) return fail('link to previous event broken');
      if (auditHash(prev, e) !== e.hash) return fail('content does not match its hash');
      prev = e.hash;
      expectedSeq += 1;
    },
    result: () => ({ incidents, events, brokenLinks }),
  };
}

/** One incident's chain: the first event whose sequence, link or hash does not hold. */
export async function verifyAuditChain(tx: Tx, incidentId: string): Promise<{ ok: true; events: number } | { ok: false; brokenAtSeq: number; reason: string }> {
  const verifier = createChainVerifier();
  const events = await listAudit(tx, incidentId);
  for (const e of events) verifier.push(e);
  const [broken] = verifier.result().brokenLinks;
  return broken ? { ok: false, brokenAtSeq: broken.brokenAtSeq, reason: broken.reason } : { ok: true, events: events.length };
}
