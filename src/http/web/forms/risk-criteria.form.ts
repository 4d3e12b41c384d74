import type { ZodError } from 'zod';
import type { Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { formErrors, list, numberOrText, optional, str, type FormBody } from './form-values';

/** The yes/no checkboxes of the data criteria, sent as one group `data_flags`. */
export const DATA_FLAGS = ['specialCategories', 'nationalId', 'credentials', 'profilingPossible', 'publiclyAvailable'] as const;
/** The art. 34(3) grounds the DPO ticks, sent as one group `exemptions`. */
export const EXEMPTIONS = ['laterMeasuresRemoveHighRisk', 'disproportionateEffort'] as const;

/** The facts the EDPB-based method added (docs/RISK-METHOD.md), each one radio group named as in the schema. */
export const FACT_QUESTIONS = ['consequences', 'permanentConsequences', 'exposureDuration', 'recipientCount', 'misused', 'accountTakeover', 'moreDataPossible', 'unavailabilityImpact', 'remoteWipe'] as const;

const ifGiven = (value: string): string | undefined => optional(value);

/** The DPO's risk form → the shape of `riskCriteriaSchema` (nested, booleans, numbers). */
export function toRiskCriteriaInput(body: FormBody): unknown {
  const flags = list(body, 'data_flags');
  const exemptions = list(body, 'exemptions');
  return {
    confidentiality: {
      extent: ifGiven(str(body, 'confidentiality_extent')),
      recipient: ifGiven(str(body, 'confidentiality_recipient')),
      returnedOrDeleted: ifGiven(str(body, 'confidentiality_returnedOrDeleted')),
    },
    integrity: { extent: ifGiven(str(body, 'integrity_extent')) },
    availability: {
      extent: ifGiven(str(body, 'availability_extent')),
      backupAvailable: ifGiven(str(body, 'availability_backupAvailable')),
    },
    data: {
      nature: ifGiven(str(body, 'data_nature')),
      ...Object.fromEntries(DATA_FLAGS.map((flag) => [flag, flags.includes(flag)])),
    },
    subjectCount: numberOrText(str(body, 'subjectCount')),
    recordCount: numberOrText(str(body, 'recordCount')),
    identification: ifGiven(str(body, 'identification')),
    vulnerableSubjects: ifGiven(str(body, 'vulnerableSubjects')),
    malicious: ifGiven(str(body, 'malicious')),
    encryption: {
      state: ifGiven(str(body, 'encryption_state')),
      keyCompromised: ifGiven(str(body, 'encryption_keyCompromised')),
    },
    ...Object.fromEntries(FACT_QUESTIONS.map((name) => [name, ifGiven(str(body, name))])),
    criticalService: str(body, 'criticalService') === 'true',
    secondGroupCount: numberOrText(str(body, 'secondGroupCount')),
    ...Object.fromEntries(EXEMPTIONS.map((ground) => [ground, exemptions.includes(ground)])),
    notes: ifGiven(str(body, 'notes')),
  };
}

/** A schema path (e.g. `data.nationalId`, `confidentiality.extent`) → the form control it belongs to. */
export function riskFieldOf(path: string): string {
  if (path === '') return 'confidentiality_extent';
  const [head, tail] = path.split('.');
  if (head === 'data' && (DATA_FLAGS as readonly string[]).includes(tail)) return 'data_flags';
  if ((EXEMPTIONS as readonly string[]).includes(head)) return 'exemptions';
  return tail ? `${head}_${tail}` : head;
}

/**
 * Stored (or prefilled) criteria → the form's values, so the page can show a recorded
 * assessment or the notice's answers the same way it shows a re-submitted form.
 */
export function criteriaToBody(criteria: Record<string, any>): FormBody {
  const body: FormBody = {};
  const set = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    body[name] = String(value);
  };
  for (const [group, fields] of Object.entries(criteria)) {
    if (group === 'data' && fields && typeof fields === 'object') {
      set('data_nature', fields.nature);
      body.data_flags = DATA_FLAGS.filter((flag) => fields[flag] === true);
    } else if (fields && typeof fields === 'object') {
      for (const [key, value] of Object.entries(fields)) set(`${group}_${key}`, value);
    } else if (!(EXEMPTIONS as readonly string[]).includes(group)) {
      set(group, fields);
    }
  }
  body.exemptions = EXEMPTIONS.filter((ground) => criteria[ground] === true);
  return body;
}

/** Errors next to the questions; the method's consistency rules in the reader's words. */
export function riskErrors(language: Language, error: ZodError): Record<string, string> {
  const m = ui(language);
  const errors = formErrors(language, error, riskFieldOf);
  const rules: Record<string, string> = {
    'data.nature': m.errSpecialNotSensitive,
    'confidentiality.recipient': m.errRecipientWithoutBreach,
  };
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (issue.code === 'custom' && rules[path]) errors[riskFieldOf(path)] = rules[path];
  }
  return errors;
}
