import type { Tx } from '../db/transaction';

/**
 * The bulk import's SQL (issue 15): every statement takes whole columns as arrays and
 * `unnest`s them, so 5 000 controllers and 15 000 contacts are a handful of statements.
 */

export async function lockControllersByExternalKey(tx: Tx, processorId: string, keys: string[]): Promise<Map<string, string>> {
  const rows = await tx.query(
    `SELECT id, external_key FROM controllers WHERE processor_id = $1 AND external_key = ANY($2::text[]) ORDER BY id FOR UPDATE`,
    [processorId, keys],
  );
  return new Map(rows.map((r: any) => [r.external_key, r.id]));
}

export interface ControllerColumns { externalKey: string[]; name: string[]; kvkNumber: (string | null)[]; sector: (string | null)[]; city: (string | null)[] }

export async function insertControllers(tx: Tx, processorId: string, c: ControllerColumns): Promise<Map<string, string>> {
  if (c.externalKey.length === 0) return new Map();
  const rows = await tx.query(
    `INSERT INTO controllers (processor_id, external_key, name, kvk_number, sector, city)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) RETURNING id, external_key`,
    [processorId, c.externalKey, c.name, c.kvkNumber, c.sector, c.city],
  );
  return new Map(rows.map((r: any) => [r.external_key, r.id]));
}

/** Updates controllers by id; a controller in the file is a client again (reactivated). */
export async function updateControllers(tx: Tx, ids: string[], c: Omit<ControllerColumns, 'externalKey'>): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE controllers c SET name = v.name, kvk_number = v.kvk, sector = v.sector, city = v.city, active = true, deactivated_at = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, name, kvk, sector, city) WHERE c.id = v.id`,
    [ids, c.name, c.kvkNumber, c.sector, c.city],
  );
}

export async function activeAgreementsOf(tx: Tx, controllerIds: string[]): Promise<Map<string, { id: string; templateId: string | null }>> {
  const rows = await tx.query(`SELECT id, controller_id, template_id FROM agreements WHERE active AND controller_id = ANY($1::uuid[]) FOR UPDATE`, [controllerIds]);
  return new Map(rows.map((r: any) => [r.controller_id, { id: r.id, templateId: r.template_id }]));
}

/** Agreements on templates, their terms taken from the template's current version. */
export async function insertTemplateAgreements(tx: Tx, controllerIds: string[], templateIds: string[]): Promise<Map<string, string>> {
  if (controllerIds.length === 0) return new Map();
  const rows = await tx.query(
    `INSERT INTO agreements (controller_id, title, template_id, template_version, deviations, language, deadline_hours, clock_start,
       notify_suspicion, regardless_of_impact, trigger_text, deadline_clause, required_fields, ack_window_hours, warning_shares,
       auto_notice_share, data_categories, subject_categories)
     SELECT v.controller_id, t.title, t.id, t.version, '{}'::jsonb, t.terms->>'language', (t.terms->>'deadlineHours')::numeric, t.terms->>'clockStart',
       (t.terms->>'notifySuspicion')::boolean, (t.terms->>'regardlessOfImpact')::boolean, t.terms->>'triggerText', t.terms->>'deadlineClause',
       t.terms->'requiredFields', (t.terms->>'ackWindowHours')::numeric, t.terms->'warningShares', (t.terms->>'autoNoticeShare')::numeric,
       t.terms->'dataCategories', t.terms->'subjectCategories'
       FROM unnest($1::uuid[], $2::uuid[]) AS v(controller_id, template_id) JOIN agreement_templates t ON t.id = v.template_id
     RETURNING id, controller_id`,
    [controllerIds, templateIds],
  );
  return new Map(rows.map((r: any) => [r.controller_id, r.id]));
}

export async function activeContactsOf(tx: Tx, agreementIds: string[]): Promise<{ id: string; agreementId: string; email: string }[]> {
  const rows = await tx.query(`SELECT id, agreement_id, lower(email) AS email FROM contacts WHERE active AND agreement_id = ANY($1::uuid[])`, [agreementIds]);
  return rows.map((r: any) => ({ id: r.id, agreementId: r.agreement_id, email: r.email }));
}

export interface ContactColumns {
  agreementId: string[]; name: string[]; role: string[]; email: string[]; phone: (string | null)[]; mobile: (string | null)[];
  position: number[]; receivesBreachNotice: boolean[];
}

export async function insertContacts(tx: Tx, c: ContactColumns): Promise<void> {
  if (c.agreementId.length === 0) return;
  await tx.query(
    `INSERT INTO contacts (agreement_id, name, role, email, phone, mobile, position, receives_breach_notice)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::boolean[])`,
    [c.agreementId, c.name, c.role, c.email, c.phone, c.mobile, c.position, c.receivesBreachNotice],
  );
}

export async function updateContacts(tx: Tx, ids: string[], c: Omit<ContactColumns, 'agreementId'>): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE contacts k SET name = v.name, role = v.role, email = v.email, phone = v.phone, mobile = v.mobile, position = v.position,
       receives_breach_notice = v.receives, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::boolean[])
         AS v(id, name, role, email, phone, mobile, position, receives) WHERE k.id = v.id`,
    [ids, c.name, c.role, c.email, c.phone, c.mobile, c.position, c.receivesBreachNotice],
  );
}

/** Contacts no longer in the file leave their annex (kept for the notices sent to them). */
export async function deactivateContacts(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`UPDATE contacts SET active = false, stand_in_for_id = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Each imported contact's stand-in, by e-mail within its agreement (none where the file names none). */
export async function setStandIns(tx: Tx, agreementIds: string[], emails: string[], standInEmails: (string | null)[]): Promise<void> {
  if (agreementIds.length === 0) return;
  await tx.query(
    `UPDATE contacts k SET stand_in_for_id = s.id
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(agreement_id, email, stand_in_email)
       LEFT JOIN contacts s ON s.agreement_id = v.agreement_id AND lower(s.email) = v.stand_in_email AND s.active
      WHERE k.agreement_id = v.agreement_id AND lower(k.email) = v.email AND k.active`,
    [agreementIds, emails, standInEmails],
  );
}
