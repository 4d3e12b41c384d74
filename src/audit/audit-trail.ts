import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import type { Tx } from '../db/transaction';

export type Actor =
  | { kind: 'user'; id: string; role: string }
  | { kind: 'contact'; id: string }
  | { kind: 'system'; name: string };

export interface AuditEntry {
  incidentId: string;
  trackId?: string | null;
  type: string;
  actor: Actor;
  data?: Record<string, unknown>;
  at: Date;
}

export interface StoredAuditEvent {
  id: string;
  incidentId: string;
  trackId: string | null;
  seq: number;
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
  occurredAt: string;
  prevHash: string | null;
  hash: string;
}

/** The hash covers everything an event says plus its predecessor's hash: a chain per incident. */
export function auditHash(prevHash: string | null, e: { incidentId: string; trackId: string | null; seq: number; type: string; actor: Actor; data: Record<string, unknown>; occurredAt: string }): string {
  const canonical = stableStringify({ prevHash, incidentId: e.incidentId, trackId: e.trackId, seq: e.seq, type: e.type, actor: e.actor, data: e.data, occurredAt: e.occurredAt });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one event to the incident's chain. The caller holds the incident's row lock, so
 * the sequence cannot race.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<{ seq: number }> {
  const [last] = await tx.query(`SELECT seq, hash FROM audit_events WHERE incident_id = $1 ORDER BY seq DESC LIMIT 1`, [entry.incidentId]);
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash: string | null = last ? last.hash : null;
  const event = {
    incidentId: entry.incidentId,
    trackId: entry.trackId ?? null,
    seq,
    type: entry.type,
    actor: entry.actor,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
    occurredAt: entry.at.toISOString(),
  };
  await tx.query(
    `INSERT INTO audit_events (incident_id, track_id, seq, type, actor, data, occurred_at, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [event.incidentId, event.trackId, seq, event.type, JSON.stringify(event.actor), JSON.stringify(event.data), event.occurredAt, prevHash, auditHash(prevHash, event)],
  );
  return { seq };
}

function toStored(row: Record<string, any>): StoredAuditEvent {
  return {
    id: String(row.id),
    incidentId: row.incident_id,
    trackId: row.track_id,
    seq: Number(row.seq),
    type: row.type,
    actor: row.actor,
    data: row.data,
    occurredAt: new Date(row.occurred_at).toISOString(),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export async function listAudit(tx: Tx, incidentId: string, onlyTrackId?: string): Promise<StoredAuditEvent[]> {
  const rows = await tx.query(
    `SELECT * FROM audit_events WHERE incident_id = $1 AND ($2::uuid IS NULL OR track_id = $2) ORDER BY seq`,
    [incidentId, onlyTrackId ?? null],
  );
  return rows.map(toStored);
}
