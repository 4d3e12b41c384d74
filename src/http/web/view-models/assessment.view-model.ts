import type { IncidentView, TrackView } from '../../../domain/incident.views';
import { NOTICE_FIELD_KEYS } from '../../../domain/notice-fields';
import { formatDateTime, t, type Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { formatField } from '../../../notify/notice-view-model';
import type { RiskAssessmentView } from '../../../use-cases/read-risk-assessment.use-case';
import type { FormBody } from '../forms/form-values';
import { isoToLocal } from '../forms/local-time';
import { apClockStart, AP_HOURS } from './ap-clock';
import { countdown } from './countdown';
import { choices, input, textarea, withErrors } from './form-controls';
import { riskResultView } from './risk-assessment.view-model';
import { label } from './track-panel.view-model';

/** The AP follow-up form on the decision page: what was sent back, its errors, a refusal. */
export interface FollowUpState {
  body: FormBody;
  errors: Record<string, string>;
  problem: string;
}

const AP_REPORT_KINDS = ['report', 'supplement', 'correction', 'withdrawal'] as const;

/** The latest recommendation, the links that go with the decision, and the AP report's follow-up. */
function decisionExtras(lang: Language, track: TrackView, risk: RiskAssessmentView | null, followUp: FollowUpState, nowMs: number) {
  const m = ui(lang);
  const a = track.assessment;
  const kinds = AP_REPORT_KINDS.map((value) => ({ value, label: label(m, `apKind_${value}`, value) }));
  const fu = Object.keys(followUp.body).length > 0 ? followUp.body : { apAt: isoToLocal(new Date(nowMs).toISOString()) };
  const followUpErrors = Object.keys(followUp.errors).length;
  return {
    hasRisk: Boolean(risk),
    risk: risk ? riskResultView(lang, risk) : null,
    riskHref: `/tracks/${track.id}/risk-assessment`,
    riskLinkText: risk ? m.reviseRiskAssessment : m.fillRiskAssessment,
    decisionFollows: a && a.followsRecommendation !== null
      ? (a.followsRecommendation ? m.followsRecommendation : m.deviatesFromRecommendation.replace('{reason}', a.deviationReason ?? ''))
      : '',
    apSheetHref: `/tracks/${track.id}/ap-sheet`,
    hasDraft: Boolean(a?.informSubjects),
    draftHref: `/tracks/${track.id}/data-subject-draft`,
    followUp: {
      possible: Boolean(a?.reportToAp),
      action: `/tracks/${track.id}/ap-reports`,
      current: track.currentMeldnummer ? m.apCurrentMeldnummer.replace('{n}', track.currentMeldnummer) : '',
      history: track.apReports.map((r) => ({
        kind: label(m, `apKind_${r.kind}`, r.kind), meldnummer: r.meldnummer, at: formatDateTime(lang, r.at), atIso: r.at, note: r.note ?? '',
      })),
      hasHistory: track.apReports.length > 0,
      problem: followUp.problem,
      hasErrors: followUpErrors > 0,
      errorSummary: m.errorSummary.replace('{n}', String(followUpErrors)),
      controls: withErrors([
        choices(fu, 'apKind', m.apKind, kinds, 'radio'),
        input(fu, 'apMeldnummer', m.apMeldnummer, 'text', { hint: m.apMeldnummerHint }),
        input(fu, 'apAt', m.apAt, 'datetime-local', { hint: m.localTimeHint }),
        textarea(fu, 'apNote', m.apNote, { hint: m.apNoteHint }),
      ], followUp.errors),
    },
  };
}

/**
 * The DPO's page: what the notice says, the 72-hour clock from the moment it reached the
 * controller, and the decision form (AP report, data subjects, reasons, meldnummer, date).
 */
export function buildAssessmentPage(
  lang: Language, incident: IncidentView, track: TrackView, body: FormBody, errors: Record<string, string>, nowMs: number,
  risk: RiskAssessmentView | null = null, followUp: FollowUpState = { body: {}, errors: {}, problem: '' },
) {
  const m = ui(lang);
  const start = apClockStart(track);
  const end = start ? new Date(Date.parse(start) + AP_HOURS * 3_600_000).toISOString() : null;
  const yesNo = [{ value: 'yes', label: m.yes }, { value: 'no', label: m.no }];
  const advice = risk ? riskResultView(lang, risk).answers : '';
  return {
    ...decisionExtras(lang, track, risk, followUp, nowMs),
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
      ...(risk ? [textarea(body, 'deviationReason', m.deviationReason, { hint: m.deviationReasonHint.replace('{advice}', advice) })] : []),
      input(body, 'apReference', m.apReference, 'text', { hint: m.apReferenceHint }),
      input(body, 'reportedToApAt', m.reportedToApAt, 'datetime-local'),
      textarea(body, 'apLateReason', m.apLateReason, { hint: m.apLateReasonHint }),
    ], errors),
  };
}
