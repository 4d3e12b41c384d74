import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { createChainVerifier } from '../audit/audit-chain-verifier';

const BATCH = 2000;

export interface AuditVerification {
  ok: boolean;
  incidents: number;
  events: number;
  broken: Array<{ incidentId: string; reference: string; brokenAtSeq: number; reason: string }>;
  checkedAt: string;
}

/**
 * Re-checks every incident's hash chain, reading audit events in keyset batches (constant
 * memory), and names the first broken link per incident. Admins only: it reads every
 * controller's trail.
 */
export async function verifyAuditChains(user: AuthUser, deps: { dataSource: DataSource }): Promise<AuditVerification> {
  requireRole(user, ['admin']);
  const verifier = createChainVerifier();
  let after: { incidentId: string; seq: number } | null = null;
  for (;;) {
    const rows: any[] = await deps.dataSource.query(
      `SELECT incident_id, track_id, seq, type, actor, data, occurred_at, prev_hash, hash FROM audit_events
        WHERE ($1::uuid IS NULL OR (incident_id, seq) > ($1::uuid, $2::int))
        ORDER BY incident_id, seq LIMIT ${BATCH}`,
      [after?.incidentId ?? null, after?.seq ?? 0],
    );
    for (const r of rows) {
      verifier.push({
        incidentId: r.incident_id, trackId: r.track_id, seq: Number(r.seq), type: r.type, actor: r.actor, data: r.data,
        occurredAt: new Date(r.occurred_at).toISOString(), prevHash: r.prev_hash, hash: r.hash,
      });
    }
    if (rows.length < BATCH) break;
    after = { incidentId: rows.at(-1).incident_id, seq: Number(rows.at(-1).seq) };
  }
  const { incidents, events, brokenLinks } = verifier.result();
  // A chain deleted as a whole leaves no link to break: every incident must have one.
  const orphans = await deps.dataSource.query(`SELECT id FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.incident_id = i.id)`);
  for (const o of orphans) brokenLinks.push({ incidentId: o.id, brokenAtSeq: 1, reason: 'no audit events' });
  const references = brokenLinks.length
    ? new Map<string, string>((await deps.dataSource.query(`SELECT id, reference FROM incidents WHERE id = ANY($1::uuid[])`, [brokenLinks.map((b) => b.incidentId)])).map((r: any) => [r.id, r.reference]))
    : new Map<string, string>();
  return {
    ok: brokenLinks.length === 0,
    incidents,
    events,
    broken: brokenLinks.map((b) => ({ ...b, reference: references.get(b.incidentId) ?? '' })),
    checkedAt: new Date().toISOString(),
  };
}
