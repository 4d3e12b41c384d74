import { z } from 'zod';
import { normaliseMobile, phoneNumber } from '../domain/client-directory.schemas';
import type { FileRow } from './controller-file.reader';

/** The columns of an import file (the first row names them; order free, case free). */
export const IMPORT_COLUMNS = [
  'external_key', 'name', 'kvk_number', 'sector', 'city', 'template',
  'contact_name', 'contact_role', 'contact_email', 'contact_mobile', 'contact_phone', 'contact_position',
  'contact_receives_notice', 'contact_stand_in_for',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: ImportColumn[] = ['external_key', 'name', 'template', 'contact_name', 'contact_role', 'contact_email'];

export type ImportReason =
  | 'missing_column' | 'required' | 'bad_email' | 'bad_mobile' | 'bad_phone' | 'bad_value' | 'unknown_template'
  | 'duplicate' | 'conflict' | 'unknown_stand_in' | 'no_recipient';

export interface ImportError { row: number; column: ImportColumn; reason: ImportReason; value?: string; detail?: string }

export interface ImportContact {
  row: number; name: string; role: string; email: string; mobile: string | null; phone: string | null; position: number;
  receivesBreachNotice: boolean; standInForEmail: string | null;
}
export interface ImportController {
  row: number; externalKey: string; name: string; kvkNumber: string | null; sector: string | null; city: string | null; templateKey: string;
  contacts: ImportContact[];
}

const ROLES = ['breach_contact', 'dpo', 'iso', 'director', 'support_desk'];
const YES = ['ja', 'j', 'yes', 'y', 'true', '1', 'x'];
const NO = ['nee', 'n', 'no', 'false', '0', ''];
const email = z.email();

/**
 * Checks every row and groups the rows into controllers by their CRM key. Rows of one
 * controller must agree on its fields; a contact's e-mail appears once per controller.
 */
export class ControllerRows {
  readonly controllers = new Map<string, ImportController>();
  readonly errors: ImportError[] = [];
  rows = 0;
  private checkedHeader = false;
  /** Controllers with a row in error: their cross-row checks wait until the rows are fixed (no echo errors). */
  private readonly incomplete = new Set<string>();

  constructor(private readonly templateKeys: Set<string>) {}

  add({ row, cells }: FileRow): void {
    if (!this.checkedHeader) {
      this.checkedHeader = true;
      for (const column of REQUIRED) if (!(column in cells)) this.errors.push({ row: 1, column, reason: 'missing_column' });
    }
    this.rows++;
    const errorsBefore = this.errors.length;
    const fail = (column: ImportColumn, reason: ImportReason, detail?: string) => this.errors.push({ row, column, reason, value: cells[column] || undefined, ...(detail ? { detail } : {}) });
    const value = (column: ImportColumn) => cells[column]?.trim() ?? '';
    const optional = (column: ImportColumn) => value(column) || null;
    for (const column of REQUIRED) if (column in cells && !value(column)) fail(column, 'required');

    const kvk = optional('kvk_number');
    if (kvk && !/^\d{8}$/.test(kvk)) fail('kvk_number', 'bad_value', '8 digits');
    const templateKey = value('template');
    if (templateKey && !this.templateKeys.has(templateKey)) fail('template', 'unknown_template');
    const role = value('contact_role').toLowerCase();
    if (role && !ROLES.includes(role)) fail('contact_role', 'bad_value', ROLES.join(', '));
    const mail = value('contact_email').toLowerCase();
    if (mail && !email.safeParse(mail).success) fail('contact_email', 'bad_email');
    const mobileRaw = optional('contact_mobile');
    const mobile = mobileRaw ? normaliseMobile(mobileRaw) : null;
    if (mobileRaw && !mobile) fail('contact_mobile', 'bad_mobile');
    const phoneRaw = optional('contact_phone');
    const phone = phoneRaw ? phoneNumber.safeParse(phoneRaw) : null;
    if (phone && !phone.success) fail('contact_phone', 'bad_phone');
    const positionRaw = optional('contact_position');
    const position = positionRaw === null ? null : Number(positionRaw);
    if (position !== null && !(Number.isInteger(position) && position >= 1 && position <= 99)) fail('contact_position', 'bad_value', '1–99');
    const noticeRaw = value('contact_receives_notice').toLowerCase();
    if (!YES.includes(noticeRaw) && !NO.includes(noticeRaw)) fail('contact_receives_notice', 'bad_value', 'ja/nee, yes/no');
    const standIn = optional('contact_stand_in_for')?.toLowerCase() ?? null;
    if (standIn && !email.safeParse(standIn).success) fail('contact_stand_in_for', 'bad_email');
    if (this.errors.length > errorsBefore || !value('external_key')) {
      if (value('external_key')) this.incomplete.add(value('external_key'));
      return;
    }

    const fields = { name: value('name'), kvkNumber: kvk, sector: optional('sector'), city: optional('city'), templateKey };
    let controller = this.controllers.get(value('external_key'));
    if (!controller) {
      controller = { row, externalKey: value('external_key'), ...fields, contacts: [] };
      this.controllers.set(controller.externalKey, controller);
    } else {
      const columns: Record<keyof typeof fields, ImportColumn> = { name: 'name', kvkNumber: 'kvk_number', sector: 'sector', city: 'city', templateKey: 'template' };
      for (const [key, column] of Object.entries(columns) as [keyof typeof fields, ImportColumn][]) {
        // A later row may leave a controller field empty; if it fills it, it must say the same.
        if (fields[key] !== null && fields[key] !== '' && fields[key] !== controller[key]) fail(column, 'conflict', `row ${controller.row}`);
      }
    }
    const earlier = controller.contacts.find((c) => c.email === mail);
    if (earlier) return void fail('contact_email', 'duplicate', `row ${earlier.row}`);
    controller.contacts.push({
      row, name: value('contact_name'), role, email: mail, mobile, phone: phone?.success ? phone.data : null,
      position: position ?? controller.contacts.length + 1,
      // Left empty, the breach contact receives the notice and the others do not.
      receivesBreachNotice: noticeRaw === '' ? role === 'breach_contact' : YES.includes(noticeRaw),
      standInForEmail: standIn,
    });
  }

  /** What can only be checked once every row is in: stand-ins name a contact, someone receives the notice. */
  finish(): void {
    for (const controller of this.controllers.values()) {
      if (this.incomplete.has(controller.externalKey)) continue;
      const emails = new Set(controller.contacts.map((c) => c.email));
      for (const c of controller.contacts) {
        if (c.standInForEmail && (!emails.has(c.standInForEmail) || c.standInForEmail === c.email)) {
          this.errors.push({ row: c.row, column: 'contact_stand_in_for', reason: 'unknown_stand_in', value: c.standInForEmail });
        }
      }
      if (controller.contacts.length > 0 && !controller.contacts.some((c) => c.receivesBreachNotice)) {
        this.errors.push({ row: controller.row, column: 'contact_receives_notice', reason: 'no_recipient' });
      }
    }
    this.errors.sort((a, b) => a.row - b.row || IMPORT_COLUMNS.indexOf(a.column) - IMPORT_COLUMNS.indexOf(b.column));
  }
}
