import type { IncidentView, TrackView } from '../../../domain/incident.views';
import { NOTICE_FIELD_KEYS } from '../../../domain/notice-fields';
import { formatDateTime, t, type Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { formatField } from '../../../notify/notice-view-model';
import type { FormBody } from '../forms/form-values';
import { apClockStart, AP_HOURS } from './ap-clock';
import { countdown } from './countdown';
import { choices, input, textarea, withErrors } from './form-controls';

/**
 * The DPO's page: what the notice says, the 72-hour clock from the moment it reached the
 * controller, and the decision form (AP report, data subjects, reasons, meldnummer, date).
 */
export function buildAssessmentPage(lang: Language, incident: IncidentView, track: TrackView, body: FormBody, errors: Record<string, string>, nowMs: number) {
  const m = ui(lang);
  const start = apClockStart(track);
  const end = start ? new Date(Date.parse(start) + AP_HOURS * 3_600_000).toISOString() : null;
  const yesNo = [{ value: 'yes', label: m.yes }, { value: 'no', label: m.no }];
  return {
    title: m.assessmentTitle.replace('{reference}', incident.reference),
    backHref: `/incidents/${incident.id}#track-${track.id}`,
    summary: incident.summary,
    controller: track.controller.name,
    hasClock: Boolean(start && end),
    clockText: start && end ? m.apClockText.replace('{start}', formatDateTime(lang, start)).replace('{end}', formatDateTime(lang, end)) : m.apClockNotStarted,
    hasCountdown: Boolean(start && end && !track.assessment),
    countdown: start && end ? countdown(m, start, end, 0.5, nowMs) : null,
    fields: NOTICE_FIELD_KEYS.map((key) => {
      const value = formatField(lang, key, incident.fields[key]);
      return { label: t(lang, `field_${key}` as never), value: value ?? m.notYetKnown, notYetKnown: value === null };
    }),
    hasDecision: Boolean(track.assessment),
    decisionNote: track.assessment ? m.revisesDecision : '',
    hasErrors: Object.keys(errors).length > 0,
    errorSummary: m.errorSummary.replace('{n}', String(Object.keys(errors).length)),
    action: `/tracks/${track.id}/assessment`,
    controls: withErrors([
      choices(body, 'reportToAp', m.reportToAp, yesNo, 'radio', { hint: m.reportToApHint }),
      textarea(body, 'apReasons', m.apReasons),
      choices(body, 'informSubjects', m.informSubjects, yesNo, 'radio', { hint: m.informSubjectsHint }),
      textarea(body, 'subjectReasons', m.subjectReasons),
      input(body, 'apReference', m.apReference, 'text', { hint: m.apReferenceHint }),
      input(body, 'reportedToApAt', m.reportedToApAt, 'datetime-local'),
    ], errors),
  };
}
