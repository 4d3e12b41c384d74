import type { Tx } from '../db/transaction';
import type { ClockStart } from './deadlines';
import type { NoticeFieldKey } from './notice-fields';

/** Who is who: the processor, its controllers, their agreements and annex contacts. */
export interface Contact {
  id: string;
  name: string;
  role: 'breach_contact' | 'dpo' | 'iso' | 'director' | 'support_desk';
  email: string;
  phone: string | null;
  mobile: string | null;
  position: number;
  standInForId: string | null;
  receivesBreachNotice: boolean;
}

export interface Agreement {
  id: string;
  controllerId: string;
  title: string;
  language: 'nl' | 'en';
  deadlineHours: number | null;
  clockStart: ClockStart;
  notifySuspicion: boolean;
  regardlessOfImpact: boolean;
  triggerText: string | null;
  deadlineClause: string | null;
  requiredFields: NoticeFieldKey[];
  ackWindowHours: number;
  warningShares: number[];
  autoNoticeShare: number | null;
  dataCategories: string[];
  subjectCategories: string[];
  subProcessors: { name: string; address?: string }[];
  retentionMonthsAfterEnd: number | null;
  escalationRule: string | null;
  /** The file or text the agreement was imported from (the text itself is not listed). */
  sourceName: string | null;
  contacts: Contact[];
}

export interface Controller {
  id: string;
  name: string;
  kvkNumber: string | null;
  sector: string | null;
  city: string | null;
  /** The CRM's key, when the controller was imported or created with one. */
  externalKey: string | null;
  /** A deactivated controller gets no new incidents; its open tracks run on. */
  active: boolean;
  agreement: Agreement | null;
}

export interface ProcessorContactPoint {
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface Processor {
  id: string;
  name: string;
  contactPoint: ProcessorContactPoint;
  securityOfficer: { name: string; email: string; mobile: string };
  director: { name: string; email: string; mobile: string };
}

function toContact(row: Record<string, any>): Contact {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    mobile: row.mobile,
    position: row.position,
    standInForId: row.stand_in_for_id,
    receivesBreachNotice: row.receives_breach_notice,
  };
}

function toAgreement(row: Record<string, any>, contacts: Contact[]): Agreement {
  return {
    id: row.id,
    controllerId: row.controller_id,
    title: row.title,
    language: row.language,
    deadlineHours: row.deadline_hours === null ? null : Number(row.deadline_hours),
    clockStart: row.clock_start,
    notifySuspicion: row.notify_suspicion,
    regardlessOfImpact: row.regardless_of_impact,
    triggerText: row.trigger_text,
    deadlineClause: row.deadline_clause,
    requiredFields: row.required_fields,
    ackWindowHours: Number(row.ack_window_hours),
    warningShares: row.warning_shares,
    autoNoticeShare: row.auto_notice_share === null || row.auto_notice_share === undefined ? null : Number(row.auto_notice_share),
    dataCategories: row.data_categories,
    subjectCategories: row.subject_categories,
    subProcessors: row.sub_processors,
    retentionMonthsAfterEnd: row.retention_months_after_end,
    escalationRule: row.escalation_rule,
    sourceName: row.source_name ?? null,
    contacts,
  };
}

export async function loadProcessor(tx: Tx): Promise<Processor> {
  const [row] = await tx.query(`SELECT * FROM processors ORDER BY created_at LIMIT 1`);
  if (!row) throw new Error('No processor configured: seed the database first');
  return { id: row.id, name: row.name, contactPoint: row.contact_point, securityOfficer: row.security_officer, director: row.director };
}

/**
 * Every agreement column but `source_text`: the imported agreement's full text (tens of kB)
 * is shown on its own page only, and reading it for every controller in a list made the
 * dashboard slow (benchmark 4).
 */
const AGREEMENT_COLUMNS = `id, controller_id, title, seed_file, language, deadline_hours, clock_start, notify_suspicion,
  regardless_of_impact, trigger_text, deadline_clause, required_fields, ack_window_hours, warning_shares, data_categories,
  subject_categories, sub_processors, retention_months_after_end, escalation_rule, active, created_at, auto_notice_share,
  source_name, contract_ended_on`;

/** Controllers with their active agreement and its contacts; `onlyIds` narrows the list. */
export async function listControllers(tx: Tx, onlyIds?: string[]): Promise<Controller[]> {
  const controllers = await tx.query(
    `SELECT * FROM controllers WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY name`,
    [onlyIds ?? null],
  );
  if (controllers.length === 0) return [];
  const ids = controllers.map((c: any) => c.id);
  const agreements = await tx.query(`SELECT ${AGREEMENT_COLUMNS} FROM agreements WHERE active AND controller_id = ANY($1::uuid[])`, [ids]);
  const contacts = await tx.query(
    `SELECT * FROM contacts WHERE agreement_id = ANY($1::uuid[]) AND active ORDER BY position, name`,
    [agreements.map((a: any) => a.id)],
  );
  return controllers.map((c: any) => {
    const agreement = agreements.find((a: any) => a.controller_id === c.id);
    return {
      id: c.id,
      name: c.name,
      kvkNumber: c.kvk_number,
      sector: c.sector,
      city: c.city,
      externalKey: c.external_key ?? null,
      active: c.active ?? true,
      agreement: agreement
        ? toAgreement(agreement, contacts.filter((k: any) => k.agreement_id === agreement.id).map(toContact))
        : null,
    };
  });
}

export async function loadAgreement(tx: Tx, agreementId: string): Promise<Agreement> {
  const [row] = await tx.query(`SELECT ${AGREEMENT_COLUMNS} FROM agreements WHERE id = $1`, [agreementId]);
  const contacts = await tx.query(`SELECT * FROM contacts WHERE agreement_id = $1 AND active ORDER BY position, name`, [agreementId]);
  return toAgreement(row, contacts.map(toContact));
}

/** Display names of users, by id (the audit trail names people, not roles). */
export async function userNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query(`SELECT id, name FROM users WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r: { id: string; name: string }) => [r.id, r.name]));
}

/** Display names of annex contacts, by id. */
export async function contactNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query(`SELECT id, name FROM contacts WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r: { id: string; name: string }) => [r.id, r.name]));
}
