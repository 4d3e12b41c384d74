import type { ZodError } from 'zod';
import type { Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { localToIso } from './local-time';
import { formErrors, optional, str, type FormBody } from './form-values';

/** The AP follow-up form's controls, named apart from the decision form's on the same page. */
const FIELD_OF: Record<string, string> = { kind: 'apKind', meldnummer: 'apMeldnummer', at: 'apAt', note: 'apNote' };

/** The DPO's follow-up form → the shape of `apReportSchema`. */
export function toApReportInput(body: FormBody): unknown {
  const at = str(body, 'apAt');
  return {
    kind: optional(str(body, 'apKind')),
    meldnummer: optional(str(body, 'apMeldnummer')),
    at: at ? localToIso(at) : undefined,
    note: optional(str(body, 'apNote')),
  };
}

/** A schema path or API field name (kind, meldnummer, at, note) → the control it belongs to. */
export const apReportFieldOf = (path: string): string => FIELD_OF[path.split('.')[0]] ?? 'apKind';

/** The schema's own rules (a report needs its meldnummer, a follow-up its note) read as "fill this in". */
export function apReportErrors(language: Language, error: ZodError): Record<string, string> {
  const errors = formErrors(language, error, apReportFieldOf);
  for (const issue of error.issues) if (issue.code === 'custom') errors[apReportFieldOf(issue.path.join('.'))] = ui(language).errRequired;
  return errors;
}
