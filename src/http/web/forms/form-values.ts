import type { ZodError } from 'zod';
import { ui, type UiMessages } from '../../../i18n/ui-messages';
import type { Language } from '../../../i18n/messages';

/** A urlencoded body as the form sent it: strings, or arrays of strings for repeated names. */
export type FormBody = Record<string, string | string[] | undefined>;

export const str = (body: FormBody, name: string): string => {
  const v = body[name];
  return (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
};

export const list = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim()).filter(Boolean);
};

/** One entry per line (or comma), as people type lists into a textarea. */
export const lines = (body: FormBody, name: string): string[] =>
  str(body, name).split(/[\n,;]/).map((x) => x.trim()).filter(Boolean);

/** Empty → left out; a number → number; anything else as typed, so the schema names the field. */
export const numberOrText = (value: string): number | string | undefined => {
  if (value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
};

export const optional = (value: string): string | undefined => (value === '' ? undefined : value);

/** zod's wording is for API clients; a person reads the reason in their own language. */
function messageFor(m: UiMessages, issue: ZodError['issues'][number]): string {
  switch (issue.code) {
    case 'invalid_format':
      return issue.format === 'email' ? m.errEmail : issue.format === 'datetime' ? m.errDateTime : issue.format === 'regex' ? m.errFormat : m.errFormat;
    case 'too_small':
      // A number below its minimum is a wrong value, not a missing one ("-5 hours").
      if (issue.origin === 'number' || issue.origin === 'bigint') return `${m.errInvalid} (≥ ${String(issue.minimum)})`;
      return issue.origin === 'array' || issue.origin === 'set' ? m.errChoose : m.errRequired;
    case 'too_big':
      // "te lang (max 2 000)": how long it may be, for text and lists alike.
      return `${m.errTooLong.replace(/\.$/, '')} (max ${String(issue.maximum).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}).`;
    case 'invalid_type':
      // zod 4 keeps the input out of issues; its default message says what it received.
      return /received undefined/.test(issue.message) ? m.errRequired : m.errInvalid;
    case 'invalid_value':
    case 'invalid_union':
      return m.errChoose;
    default:
      return issue.message && !issue.message.startsWith('Invalid') ? `${m.errInvalid} (${issue.message})` : m.errInvalid;
  }
}

/**
 * Errors keyed by form field: `toField` turns a schema path (e.g. fields.subjectCount.max)
 * into the name of the form control or group the message sits next to.
 */
export function formErrors(language: Language, error: ZodError, toField: (path: string) => string): Record<string, string> {
  const m = ui(language);
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    errors[toField(issue.path.join('.'))] ??= messageFor(m, issue);
  }
  return errors;
}
