import type { DataSource } from 'typeorm';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import type { Tokens } from '../auth/tokens';
import { NotFoundError } from '../domain/errors';
import { findTrack, lockIncident, tracksOf } from '../domain/incident.repository';
import { applyTrackEvent } from '../workflow/apply-track-event';
import type { NoticeContent } from '../domain/notice-content';

export interface AckPageData {
  trackId: string;
  contact: { id: string; name: string };
  controllerName: string;
  language: 'nl' | 'en';
  versions: Array<{ version: number; kind: string; sentAt: string; content: NoticeContent; changes: Array<{ field: string; from: unknown; to: unknown }> }>;
  acknowledgedAt: string | null;
}

/** What the signed link shows: every version of the notice, and whether this contact confirmed. */
export async function readAcknowledgement(token: string, deps: { dataSource: DataSource; tokens: Tokens; publicUrl: string }): Promise<AckPageData> {
  const claim = deps.tokens.verifyAck(token);
  return loadAckData(deps.dataSource.manager, claim.trackId, claim.contactId);
}

/**
 * The controller contact confirms receipt. Who, when and from where are recorded; pressing
 * twice records nothing new.
 */
export async function acknowledgeNotice(
  token: string,
  meta: { ip: string | null; userAgent: string | null },
  deps: { dataSource: DataSource; tokens: Tokens; publicUrl: string },
): Promise<AckPageData> {
  const claim = deps.tokens.verifyAck(token);
  return inTransaction(deps.dataSource, async (tx) => {
    const at = await dbNow(tx);
    const found = await findTrack(tx, claim.trackId);
    if (!found) throw new NotFoundError('Acknowledgement link');
    const incident = (await lockIncident(tx, found.incidentId))!;
    const [track] = (await tracksOf(tx, incident.id, { lock: true })).filter((t) => t.id === claim.trackId);
    const [already] = await tx.query(
      `SELECT 1 FROM acknowledgements WHERE track_id = $1 AND contact_id = $2 AND notice_version = $3`,
      [track.id, claim.contactId, claim.version],
    );
    if (!already) {
      await tx.query(
        `INSERT INTO acknowledgements (track_id, notice_version, contact_id, acknowledged_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
        [track.id, claim.version, claim.contactId, at, meta.ip, meta.userAgent?.slice(0, 300) ?? null],
      );
      await applyTrackEvent(
        { tx, at, actor: { kind: 'contact', id: claim.contactId }, userId: null, publicUrl: deps.publicUrl },
        incident,
        track,
        { type: 'ACKNOWLEDGE' },
        { version: claim.version, contactId: claim.contactId, ip: meta.ip },
      );
    }
    return loadAckData(tx, claim.trackId, claim.contactId);
  });
}

async function loadAckData(tx: Tx, trackId: string, contactId: string): Promise<AckPageData> {
  const [row] = await tx.query(
    `SELECT t.id, c.name AS controller_name, a.language, k.id AS contact_id, k.name AS contact_name
       FROM tracks t JOIN controllers c ON c.id = t.controller_id JOIN agreements a ON a.id = t.agreement_id
       JOIN contacts k ON k.id = $2 AND k.agreement_id = a.id
      WHERE t.id = $1`,
    [trackId, contactId],
  );
  if (!row) throw new NotFoundError('Acknowledgement link');
  const versions = await tx.query(`SELECT * FROM notice_versions WHERE track_id = $1 ORDER BY version DESC`, [trackId]);
  const [ack] = await tx.query(
    `SELECT min(acknowledged_at) AS at FROM acknowledgements WHERE track_id = $1 AND contact_id = $2`,
    [trackId, contactId],
  );
  return {
    trackId,
    contact: { id: row.contact_id, name: row.contact_name },
    controllerName: row.controller_name,
    language: row.language,
    versions: versions.map((v: any) => ({
      version: v.version,
      kind: v.kind,
      sentAt: new Date(v.created_at).toISOString(),
      content: v.content,
      changes: v.changes,
    })),
    acknowledgedAt: ack?.at ? new Date(ack.at).toISOString() : null,
  };
}
