import type { ZodError } from 'zod';
import type { Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { formErrors, type FormBody } from './form-values';

/** Password fields are taken as typed (no trimming: a space may be part of a password). */
export const rawField = (body: FormBody, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');

/** The generic wording, except where a password rule needs its own: too short, or the same as before. */
export function passwordFormErrors(language: Language, error: ZodError, body: FormBody): Record<string, string> {
  const m = ui(language);
  const errors = formErrors(language, error, (p) => p || 'newPassword');
  const newPassword = rawField(body, 'newPassword');
  if (errors.newPassword && newPassword.length > 0 && newPassword.length < 12) errors.newPassword = m.passwordTooShort;
  else if (errors.newPassword && newPassword.length >= 12 && newPassword === rawField(body, 'currentPassword')) errors.newPassword = m.samePassword;
  return errors;
}
