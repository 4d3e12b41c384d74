import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import type { DataSource } from 'typeorm';
import { actorOf, requireRole, type AuthUser } from '../auth/auth-user';
import { appendAudit } from '../audit/audit-trail';
import { dbNow, inTransaction, type Tx } from '../db/transaction';
import { lockIncident } from '../domain/incident.repository';

export interface RetentionDue {
  incidentId: string;
  reference: string;
  controllers: string[];
  /** The first day on which every track's retention term had ended. */
  dueSince: string;
}

export interface RetentionCheck {
  applied: boolean;
  due: RetentionDue[];
  erased: number;
  /** Agreements whose contract ended but that state no retention term: nothing of theirs is ever due. */
  withoutTerm: Array<{ agreementId: string; controller: string; contractEndedOn: string }>;
}

const ERASED = '[verwijderd na bewaartermijn / erased after retention term]';
const sha256 = (value: unknown) => createHash('sha256').update(stableStringify(value ?? null)).digest('hex');

/**
 * Breach records are kept for the agreement's term after the contract ended (002 14.7b).
 * An incident is due when *every* track of it is finished (closed or dismissed) and past
 * its agreement's term: the notice content is shared by all its controllers. Without
 * `apply` this only lists; with it, each due incident is erased in its own transaction.
 */
export async function checkRetention(apply: boolean, user: AuthUser, deps: { dataSource: DataSource }): Promise<RetentionCheck> {
  requireRole(user, ['admin']);
  const tx = deps.dataSource.manager;
  const due: RetentionDue[] = (await tx.query(
    `SELECT i.id, i.reference, array_agg(c.name ORDER BY c.name) AS controllers,
            max((a.contract_ended_on + make_interval(months => a.retention_months_after_end))::date)::text AS due_since
       FROM incidents i JOIN tracks t ON t.incident_id = i.id JOIN agreements a ON a.id = t.agreement_id JOIN controllers c ON c.id = t.controller_id
      WHERE i.details_erased_at IS NULL
      GROUP BY i.id, i.reference
     HAVING bool_and(t.state IN ('closed', 'dismissed') AND a.contract_ended_on IS NOT NULL AND a.retention_months_after_end IS NOT NULL
                     AND (a.contract_ended_on + make_interval(months => a.retention_months_after_end))::date <= current_date)
      ORDER BY i.reference`,
  )).map((r: any) => ({ incidentId: r.id, reference: r.reference, controllers: r.controllers, dueSince: r.due_since }));
  const withoutTerm = (await tx.query(
    `SELECT a.id, c.name, a.contract_ended_on::text AS ended FROM agreements a JOIN controllers c ON c.id = a.controller_id
      WHERE a.contract_ended_on IS NOT NULL AND a.retention_months_after_end IS NULL ORDER BY c.name`,
  )).map((r: any) => ({ agreementId: r.id, controller: r.name, contractEndedOn: r.ended }));
  let erased = 0;
  if (apply) {
    for (const entry of due) {
      if (await inTransaction(deps.dataSource, (t) => eraseIncident(t, entry, user))) erased += 1;
    }
  }
  return { applied: apply, due, erased, withoutTerm };
}

/**
 * Erases the breach details and keeps the register's skeleton: reference, dates, states,
 * the decision and its reasons, the AP report's history. The audit trail is append-only
 * and stays whole: a `retention.erased` event records what was erased with the SHA-256 of
 * each erased content, so a copy kept elsewhere can still be matched to the record.
 */
async function eraseIncident(tx: Tx, entry: RetentionDue, user: AuthUser): Promise<boolean> {
  const incident = await lockIncident(tx, entry.incidentId);
  if (!incident) return false;
  const [still] = await tx.query(`SELECT details_erased_at FROM incidents WHERE id = $1`, [incident.id]);
  if (still.details_erased_at) return false; // another run got here first
  const at = await dbNow(tx);
  const versions = await tx.query(`SELECT v.track_id, v.version, v.content FROM notice_versions v JOIN tracks t ON t.id = v.track_id WHERE t.incident_id = $1 ORDER BY v.track_id, v.version`, [incident.id]);
  const trackIds = (await tx.query(`SELECT id FROM tracks WHERE incident_id = $1`, [incident.id])).map((r: any) => r.id);
  const noticeIds = `SELECT id FROM notices WHERE track_id = ANY($1::uuid[])`;
  const alertIds = `SELECT id FROM alerts WHERE incident_id = $2`;

  await tx.query(`UPDATE incidents SET summary = $2, fields = '{}', details_erased_at = $3, updated_at = $3, version = version + 1 WHERE id = $1`, [incident.id, ERASED, at]);
  await tx.query(`UPDATE notice_versions SET content = jsonb_build_object('erased', true), changes = '[]' WHERE track_id = ANY($1::uuid[])`, [trackIds]);
  await tx.query(`UPDATE notices SET recipient = $2, last_error = NULL WHERE track_id = ANY($1::uuid[])`, [trackIds, ERASED]);
  await tx.query(`UPDATE acknowledgements SET ip = NULL, user_agent = NULL WHERE track_id = ANY($1::uuid[])`, [trackIds]);
  await tx.query(`UPDATE alerts SET recipient = $2, subject = NULL, text_body = $2, html_body = NULL, last_error = NULL WHERE incident_id = $1`, [incident.id, ERASED]);
  await tx.query(
    `UPDATE outbox_messages SET recipient = $3, subject = NULL, text_body = $3, html_body = NULL
      WHERE notice_id IN (${noticeIds}) OR alert_id IN (${alertIds})`,
    [trackIds, incident.id, ERASED],
  );
  await tx.query(`UPDATE risk_assessments SET criteria = criteria - 'notes' WHERE track_id = ANY($1::uuid[])`, [trackIds]);

  await appendAudit(tx, {
    incidentId: incident.id,
    type: 'retention.erased',
    actor: actorOf(user),
    at,
    data: {
      dueSince: entry.dueSince,
      erased: ['summary', 'fields', 'noticeContent', 'recipients', 'acknowledgementOrigins', 'alertBodies', 'outbox', 'riskNotes'],
      contentHashes: {
        summary: sha256(incident.summary),
        fields: sha256(incident.fields),
        noticeVersions: versions.map((v: any) => ({ trackId: v.track_id, version: v.version, sha256: sha256(v.content) })),
      },
    },
  });
  return true;
}
