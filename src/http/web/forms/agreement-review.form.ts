import type { ZodError } from 'zod';
import type { AgreementProfileProposal, Extracted } from '../../../agreement-import/agreement-profile.types';
import { normaliseAgreementText } from '../../../agreement-import/clause-splitter';
import type { ImportAgreementResult } from '../../../use-cases/import-agreement.use-case';
import type { Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { formErrors, list, numberOrText, optional, str, type FormBody } from './form-values';

/**
 * The agreement review form ↔ the shape of `confirmedAgreementSchema` (the API's save).
 * Contacts and sub-processors are numbered rows (`contact_0_name`, `sub_0_address`); the
 * agreement's text travels along in the hidden `sourceText`, so a re-render can mark it again.
 */
export const CONTACT_COLUMNS = ['key', 'name', 'role', 'email', 'phone', 'mobile', 'order', 'standInForKey', 'receives', 'leaveOut'] as const;
export const contactField = (row: number, column: (typeof CONTACT_COLUMNS)[number]) => `contact_${row}_${column}`;
export const subField = (row: number, column: 'name' | 'address') => `sub_${row}_${column}`;

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const settled = <T>(e: Extracted<T>): e is Extract<Extracted<T>, { found: true }> => e.found && !e.conflicts?.length;

/** Row numbers present in a body for a prefix (`contact_3_key` → 3), in order. */
export function rowsOf(body: FormBody, prefix: 'contact' | 'sub'): number[] {
  const marker = prefix === 'contact' ? 'key' : 'name';
  const rows = Object.keys(body)
    .map((k) => new RegExp(`^${prefix}_(\\d{1,3})_${marker}$`).exec(k))
    .filter((x): x is RegExpExecArray => x !== null)
    .map((x) => Number(x[1]));
  return [...new Set(rows)].sort((a, b) => a - b);
}

/**
 * The proposal as the form's first values. A value the text settles is filled in; one it does
 * not state, or contradicts, stays empty (no radio chosen) so the admin has to decide.
 * Contacts are the draft's recipients, with one empty row to add someone.
 */
export function importToBody(result: ImportAgreementResult): FormBody {
  const p: AgreementProfileProposal = result.proposal;
  const d = result.draft;
  const body: FormBody = {
    title: d.title,
    language: p.language,
    deadlineMode: settled(p.deadline) ? (p.deadline.value.hours === null ? 'immediately' : 'hours') : '',
    deadlineHours: settled(p.deadline) && p.deadline.value.hours !== null ? String(p.deadline.value.hours) : '',
    deadlineClause: settled(p.deadline) ? p.deadline.source.clause ?? '' : '',
    clockStart: settled(p.clockStart) ? p.clockStart.value : '',
    notifySuspicion: settled(p.notifySuspicion) ? yesNo(p.notifySuspicion.value) : '',
    regardlessOfImpact: settled(p.regardlessOfImpact) ? yesNo(p.regardlessOfImpact.value) : '',
    triggerText: '',
    requiredFields: settled(p.requiredFields) ? d.requiredFields : [],
    ackWindowHours: String(d.ackWindowHours),
    warningShares: d.warningShares.join('\n'),
    dataCategories: settled(p.dataCategories) ? p.dataCategories.value.join('\n') : '',
    subjectCategories: settled(p.subjectCategories) ? p.subjectCategories.value.join('\n') : '',
    retentionMonthsAfterEnd: settled(p.retentionMonthsAfterEnd) ? String(p.retentionMonthsAfterEnd.value) : '',
    escalationRule: settled(p.escalation) ? d.escalationRule ?? '' : '',
    sourceName: d.source.name,
    sourceText: d.source.text,
  };
  const subs = settled(p.subProcessors) ? p.subProcessors.value : [];
  [...subs, { name: '', address: '' }].forEach((s, i) => {
    body[subField(i, 'name')] = s.name;
    body[subField(i, 'address')] = s.address ?? '';
  });
  const contacts = [...d.contacts.map((c) => ({ ...c })), { key: 'new1', name: '', role: 'breach_contact' as const, email: '', order: d.contacts.length + 1, receivesBreachNotice: true }];
  contacts.forEach((c, i) => {
    Object.assign(body, {
      [contactField(i, 'key')]: c.key,
      [contactField(i, 'name')]: c.name,
      [contactField(i, 'role')]: c.role,
      [contactField(i, 'email')]: c.email,
      [contactField(i, 'phone')]: 'phone' in c ? c.phone ?? '' : '',
      [contactField(i, 'mobile')]: 'mobile' in c ? c.mobile ?? '' : '',
      [contactField(i, 'order')]: String(c.order),
      [contactField(i, 'standInForKey')]: 'standInForKey' in c ? c.standInForKey ?? '' : '',
      [contactField(i, 'receives')]: c.receivesBreachNotice ? 'yes' : '',
    });
  });
  return body;
}

/** "0.5", "0,5" and "50%" are all half the term; anything else goes on for the schema to refuse. */
function share(value: string): number | string {
  const v = value.replace(',', '.');
  if (/^\d+(\.\d+)?\s*%$/.test(v)) return Number(v.replace('%', '').trim()) / 100;
  return numberOrText(v) ?? value;
}

const isNewRow = (key: string) => /^new\d*$/.test(key);
const phone = (value: string) => optional(value.replace(/[\s-]+/g, '')) ?? null;

export interface ReviewInput {
  input: unknown;
  /** Schema path → the form control its message sits next to. */
  fieldOf: (path: string) => string;
  /** Contradictions the schema cannot see (hours typed and "immediately" chosen). */
  errors: Record<string, string>;
}

export function toConfirmedInput(language: Language, body: FormBody): ReviewInput {
  const m = ui(language);
  const errors: Record<string, string> = {};
  const mode = str(body, 'deadlineMode');
  const hours = str(body, 'deadlineHours');
  if (mode === 'immediately' && hours !== '') errors.deadlineHours = m.errDeadlineBoth;
  const deadlineHours = mode === 'immediately' ? null : hours === '' ? undefined : numberOrText(hours);

  const contactRows = rowsOf(body, 'contact').filter((row) => {
    const key = str(body, contactField(row, 'key'));
    if (str(body, contactField(row, 'leaveOut')) === 'yes') return false;
    const empty = ['name', 'email', 'phone', 'mobile'].every((c) => str(body, contactField(row, c as 'name')) === '');
    return !(isNewRow(key) && empty);
  });
  const subRows = rowsOf(body, 'sub').filter((row) => str(body, subField(row, 'name')) !== '' || str(body, subField(row, 'address')) !== '');
  const sourceText = typeof body.sourceText === 'string' ? normaliseAgreementText(body.sourceText) : '';

  const input = {
    title: str(body, 'title'),
    language: optional(str(body, 'language')),
    deadlineHours,
    clockStart: optional(str(body, 'clockStart')),
    notifySuspicion: { yes: true, no: false }[str(body, 'notifySuspicion')],
    regardlessOfImpact: { yes: true, no: false }[str(body, 'regardlessOfImpact')],
    triggerText: optional(str(body, 'triggerText')) ?? null,
    deadlineClause: optional(str(body, 'deadlineClause')) ?? null,
    requiredFields: list(body, 'requiredFields'),
    ackWindowHours: numberOrText(str(body, 'ackWindowHours')),
    warningShares: str(body, 'warningShares').split(/[\n;]+/).map((x) => x.trim()).filter(Boolean).map(share),
    dataCategories: str(body, 'dataCategories').split('\n').map((x) => x.trim()).filter(Boolean),
    subjectCategories: str(body, 'subjectCategories').split('\n').map((x) => x.trim()).filter(Boolean),
    subProcessors: subRows.map((row) => ({ name: str(body, subField(row, 'name')), address: optional(str(body, subField(row, 'address'))) })),
    retentionMonthsAfterEnd: str(body, 'retentionMonthsAfterEnd') === '' ? null : numberOrText(str(body, 'retentionMonthsAfterEnd')),
    escalationRule: optional(str(body, 'escalationRule')) ?? null,
    contacts: contactRows.map((row) => ({
      key: str(body, contactField(row, 'key')),
      name: str(body, contactField(row, 'name')),
      role: str(body, contactField(row, 'role')),
      email: str(body, contactField(row, 'email')),
      phone: phone(str(body, contactField(row, 'phone'))),
      mobile: phone(str(body, contactField(row, 'mobile'))),
      order: numberOrText(str(body, contactField(row, 'order'))),
      standInForKey: optional(str(body, contactField(row, 'standInForKey'))) ?? null,
      receivesBreachNotice: str(body, contactField(row, 'receives')) === 'yes',
    })),
    ...(sourceText.trim() ? { source: { name: str(body, 'sourceName') || m.pastedTextName, text: sourceText } } : {}),
  };

  const fieldOf = (path: string): string => {
    const [head, index, column] = path.split('.');
    if (head === 'contacts' && index !== undefined && column) {
      const name = column === 'receivesBreachNotice' ? 'receives' : column;
      return contactField(contactRows[Number(index)] ?? 0, name as 'name');
    }
    if (head === 'contacts') return 'contacts';
    if (head === 'subProcessors' && index !== undefined) return subField(subRows[Number(index)] ?? 0, column === 'address' ? 'address' : 'name');
    if (head === 'source') return 'source';
    return head || 'title';
  };
  return { input, fieldOf, errors };
}

/**
 * zod's issues as messages next to the fields, in the reader's language; bounds and the
 * schema's own rules (stand-ins, receivers) get a sentence that says what to do.
 */
export function reviewErrors(language: Language, error: ZodError, review: ReviewInput, body: FormBody): Record<string, string> {
  const m = ui(language);
  const errors = { ...formErrors(language, error, review.fieldOf), ...review.errors };
  const seen = new Set<string>(Object.keys(review.errors));
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    const field = review.fieldOf(path);
    if (seen.has(field)) continue;
    seen.add(field);
    const bound = issue as { minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string };
    let message: string | null = null;
    if (issue.code === 'too_small' && bound.origin === 'number') message = (bound.inclusive ? m.errAtLeast : m.errPositive).replace('{min}', String(bound.minimum));
    else if (issue.code === 'too_big' && bound.origin === 'number') message = m.errAtMost.replace('{max}', String(bound.maximum));
    else if (issue.code === 'too_small' && path === 'requiredFields') message = m.errChooseOne;
    else if (path === 'contacts') message = m.errReceiver;
    else if (path.endsWith('.standInForKey')) message = m.errStandIn;
    else if (path.endsWith('.key')) message = m.errKeyTwice;
    else if (/\.(phone|mobile)$/.test(path)) message = m.errE164;
    else if (path.startsWith('warningShares')) message = m.errShares;
    else if (field === 'deadlineHours' && str(body, 'deadlineHours') === '') message = m.errDeadlineChoose;
    if (message) errors[field] = message;
  }
  return errors;
}
