import { isControllerSide, type AuthUser } from '../../../auth/auth-user';
import type { Controller } from '../../../domain/directory.repository';
import type { Language } from '../../../i18n/messages';
import { ui, type UiMessages } from '../../../i18n/ui-messages';
import type { RegisterRow } from '../../../register/register-row';
import { filterQueryString } from '../forms/register-filter.form';
import { input, select, withErrors } from './form-controls';
import { formatNumber } from './risk-assessment.view-model';
import { label } from './track-panel.view-model';

export const REGISTER_STATES = ['detected', 'triage', 'dismissed', 'awaitingNotice', 'notified', 'awaitingAssessment', 'followUp', 'closed'] as const;

/** Made once per language (see formatDateTime in i18n/messages.ts: each formatter costs memory the GC does not see). */
const shortDates: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' }),
};

/** Dates in a table: short, Dutch time. */
function shortDate(lang: Language, iso: string): string {
  return shortDates[lang === 'nl' ? 'nl' : 'en'].format(new Date(iso));
}

function rowView(lang: Language, m: UiMessages, r: RegisterRow) {
  const at = (template: string, iso: string | null) => (iso ? [template.replace('{at}', shortDate(lang, iso))] : []);
  const yesNo = (v: boolean | null) => (v ? m.yes : m.no);
  const decided = r.reportToAp !== null;
  const reason = (template: string, text: string | null) => (text ? [template.replace('{reason}', text)] : []);
  return {
    reference: r.reference,
    href: `/incidents/${r.incidentId}#track-${r.trackId}`,
    summary: r.summary ?? '',
    controller: r.controller.name,
    dates: [
      ...at(m.regDiscovered, r.discoveredAt), ...at(m.regNotified, r.notifiedAt), ...at(m.regDecided, r.decidedAt),
      ...at(m.regReportedToAp, r.reportedToApAt), ...at(m.regWithdrawnAtAp, r.apWithdrawnAt), ...at(m.regClosed, r.closedAt),
    ],
    state: label(m, `state_${r.state}`, r.state),
    overdue: r.overdue,
    decision: [
      decided ? m.regDecision.replace('{ap}', yesNo(r.reportToAp)).replace('{subjects}', yesNo(r.informSubjects)) : m.regNoDecision,
      ...(r.apMeldnummer ? [m.regMeldnummer.replace('{n}', r.apMeldnummer)] : []),
      ...(r.riskScore !== null && r.riskBand ? [m.regRisk.replace('{score}', formatNumber(lang, r.riskScore)).replace('{band}', label(m, `band_${r.riskBand}`, r.riskBand))] : []),
      ...(r.recommendation ? [`${m.riskRecommendation}: ${label(m, `action_${r.recommendation}`, r.recommendation)}`] : []),
    ],
    reasons: [
      ...reason(m.regDismissed, r.dismissReason), ...reason(m.regApReasons, r.apReasons), ...reason(m.regSubjectReasons, r.subjectReasons),
      ...reason(m.regDeviation, r.deviationReason), ...reason(m.regLate, r.lateReason),
      ...at(m.regErased, r.detailsErasedAt),
    ],
  };
}

/**
 * The register page: the filters as a GET form (so a filtered view is a link), the entries
 * as a table, the exports and the next page with the same filters.
 */
export function buildRegisterPage(
  lang: Language, user: AuthUser, controllers: Controller[], filters: Record<string, string>, errors: Record<string, string>,
  page: { entries: RegisterRow[]; nextCursor: string | null },
) {
  const m = ui(lang);
  const controllerSide = isControllerSide(user);
  const all = { value: '', label: m.regAll };
  const controls = withErrors([
    ...(controllerSide ? [] : [select(filters, 'controllerId', m.controller, [all, ...controllers.map((c) => ({ value: c.id, label: c.name }))])]),
    input(filters, 'from', m.regFrom, 'date', { hint: m.regDateHint }),
    input(filters, 'to', m.regTo, 'date', { hint: m.regDateHint }),
    select(filters, 'state', m.regState, [all, ...REGISTER_STATES.map((s) => ({ value: s, label: label(m, `state_${s}`, s) }))]),
  ], errors);
  const errorCount = Object.keys(errors).length;
  return {
    title: m.registerTitle,
    intro: m.registerIntro,
    ownOnly: controllerSide ? m.regOwnOnly : '',
    controls,
    hasErrors: errorCount > 0,
    errorSummary: m.errorSummary.replace('{n}', String(errorCount)),
    isFiltered: Object.keys(filters).some((k) => k !== 'after'),
    csvHref: `/register.csv${filterQueryString(filters)}`,
    jsonHref: `/register.json${filterQueryString(filters)}`,
    rows: page.entries.map((r) => rowView(lang, m, r)),
    hasRows: page.entries.length > 0,
    shown: m.regShown.replace('{n}', String(page.entries.length)),
    hasNext: page.nextCursor !== null,
    nextHref: page.nextCursor ? `/register${filterQueryString(filters, { after: page.nextCursor })}` : '',
  };
}
