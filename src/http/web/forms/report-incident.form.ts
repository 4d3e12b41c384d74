import { NOTICE_FIELD_KEYS, type NoticeFieldKey } from '../../../domain/notice-fields';
import { isoToLocal, localToIso } from './local-time';
import { lines, list, numberOrText, optional, str, type FormBody } from './form-values';

/**
 * The incident form ↔ the shape of `reportIncidentSchema` / `updateIncidentSchema`. Every
 * notice field has a `<key>__state` choice: "known" (the inputs count) or "unknown" (nog niet
 * bekend → null). The schemas themselves validate; this only moves values between shapes.
 */
export const STATE = (key: NoticeFieldKey) => `${key}__state`;

/** The form controls of each notice field: what must be empty when it is marked unknown. */
export const FIELD_CONTROLS: Record<NoticeFieldKey, string[]> = {
  nature: ['nature_kinds', 'nature_actions', 'nature_description'],
  cause: ['cause'],
  subjectCategories: ['subjectCategories', 'subjectCategories_other'],
  subjectCount: ['subjectCount_exact', 'subjectCount_min', 'subjectCount_max'],
  dataCategories: ['dataCategories', 'dataCategories_other'],
  specialCategories: ['specialCategories'],
  recordCount: ['recordCount_exact', 'recordCount_min', 'recordCount_max'],
  occurred: ['occurred_from', 'occurred_until'],
  encryption: ['encryption_state', 'encryption_description'],
  consequences: ['consequences'],
  measures: ['measures_taken', 'measures_planned'],
  contactPoint: ['contactPoint_name', 'contactPoint_role', 'contactPoint_email', 'contactPoint_phone'],
  informedParties: ['informedParties'],
};

function count(body: FormBody, key: string): unknown {
  const exact = numberOrText(str(body, `${key}_exact`));
  if (exact !== undefined) return { exact };
  const min = numberOrText(str(body, `${key}_min`));
  const max = numberOrText(str(body, `${key}_max`));
  return min === undefined && max === undefined ? {} : { min, max };
}

function fieldValue(body: FormBody, key: NoticeFieldKey): unknown {
  switch (key) {
    case 'nature':
      return { kinds: list(body, 'nature_kinds'), actions: list(body, 'nature_actions'), description: optional(str(body, 'nature_description')) };
    case 'subjectCategories':
    case 'dataCategories':
      return [...new Set([...list(body, key), ...lines(body, `${key}_other`)])];
    case 'specialCategories':
      return lines(body, key);
    case 'subjectCount':
    case 'recordCount':
      return count(body, key);
    case 'occurred':
      return { from: localToIso(str(body, 'occurred_from')), until: optional(localToIso(str(body, 'occurred_until'))) };
    case 'encryption':
      return { state: str(body, 'encryption_state'), description: optional(str(body, 'encryption_description')) };
    case 'measures':
      return { taken: str(body, 'measures_taken'), planned: optional(str(body, 'measures_planned')) };
    case 'contactPoint':
      return { name: str(body, 'contactPoint_name'), role: str(body, 'contactPoint_role'), email: str(body, 'contactPoint_email'), phone: str(body, 'contactPoint_phone') };
    default:
      return str(body, key);
  }
}

const filled = (body: FormBody, name: string) => list(body, name).length > 0;

/** Fields marked "nog niet bekend" but filled in anyway: ask, rather than drop what was typed. */
export function contradictions(body: FormBody): NoticeFieldKey[] {
  return NOTICE_FIELD_KEYS.filter((key) => str(body, STATE(key)) !== 'known' && FIELD_CONTROLS[key].some((name) => filled(body, name)));
}

export function toNoticeFields(body: FormBody): Record<string, unknown> {
  return Object.fromEntries(NOTICE_FIELD_KEYS.map((key) => [key, str(body, STATE(key)) === 'known' ? fieldValue(body, key) : null]));
}

function discoveredBy(body: FormBody): unknown {
  if (str(body, 'discoveredBy') !== 'sub_processor') return { kind: 'processor' };
  return { kind: 'sub_processor', name: str(body, 'subProcessorName'), discoveredAt: optional(localToIso(str(body, 'subProcessorDiscoveredAt'))) };
}

export function toReportInput(body: FormBody): unknown {
  return {
    summary: str(body, 'summary'),
    discoveredAt: localToIso(str(body, 'discoveredAt')),
    discoveredBy: discoveredBy(body),
    controllerIds: list(body, 'controllerIds'),
    fields: toNoticeFields(body),
  };
}

export function toUpdateInput(body: FormBody): unknown {
  return {
    summary: str(body, 'summary'),
    discoveredAt: localToIso(str(body, 'discoveredAt')),
    discoveredBy: discoveredBy(body),
    fields: toNoticeFields(body),
    expectedVersion: numberOrText(str(body, 'expectedVersion')),
  };
}

/** A schema path → the form group its message is shown next to. */
export function reportFieldOf(path: string): string {
  const [head, second, third] = path.split('.');
  if (head === 'fields' && second) {
    const control = `${second}_${third}`;
    return third && FIELD_CONTROLS[second as NoticeFieldKey]?.includes(control) ? control : second;
  }
  if (head === 'discoveredBy') return path === 'discoveredBy.discoveredAt' ? 'subProcessorDiscoveredAt' : 'subProcessorName';
  if (head === 'controllerIds') return 'controllerIds';
  return head || 'summary';
}

type Stored = Record<string, any>;

/** Stored incident → form values, so the edit form starts from what is on record. */
export function incidentToBody(incident: { summary: string; discoveredAt: string; discoveredBy: { kind: string; name?: string; discoveredAt?: string | null }; fields: Stored; version: number }): FormBody {
  const f = incident.fields;
  const body: FormBody = {
    summary: incident.summary,
    discoveredAt: isoToLocal(incident.discoveredAt),
    discoveredBy: incident.discoveredBy.kind,
    subProcessorName: incident.discoveredBy.name ?? '',
    subProcessorDiscoveredAt: isoToLocal(incident.discoveredBy.discoveredAt),
    expectedVersion: String(incident.version),
  };
  const countBody = (key: string, c: Stored | null) => {
    if (!c) return;
    if ('exact' in c) body[`${key}_exact`] = String(c.exact);
    else Object.assign(body, { [`${key}_min`]: String(c.min), [`${key}_max`]: String(c.max) });
  };
  for (const key of NOTICE_FIELD_KEYS) body[STATE(key)] = f[key] === null || f[key] === undefined ? 'unknown' : 'known';
  if (f.nature) Object.assign(body, { nature_kinds: f.nature.kinds, nature_actions: f.nature.actions ?? [], nature_description: f.nature.description ?? '' });
  if (f.cause) body.cause = f.cause;
  if (f.subjectCategories) body.subjectCategories = f.subjectCategories;
  if (f.dataCategories) body.dataCategories = f.dataCategories;
  if (f.specialCategories) body.specialCategories = f.specialCategories.join('\n');
  countBody('subjectCount', f.subjectCount);
  countBody('recordCount', f.recordCount);
  if (f.occurred) Object.assign(body, { occurred_from: isoToLocal(f.occurred.from), occurred_until: isoToLocal(f.occurred.until) });
  if (f.encryption) Object.assign(body, { encryption_state: f.encryption.state, encryption_description: f.encryption.description ?? '' });
  if (f.consequences) body.consequences = f.consequences;
  if (f.measures) Object.assign(body, { measures_taken: f.measures.taken, measures_planned: f.measures.planned ?? '' });
  if (f.contactPoint) Object.assign(body, { contactPoint_name: f.contactPoint.name, contactPoint_role: f.contactPoint.role, contactPoint_email: f.contactPoint.email, contactPoint_phone: f.contactPoint.phone });
  if (f.informedParties) body.informedParties = f.informedParties;
  return body;
}
