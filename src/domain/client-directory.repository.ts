import type { Tx } from '../db/transaction';
import type { AgreementTerms, AgreementsQuery, ContactsQuery, ControllersQuery, PartialTerms } from './client-directory.schemas';

/**
 * SQL of the client directory's commands and lists (issue 15): controllers by page and
 * filter, agreements and their versions, templates, annex contacts.
 */

export interface ControllerRow { id: string; name: string; kvkNumber: string | null; sector: string | null; city: string | null; externalKey: string | null; active: boolean }

const toControllerRow = (r: any): ControllerRow => ({ id: r.id, name: r.name, kvkNumber: r.kvk_number, sector: r.sector, city: r.city, externalKey: r.external_key, active: r.active });
const activeClause = (active: 'true' | 'false' | 'all', column: string) => (active === 'all' ? 'true' : active === 'true' ? column : `NOT ${column}`);

/** One page of controller ids in name order, and how many match. */
export async function pageControllerIds(tx: Tx, q: ControllersQuery, onlyId: string | null): Promise<{ ids: string[]; total: number }> {
  const where = `${activeClause(q.active, 'c.active')}
    AND ($1::text IS NULL OR c.name ILIKE '%' || $1 || '%' OR c.external_key = $1 OR c.kvk_number = $1)
    AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM agreements a WHERE a.controller_id = c.id AND a.active AND a.template_id = $2))
    AND ($3::text IS NULL OR c.external_key = $3)
    AND ($4::uuid IS NULL OR c.id = $4)`;
  const params = [q.q ?? null, q.templateId ?? null, q.externalKey ?? null, onlyId];
  const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM controllers c WHERE ${where}`, params);
  const rows = await tx.query(`SELECT c.id FROM controllers c WHERE ${where} ORDER BY lower(c.name), c.id LIMIT $5 OFFSET $6`, [...params, q.pageSize, (q.page - 1) * q.pageSize]);
  return { ids: rows.map((r: any) => r.id), total };
}

export async function controllerExtras(tx: Tx, ids: string[]): Promise<Map<string, { externalKey: string | null; active: boolean }>> {
  const rows = await tx.query(`SELECT id, external_key, active FROM controllers WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r: any) => [r.id, { externalKey: r.external_key, active: r.active }]));
}

export async function defaultProcessorId(tx: Tx): Promise<string> {
  const [row] = await tx.query(`SELECT id FROM processors ORDER BY created_at LIMIT 1`);
  if (!row) throw new Error('No processor configured: seed the database first');
  return row.id;
}

export async function insertController(tx: Tx, processorId: string, c: { name: string; kvkNumber?: string | null; sector?: string | null; city?: string | null; externalKey?: string | null }): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO controllers (processor_id, name, kvk_number, sector, city, external_key) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING id`,
    [processorId, c.name, c.kvkNumber ?? null, c.sector ?? null, c.city ?? null, c.externalKey ?? null],
  );
  return row?.id ?? null;
}

export async function lockController(tx: Tx, id: string): Promise<ControllerRow | null> {
  const [row] = await tx.query(`SELECT * FROM controllers WHERE id = $1 FOR UPDATE`, [id]);
  return row ? toControllerRow(row) : null;
}

export async function controllerIdByExternalKey(tx: Tx, processorId: string, key: string): Promise<string | null> {
  const [row] = await tx.query(`SELECT id FROM controllers WHERE processor_id = $1 AND external_key = $2`, [processorId, key]);
  return row?.id ?? null;
}

export async function updateControllerRow(tx: Tx, c: ControllerRow): Promise<void> {
  await tx.query(
    `UPDATE controllers SET name = $2, kvk_number = $3, sector = $4, city = $5, external_key = $6, active = $7,
       deactivated_at = CASE WHEN $7 THEN NULL ELSE coalesce(deactivated_at, now()) END, updated_at = now() WHERE id = $1`,
    [c.id, c.name, c.kvkNumber, c.sector, c.city, c.externalKey, c.active],
  );
}

// ---------------------------------------------------------------- agreements
export interface AgreementRow {
  id: string;
  controllerId: string;
  title: string;
  active: boolean;
  templateId: string | null;
  templateVersion: number | null;
  deviations: PartialTerms;
  terms: AgreementTerms;
}

const TERM_COLUMNS: Record<keyof AgreementTerms, { column: string; json?: boolean; number?: boolean }> = {
  language: { column: 'language' },
  deadlineHours: { column: 'deadline_hours', number: true },
  clockStart: { column: 'clock_start' },
  notifySuspicion: { column: 'notify_suspicion' },
  regardlessOfImpact: { column: 'regardless_of_impact' },
  triggerText: { column: 'trigger_text' },
  deadlineClause: { column: 'deadline_clause' },
  requiredFields: { column: 'required_fields', json: true },
  ackWindowHours: { column: 'ack_window_hours', number: true },
  warningShares: { column: 'warning_shares', json: true },
  autoNoticeShare: { column: 'auto_notice_share', number: true },
  dataCategories: { column: 'data_categories', json: true },
  subjectCategories: { column: 'subject_categories', json: true },
};
const TERM_ENTRIES = Object.entries(TERM_COLUMNS) as [keyof AgreementTerms, (typeof TERM_COLUMNS)[keyof AgreementTerms]][];

function termsOf(row: any): AgreementTerms {
  const terms: Record<string, unknown> = {};
  for (const [key, spec] of TERM_ENTRIES) {
    const value = row[spec.column];
    terms[key] = spec.number && value !== null && value !== undefined ? Number(value) : value ?? null;
  }
  return terms as AgreementTerms;
}
const termValues = (t: AgreementTerms) => TERM_ENTRIES.map(([key, spec]) => (spec.json ? JSON.stringify(t[key]) : t[key]));

const toAgreementRow = (r: any): AgreementRow => ({
  id: r.id, controllerId: r.controller_id, title: r.title, active: r.active, templateId: r.template_id,
  templateVersion: r.template_version, deviations: r.deviations ?? {}, terms: termsOf(r),
});
const AGREEMENT_LIST_COLUMNS = `id, controller_id, title, active, template_id, template_version, deviations, ${TERM_ENTRIES.map(([, s]) => s.column).join(', ')}`;

export async function lockAgreement(tx: Tx, id: string): Promise<AgreementRow | null> {
  const [row] = await tx.query(`SELECT ${AGREEMENT_LIST_COLUMNS} FROM agreements WHERE id = $1 FOR UPDATE`, [id]);
  return row ? toAgreementRow(row) : null;
}

export async function activeAgreementOf(tx: Tx, controllerId: string): Promise<AgreementRow | null> {
  const [row] = await tx.query(`SELECT ${AGREEMENT_LIST_COLUMNS} FROM agreements WHERE controller_id = $1 AND active FOR UPDATE`, [controllerId]);
  return row ? toAgreementRow(row) : null;
}

export async function pageAgreements(tx: Tx, q: AgreementsQuery, onlyControllerId: string | null): Promise<{ agreements: AgreementRow[]; total: number }> {
  const where = `${activeClause(q.active, 'active')} AND ($1::uuid IS NULL OR controller_id = $1) AND ($2::uuid IS NULL OR template_id = $2)
    AND ($3::uuid IS NULL OR controller_id = $3)`;
  const params = [q.controllerId ?? null, q.templateId ?? null, onlyControllerId];
  const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM agreements WHERE ${where}`, params);
  const rows = await tx.query(`SELECT ${AGREEMENT_LIST_COLUMNS} FROM agreements WHERE ${where} ORDER BY created_at, id LIMIT $4 OFFSET $5`, [...params, q.pageSize, (q.page - 1) * q.pageSize]);
  return { agreements: rows.map(toAgreementRow), total };
}

/** Whether a track was ever opened under the agreement: then its terms are history and stay. */
export async function agreementHasTracks(tx: Tx, agreementId: string): Promise<boolean> {
  const [row] = await tx.query(`SELECT EXISTS (SELECT 1 FROM tracks WHERE agreement_id = $1) AS used`, [agreementId]);
  return row.used;
}

export async function insertAgreement(
  tx: Tx,
  a: { controllerId: string; title: string; templateId: string | null; templateVersion: number | null; deviations: PartialTerms; terms: AgreementTerms },
): Promise<string> {
  const columns = TERM_ENTRIES.map(([, s]) => s.column);
  const [row] = await tx.query(
    `INSERT INTO agreements (controller_id, title, template_id, template_version, deviations, ${columns.join(', ')})
     VALUES ($1, $2, $3, $4, $5, ${columns.map((_, i) => `$${i + 6}`).join(', ')}) RETURNING id`,
    [a.controllerId, a.title, a.templateId, a.templateVersion, JSON.stringify(a.deviations), ...termValues(a.terms)],
  );
  return row.id;
}

export async function updateAgreementRow(tx: Tx, a: AgreementRow): Promise<void> {
  const sets = TERM_ENTRIES.map(([, s], i) => `${s.column} = $${i + 7}`);
  await tx.query(
    `UPDATE agreements SET title = $2, template_id = $3, template_version = $4, deviations = $5, active = $6, ${sets.join(', ')} WHERE id = $1`,
    [a.id, a.title, a.templateId, a.templateVersion, JSON.stringify(a.deviations), a.active, ...termValues(a.terms)],
  );
}

/**
 * A new version of an agreement that tracks were opened under: the old row stays (inactive)
 * with its contacts, so those tracks keep the terms and recipients they started with; the new
 * row carries the same sources and a copy of the active contacts (stand-ins re-pointed).
 */
export async function newAgreementVersion(tx: Tx, old: AgreementRow, next: AgreementRow): Promise<string> {
  await tx.query(`UPDATE agreements SET active = false WHERE id = $1`, [old.id]);
  const columns = TERM_ENTRIES.map(([, s]) => s.column);
  const [row] = await tx.query(
    `INSERT INTO agreements (controller_id, title, template_id, template_version, deviations, active, seed_file, sub_processors,
       retention_months_after_end, escalation_rule, source_text, source_name, contract_ended_on, ${columns.join(', ')})
     SELECT controller_id, $2, $3, $4, $5, $6, seed_file, sub_processors, retention_months_after_end, escalation_rule, source_text, source_name,
       contract_ended_on, ${columns.map((_, i) => `$${i + 7}`).join(', ')} FROM agreements WHERE id = $1 RETURNING id`,
    [old.id, next.title, next.templateId, next.templateVersion, JSON.stringify(next.deviations), next.active, ...termValues(next.terms)],
  );
  await tx.query(
    `INSERT INTO contacts (agreement_id, name, role, email, phone, mobile, position, receives_breach_notice)
     SELECT $2, name, role, email, phone, mobile, position, receives_breach_notice FROM contacts WHERE agreement_id = $1 AND active`,
    [old.id, row.id],
  );
  // Stand-ins: the copy of each contact's stand-in target.
  await tx.query(
    `UPDATE contacts n SET stand_in_for_id = target_new.id
       FROM contacts o, contacts target_old, contacts target_new
      WHERE n.agreement_id = $2 AND o.agreement_id = $1 AND o.active AND o.email = n.email AND o.role = n.role AND o.position = n.position AND o.name = n.name
        AND target_old.id = o.stand_in_for_id AND target_new.agreement_id = $2 AND target_new.email = target_old.email
        AND target_new.role = target_old.role AND target_new.position = target_old.position AND target_new.name = target_old.name`,
    [old.id, row.id],
  );
  return row.id;
}

// ---------------------------------------------------------------- templates
export interface TemplateRow { id: string; key: string; title: string; terms: AgreementTerms; version: number; active: boolean }
const toTemplateRow = (r: any): TemplateRow => ({ id: r.id, key: r.key, title: r.title, terms: r.terms, version: r.version, active: r.active });

export async function insertTemplate(tx: Tx, processorId: string, t: { key: string; title: string; terms: AgreementTerms }): Promise<string | null> {
  const [row] = await tx.query(
    `INSERT INTO agreement_templates (processor_id, key, title, terms) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
    [processorId, t.key, t.title, JSON.stringify(t.terms)],
  );
  return row?.id ?? null;
}

export async function loadTemplate(tx: Tx, id: string, lock = false): Promise<TemplateRow | null> {
  const [row] = await tx.query(`SELECT * FROM agreement_templates WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row ? toTemplateRow(row) : null;
}

export async function templatesByKey(tx: Tx, processorId: string): Promise<Map<string, TemplateRow>> {
  const rows = await tx.query(`SELECT * FROM agreement_templates WHERE processor_id = $1 AND active`, [processorId]);
  return new Map(rows.map((r: any) => [r.key, toTemplateRow(r)]));
}

export async function listTemplates(tx: Tx): Promise<(TemplateRow & { controllers: number })[]> {
  const rows = await tx.query(
    `SELECT t.*, (SELECT count(*)::int FROM agreements a WHERE a.template_id = t.id AND a.active) AS controllers
       FROM agreement_templates t ORDER BY t.key`,
  );
  return rows.map((r: any) => ({ ...toTemplateRow(r), controllers: r.controllers }));
}

export async function saveTemplate(tx: Tx, t: TemplateRow): Promise<void> {
  await tx.query(`UPDATE agreement_templates SET title = $2, terms = $3, version = $4, updated_at = now() WHERE id = $1`, [t.id, t.title, JSON.stringify(t.terms), t.version]);
}

/** The active agreements on a template, locked, with their controller and whether tracks were opened under them. */
export async function agreementsOnTemplate(tx: Tx, templateId: string, lock: boolean): Promise<(AgreementRow & { controllerName: string; openTracks: number; hasTracks: boolean })[]> {
  const rows = await tx.query(
    `SELECT a.id, a.controller_id, a.title, a.active, a.template_id, a.template_version, a.deviations,
            ${TERM_ENTRIES.map(([, s]) => `a.${s.column}`).join(', ')}, c.name AS controller_name,
            (SELECT count(*)::int FROM tracks t WHERE t.agreement_id = a.id AND t.state NOT IN ('dismissed', 'closed')) AS open_tracks,
            EXISTS (SELECT 1 FROM tracks t WHERE t.agreement_id = a.id) AS has_tracks
       FROM agreements a JOIN controllers c ON c.id = a.controller_id
      WHERE a.template_id = $1 AND a.active ORDER BY lower(c.name), a.id${lock ? ' FOR UPDATE OF a' : ''}`,
    [templateId],
  );
  return rows.map((r: any) => ({ ...toAgreementRow(r), controllerName: r.controller_name, openTracks: r.open_tracks, hasTracks: r.has_tracks }));
}

// ---------------------------------------------------------------- contacts
export interface ContactRow {
  id: string; agreementId: string; controllerId: string; name: string; role: string; email: string; phone: string | null; mobile: string | null;
  position: number; standInForId: string | null; receivesBreachNotice: boolean; active: boolean;
}
const toContactRow = (r: any): ContactRow => ({
  id: r.id, agreementId: r.agreement_id, controllerId: r.controller_id, name: r.name, role: r.role, email: r.email, phone: r.phone, mobile: r.mobile,
  position: r.position, standInForId: r.stand_in_for_id, receivesBreachNotice: r.receives_breach_notice, active: r.active,
});

export async function lockContact(tx: Tx, id: string): Promise<ContactRow | null> {
  const [row] = await tx.query(
    `SELECT k.*, a.controller_id FROM contacts k JOIN agreements a ON a.id = k.agreement_id WHERE k.id = $1 FOR UPDATE OF k`,
    [id],
  );
  return row ? toContactRow(row) : null;
}

export async function isActiveContactOf(tx: Tx, contactId: string, agreementId: string): Promise<boolean> {
  const [row] = await tx.query(`SELECT 1 FROM contacts WHERE id = $1 AND agreement_id = $2 AND active`, [contactId, agreementId]);
  return Boolean(row);
}

export async function insertContact(tx: Tx, agreementId: string, c: Omit<ContactRow, 'id' | 'agreementId' | 'controllerId' | 'active'>): Promise<string> {
  const [row] = await tx.query(
    `INSERT INTO contacts (agreement_id, name, role, email, phone, mobile, position, stand_in_for_id, receives_breach_notice)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [agreementId, c.name, c.role, c.email, c.phone, c.mobile, c.position, c.standInForId, c.receivesBreachNotice],
  );
  return row.id;
}

export async function updateContactRow(tx: Tx, c: ContactRow): Promise<void> {
  await tx.query(
    `UPDATE contacts SET name = $2, role = $3, email = $4, phone = $5, mobile = $6, position = $7, stand_in_for_id = $8,
       receives_breach_notice = $9, active = $10, updated_at = now() WHERE id = $1`,
    [c.id, c.name, c.role, c.email, c.phone, c.mobile, c.position, c.standInForId, c.receivesBreachNotice, c.active],
  );
}

/** A contact that leaves is nobody's stand-in any more. */
export async function dropStandInsFor(tx: Tx, contactId: string): Promise<void> {
  await tx.query(`UPDATE contacts SET stand_in_for_id = NULL WHERE stand_in_for_id = $1`, [contactId]);
}

export async function pageContacts(tx: Tx, q: ContactsQuery, onlyControllerId: string | null): Promise<{ contacts: ContactRow[]; total: number }> {
  const where = `${activeClause(q.active, 'k.active')} AND a.active
    AND ($1::uuid IS NULL OR a.controller_id = $1) AND ($2::text IS NULL OR k.role = $2)
    AND ($3::text IS NULL OR k.name ILIKE '%' || $3 || '%' OR k.email ILIKE '%' || $3 || '%') AND ($4::uuid IS NULL OR a.controller_id = $4)`;
  const params = [q.controllerId ?? null, q.role ?? null, q.q ?? null, onlyControllerId];
  const from = `FROM contacts k JOIN agreements a ON a.id = k.agreement_id`;
  const [{ total }] = await tx.query(`SELECT count(*)::int AS total ${from} WHERE ${where}`, params);
  const rows = await tx.query(
    `SELECT k.*, a.controller_id ${from} WHERE ${where} ORDER BY a.controller_id, k.position, k.name, k.id LIMIT $5 OFFSET $6`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return { contacts: rows.map(toContactRow), total };
}
