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
  const [{ seq }] = await appendAuditEvents(tx, entry.incidentId, [entry]);
  return { seq };
}

/**
 * Appends several events of one incident in two statements (read the chain's end, insert all),
 * for commands that hold a shared lock while they write them (see report-incident).
 */
export async function appendAuditEvents(tx: Tx, incidentId: string, entries: Array<Omit<AuditEntry, 'incidentId'>>): Promise<Array<{ seq: number }>> {
  return insertAuditEvents(tx, incidentId, await readChainEnd(tx, incidentId), entries);
}

export interface ChainEnd { seq: number; hash: string | null }

export async function readChainEnd(tx: Tx, incidentId: string): Promise<ChainEnd> {
  const [last] = await tx.query(`SELECT seq, hash FROM audit_events WHERE incident_id = $1 ORDER BY seq DESC LIMIT 1`, [incidentId]);
  return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: null };
}

/** Inserts after `end`, read earlier in the same transaction under the incident's lock. */
export async function insertAuditEvents(tx: Tx, incidentId: string, end: ChainEnd, entries: Array<Omit<AuditEntry, 'incidentId'>>): Promise<Array<{ seq: number }>> {
  let seq = end.seq;
  let prevHash = end.hash;
  const columns = ['incident_id', 'track_id', 'seq', 'type', 'actor', 'data', 'occurred_at', 'prev_hash', 'hash'];
  const params: unknown[] = [];
  const rows: string[] = [];
  for (const entry of entries) {
    seq += 1;
    const event = {
      incidentId,
      trackId: entry.trackId ?? null,
      seq,
      type: entry.type,
      actor: entry.actor,
      data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
      occurredAt: entry.at.toISOString(),
    };
    const hash = auditHash(prevHash, event);
    const values = [event.incidentId, event.trackId, seq, event.type, JSON.stringify(event.actor), JSON.stringify(event.data), event.occurredAt, prevHash, hash];
    rows.push(`(${values.map((value) => { params.push(value); return `$${params.length}`; }).join(', ')})`);
    prevHash = hash;
  }
  await tx.query(`INSERT INTO audit_events (${columns.join(', ')}) VALUES ${rows.join(', ')}`, params);
  return entries.map((_, i) => ({ seq: seq - entries.length + 1 + i }));
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
