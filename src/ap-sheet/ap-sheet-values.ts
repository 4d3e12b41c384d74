import { formatDateTime, t, type Language } from '../i18n/messages';
import { word } from './ap-sheet-labels';
import type { ApSheetFacts } from './ap-sheet';
import type { IncidentRow } from '../domain/incident.repository';
import { NOTICE_FIELD_KEYS } from '../domain/notice-fields';

type Count = { exact: number } | { min: number; max: number };

/**
 * Each field of the sheet as the text to copy, keyed `chapter.field`; absent (undefined)
 * where nothing is on record, which the sheet marks as a gap.
 */
export function fieldValues(f: ApSheetFacts, lang: Language): Record<string, string> {
  const v: Record<string, string | null | undefined> = {};
  const fields = f.incident.fields as Record<string, any>;
  const date = (d: Date | string | null | undefined) => (d ? formatDateTime(lang, typeof d === 'string' ? d : d.toISOString()) : null);
  const list = (items: string[] | null | undefined) => (items ? (items.length ? items.join(', ') : word(lang, 'none')) : null);
  const count = (c: Count | null | undefined) => (!c ? null : 'exact' in c ? String(c.exact) : word(lang, 'minMax', { min: c.min, max: c.max }));
  const yesNo = (b: boolean) => word(lang, b ? 'yes' : 'no');
  const tri = (x: string | undefined) => (x === 'yes' || x === 'no' || x === 'unknown' ? word(lang, x) : null);
  const criteria = f.risk?.criteria;
  const recommendation = f.risk?.result.recommendation;

  // 1. kind of report
  const unknown = unknownNoticeFields(f.incident, lang);
  v['report.kind'] = f.currentMeldnummer ? `${word(lang, 'followUpOn')} ${f.currentMeldnummer}` : word(lang, 'newReport');
  v['report.meldnummer'] = f.currentMeldnummer ?? word(lang, 'notApplicable');
  v['report.completeness'] = unknown.length ? `${word(lang, 'preliminary')}: ${unknown.join('; ')}` : word(lang, 'complete');
  v['report.legalBasis'] = word(lang, 'legalBasis');
  // 2. international aspects: Meldplicht does not record them (left as gaps on purpose).

  // 3. the organisation
  const c = f.controller;
  const dpoContact = c.agreement?.contacts.find((k) => k.role === 'dpo');
  v['organisation.name'] = c.name;
  v['organisation.kvkNumber'] = c.kvkNumber;
  v['organisation.sector'] = c.sector;
  v['organisation.city'] = c.city;
  v['organisation.reporter'] = f.decision ? `${f.decision.decidedBy.name}, ${f.decision.decidedBy.email}` : null;
  v['organisation.contact'] = dpoContact ? [dpoContact.name, dpoContact.email, dpoContact.phone ?? dpoContact.mobile].filter(Boolean).join(', ') : null;
  const others = [`${f.processor.name} (${word(lang, 'processor')})`];
  if (f.incident.subProcessorName) others.push(`${f.incident.subProcessorName} (${word(lang, 'subProcessor')})`);
  v['organisation.otherOrganisations'] = others.join('; ');

  // 4. timeline
  const reported = f.apReports.find((r) => r.kind === 'report');
  v['timeline.start'] = date(fields.occurred?.from);
  v['timeline.end'] = fields.occurred ? date(fields.occurred.until) ?? word(lang, 'ongoing') : null;
  v['timeline.discoveredAt'] = date(f.incident.subProcessorDiscoveredAt ?? f.incident.discoveredAt);
  v['timeline.howDiscovered'] = f.incident.discoveredBy === 'sub_processor'
    ? `${word(lang, 'bySubProcessor')} ${f.incident.subProcessorName ?? ''}`.trim()
    : word(lang, 'byProcessor');
  v['timeline.controllerAwareAt'] = date(f.track.controllerAwareAt);
  v['timeline.apDeadlineAt'] = date(f.track.apDeadlineAt);
  v['timeline.reportedAt'] = reported ? date(reported.at) : null;
  const late = reported && f.track.apDeadlineAt && Date.parse(reported.at) > f.track.apDeadlineAt.getTime();
  v['timeline.lateReason'] = late ? f.decision?.apLateReason ?? null : word(lang, 'notApplicable');

  // 5. the breach
  const nature = fields.nature as { kinds: string[]; actions?: string[]; description?: string } | null;
  v['breach.nature'] = nature
    ? [nature.kinds.map((k) => t(lang, `kind_${k}` as 'kind_integrity')).join(', '), (nature.actions ?? []).map((a) => t(lang, `action_${a}` as 'action_read')).join(', ')].filter(Boolean).join(' – ')
    : null;
  v['breach.incidentKind'] = incidentKind(nature?.actions ?? [], criteria?.malicious, criteria?.confidentiality.extent, lang, nature !== null);
  v['breach.summary'] = [f.incident.summary, nature?.description].filter(Boolean).join(' ');
  v['breach.cause'] = fields.cause ?? null;

  // 6. personal data; 7. data subjects
  v['personalData.categories'] = list(fields.dataCategories);
  v['personalData.specialCategories'] = list(fields.specialCategories);
  v['personalData.recordCount'] = count(fields.recordCount);
  v['subjects.groups'] = list(fields.subjectCategories);
  v['subjects.vulnerable'] = tri(criteria?.vulnerableSubjects);
  v['subjects.count'] = count(fields.subjectCount);

  // 8. encryption
  v['encryption.state'] = fields.encryption ? t(lang, `encryption_${fields.encryption.state}` as 'encryption_none') : null;
  v['encryption.how'] = fields.encryption ? fields.encryption.description ?? (fields.encryption.state === 'none' ? word(lang, 'notApplicable') : null) : null;
  v['encryption.keyCompromised'] = fields.encryption?.state === 'none' ? word(lang, 'notApplicable') : tri(criteria?.encryption.keyCompromised);

  // 9. consequences
  v['consequences.consequences'] = fields.consequences ?? null;
  v['consequences.severity'] = recommendation ? word(lang, `sev_${recommendation.apSeverity}`) : null;
  v['consequences.severityBasis'] = recommendation ? recommendation.reasons[0][lang] : null;

  // 10. follow-up
  const d = f.decision;
  v['followUp.subjectsInformed'] = d ? yesNo(d.informSubjects) : null;
  v['followUp.subjectsHow'] = !d ? null : !d.informSubjects ? word(lang, 'notApplicable') : word(lang, recommendation?.subjectNotice === 'public' ? 'public' : 'individual');
  v['followUp.subjectsReasons'] = d?.subjectReasons ?? null;
  v['followUp.measuresTaken'] = fields.measures?.taken ?? null;
  v['followUp.measuresPlanned'] = fields.measures ? fields.measures.planned ?? word(lang, 'none') : null;

  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0));
}

/** The AP's list of incident kinds, chosen from what is on record. */
function incidentKind(actions: string[], malicious: string | undefined, confidentiality: string | undefined, lang: Language, known: boolean): string | null {
  if (actions.includes('stolen') || actions.includes('lost')) return word(lang, 'kind_theft');
  if (malicious === 'yes') return word(lang, 'kind_malicious');
  if (confidentiality === 'disclosed' && malicious === 'no') return word(lang, 'kind_misdirected');
  return known ? word(lang, 'kind_other') : null;
}

/** Notice fields still "not yet known": the report is preliminary while there are any. */
export function unknownNoticeFields(incident: IncidentRow, language: Language): string[] {
  return NOTICE_FIELD_KEYS.filter((k) => incident.fields[k] === null || incident.fields[k] === undefined).map((k) => t(language, `field_${k}`));
}
