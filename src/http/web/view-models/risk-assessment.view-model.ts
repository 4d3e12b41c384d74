import type { IncidentView, TrackView } from '../../../domain/incident.views';
import { formatDateTime, type Language } from '../../../i18n/messages';
import { ui, type UiMessages } from '../../../i18n/ui-messages';
import type { Contribution } from '../../../risk/enisa-severity';
import type { RiskPrefill } from '../../../risk/risk-prefill';
import type { QuestionAdvice } from '../../../risk/recommendation';
import { VALUE_WORDS } from '../../../risk/risk-factors';
import {
  AVAILABILITY_EXTENTS, CONFIDENTIALITY_EXTENTS, CONSEQUENCES, DATA_NATURES, ENCRYPTION_STATES, EXPOSURE_DURATIONS, IDENTIFICATION_LEVELS, INTEGRITY_EXTENTS,
  RECIPIENT_COUNTS, RECIPIENTS, UNAVAILABILITY_IMPACTS,
} from '../../../risk/risk-criteria.schema';
import type { RiskAssessmentView } from '../../../use-cases/read-risk-assessment.use-case';
import type { FormBody } from '../forms/form-values';
import { criteriaToBody, DATA_FLAGS, EXEMPTIONS, riskFieldOf } from '../forms/risk-criteria.form';
import { choices, input, textarea, withErrors, type Control } from './form-controls';

const TRI = ['yes', 'no', 'unknown'] as const;
const label = (m: UiMessages, key: string, fallback: string): string => (m as unknown as Record<string, string>)[key] ?? fallback;
const PARTS = ['DPC', 'EI', 'CB', 'context'] as const;

/** What the API assumes when a follow-up question is left out; a fresh form starts from it. */
const SCHEMA_DEFAULTS: FormBody = {
  confidentiality_recipient: 'none',
  confidentiality_returnedOrDeleted: 'no',
  availability_backupAvailable: 'unknown',
  encryption_keyCompromised: 'no',
  consequences: 'unknown',
  permanentConsequences: 'unknown',
  exposureDuration: 'unknown',
  recipientCount: 'unknown',
  misused: 'unknown',
  accountTakeover: 'unknown',
  moreDataPossible: 'no',
  unavailabilityImpact: 'unknown',
  criticalService: 'false',
  remoteWipe: 'unknown',
};

/** Options worded by the method's own table (src/risk/risk-factors.ts): one wording for the form and the advice. */
const fromMethod = (lang: Language, table: Record<string, { nl: string; en: string }>, values: readonly string[]) =>
  values.map((value) => ({ value, label: table[value][lang] }));

export const formatNumber = (lang: Language, n: number): string => n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });

function formatDelta(lang: Language, delta: number | null): string {
  if (delta === null) return '';
  if (delta < 0) return `−${formatNumber(lang, -delta)}`;
  return `+${formatNumber(lang, delta)}`;
}

const words = (m: UiMessages, prefix: string, values: readonly string[]) => values.map((value) => ({ value, label: label(m, `${prefix}_${value}`, value) }));

/**
 * The form's starting values: a re-submitted body as sent; else the latest assessment; else the
 * notice's answers over the schema's defaults, with the controls they filled named.
 */
function startingValues(body: FormBody | null, assessment: RiskAssessmentView | null, prefill: RiskPrefill): { values: FormBody; fromNotice: Set<string> } {
  if (body) return { values: body, fromNotice: new Set() };
  if (assessment) return { values: criteriaToBody(assessment.criteria as unknown as Record<string, unknown>), fromNotice: new Set() };
  const fromNotice = new Set(prefill.sources.map((s) => riskFieldOf(s.criterion)));
  return { values: { ...SCHEMA_DEFAULTS, ...criteriaToBody(prefill.criteria) }, fromNotice };
}

/** The criteria as fieldsets of questions, each radio group or checkbox group its own fieldset. */
function criteriaGroups(lang: Language, m: UiMessages, values: FormBody, fromNotice: Set<string>, errors: Record<string, string>) {
  const note = (name: string, hint = ''): Partial<Control> => {
    const text = fromNotice.has(name) ? (hint ? `${m.riskFromNotice} — ${hint}` : m.riskFromNotice) : hint;
    return text ? { hint: text } : {};
  };
  const radio = (name: string, legend: string, options: Array<{ value: string; label: string }>, hint = '') =>
    choices(values, name, legend, options, 'radio', note(name, hint));
  const tri = (name: string, legend: string, hint = '') => radio(name, legend, words(m, 'tri', TRI), hint);
  const groups = [
    { id: 'confidentiality', legend: m.riskConfidentiality, controls: [
      radio('confidentiality_extent', m.riskConfExtent, words(m, 'conf', CONFIDENTIALITY_EXTENTS)),
      radio('confidentiality_recipient', m.riskRecipient, words(m, 'recipient', RECIPIENTS), m.riskRecipientHint),
      tri('confidentiality_returnedOrDeleted', m.riskReturned),
      radio('recipientCount', m.riskRecipientCount, fromMethod(lang, VALUE_WORDS.recipientCount, RECIPIENT_COUNTS)),
      radio('exposureDuration', m.riskExposureDuration, fromMethod(lang, VALUE_WORDS.exposureDuration, EXPOSURE_DURATIONS), m.riskExposureHint),
      tri('remoteWipe', m.riskRemoteWipe),
    ] },
    { id: 'integrity', legend: m.riskIntegrity, controls: [radio('integrity_extent', m.riskIntegrity, words(m, 'integ', INTEGRITY_EXTENTS))] },
    { id: 'availability', legend: m.riskAvailability, controls: [
      radio('availability_extent', m.riskAvailExtent, words(m, 'avail', AVAILABILITY_EXTENTS)),
      tri('availability_backupAvailable', m.riskBackup, m.riskBackupHint),
      radio('unavailabilityImpact', m.riskUnavailabilityImpact, fromMethod(lang, VALUE_WORDS.unavailabilityImpact, UNAVAILABILITY_IMPACTS)),
      radio('criticalService', m.riskCriticalService, [{ value: 'true', label: m.tri_yes }, { value: 'false', label: m.tri_no }]),
    ] },
    { id: 'data', legend: m.riskData, controls: [
      radio('data_nature', m.riskNature, words(m, 'nature', DATA_NATURES)),
      choices(values, 'data_flags', m.riskDataFlags, words(m, 'flag', DATA_FLAGS), 'checkbox', note('data_flags')),
      tri('moreDataPossible', m.riskMoreData),
    ] },
    { id: 'consequences', legend: m.riskConsequencesGroup, controls: [
      radio('consequences', m.riskConsequences, fromMethod(lang, VALUE_WORDS.consequences, CONSEQUENCES), m.riskConsequencesHint),
      tri('permanentConsequences', m.riskPermanent),
      tri('misused', m.riskMisused),
      tri('accountTakeover', m.riskAccountTakeover),
    ] },
    { id: 'volume', legend: m.riskVolume, controls: [
      input(values, 'subjectCount', m.riskSubjectCount, 'number', note('subjectCount', m.riskCountHint)),
      input(values, 'recordCount', m.riskRecordCount, 'number', note('recordCount', m.riskCountHint)),
      input(values, 'secondGroupCount', m.riskSecondGroup, 'number', { hint: m.riskSecondGroupHint }),
    ] },
    { id: 'people', legend: m.riskPeople, controls: [
      radio('identification', m.riskIdentification, words(m, 'ident', IDENTIFICATION_LEVELS)),
      tri('vulnerableSubjects', m.riskVulnerable),
    ] },
    { id: 'circumstances', legend: m.riskCircumstances, controls: [radio('malicious', `${m.riskCircumstances}: ${m.riskMalicious}`, words(m, 'malicious', TRI))] },
    { id: 'encryption', legend: m.riskEncryption, controls: [
      radio('encryption_state', m.riskEncState, words(m, 'enc', ENCRYPTION_STATES)),
      tri('encryption_keyCompromised', m.riskKey, m.riskKeyHint),
    ] },
    { id: 'exemptions', legend: m.riskExemptions, controls: [
      choices(values, 'exemptions', m.riskExemptions, words(m, 'exemption', EXEMPTIONS), 'checkbox', { hint: m.riskExemptionsHint }),
    ] },
    { id: 'notes', legend: m.riskNotes, controls: [textarea(values, 'notes', m.riskNotes)] },
  ];
  // A group of one question is that question's own fieldset: no legend twice.
  return groups.map((g) => ({ ...g, single: g.controls.length === 1, controls: withErrors(g.controls, errors) }));
}

/** A recorded assessment in words: score, band, recommendation, why, and each factor's part. */
export function riskResultView(lang: Language, a: RiskAssessmentView) {
  const m = ui(lang);
  const r = a.recommendation;
  // The base score and the identification level set their part; every other step adds to it.
  const sets = (c: Contribution) => c.factor === 'data.nature' || c.factor === 'identification';
  const line = (c: Contribution) => ({
    text: c[lang],
    delta: c.delta !== null && sets(c) ? `= ${formatNumber(lang, c.delta)}` : formatDelta(lang, c.delta),
    hasDelta: c.delta !== null,
  });
  const question = (q: QuestionAdvice | undefined, yes: boolean, id: string, heading: string, yesWords: string, noWords: string) => ({
    id, heading,
    advice: yes ? yesWords : noWords,
    adviceClass: yes ? 'advice-yes' : 'advice-no',
    reasons: (q ? q.reasons.filter((x) => !/^(Niet nodig als|Wel melden als|Wel informeren als): /.test(x.nl)) : []).map((x) => x[lang]),
    changes: (q?.changes ?? []).map((x) => x[lang]),
    hasChanges: Boolean(q?.changes.length),
  });
  const factorEffect = (e: string | null, on: string) => (e === null ? '—' : `${label(m, `on_${on}`, on)} ${e}`);
  return {
    current: Boolean(r.report),
    legacyNote: r.report ? '' : m.riskLegacyNote.replace('{method}', a.methodVersion),
    questions: [
      question(r.report, r.reportToAp, 'answer-report', m.riskQuestionReport, m.riskAdviceYesReport, m.riskAdviceNoReport),
      question(r.inform, r.informSubjects, 'answer-inform', m.riskQuestionInform, m.riskAdviceYesInform, m.riskAdviceNoInform),
    ],
    factors: (r.factors ?? []).map((f) => ({
      text: f[lang], aspect: label(m, `aspect_${f.aspect}`, f.aspect),
      report: factorEffect(f.report, f.on), inform: factorEffect(f.inform, f.on),
    })),
    hasFactors: Boolean(r.factors?.length),
    score: formatNumber(lang, a.severity.score),
    band: label(m, `band_${a.severity.band}`, a.severity.band),
    bandClass: `band-${a.severity.band.replace('_', '-')}`,
    formula: m.riskFormula
      .replace('{dpc}', formatNumber(lang, a.severity.dpc))
      .replace('{ei}', formatNumber(lang, a.severity.ei))
      .replace('{cb}', formatNumber(lang, a.severity.cb)),
    action: label(m, `action_${r.action}`, r.action),
    answers: m.recommendedAnswers.replace('{ap}', r.reportToAp ? m.yes : m.no).replace('{subjects}', r.informSubjects ? m.yes : m.no),
    subjectNotice: r.subjectNotice === 'public' ? m.subjectNotice_public : '',
    exemption: r.exemption ? label(m, `exempt_${r.exemption}`, r.exemption) : '',
    apSeverity: label(m, `apSeverity_${r.apSeverity}`, r.apSeverity),
    reasons: r.reasons.map((w) => w[lang]),
    parts: PARTS.map((part) => ({ heading: label(m, `part_${part}`, part), items: a.contributions.filter((c) => c.part === part).map(line) }))
      .filter((p) => p.items.length > 0),
    doubts: a.doubts.map(line),
    hasDoubts: a.doubts.length > 0,
    assessed: m.riskAssessedBy.replace('{name}', a.assessedBy).replace('{at}', formatDateTime(lang, a.assessedAt)).replace('{method}', a.methodVersion),
  };
}

/** Short form for the track panel and the decision page's heading line. */
export function riskSummary(lang: Language, risk: NonNullable<TrackView['risk']>): string {
  const m = ui(lang);
  return m.riskSummary
    .replace('{score}', formatNumber(lang, risk.score))
    .replace('{band}', label(m, `band_${risk.band}`, risk.band))
    .replace('{action}', label(m, `action_${risk.action}`, risk.action));
}

export function buildRiskAssessmentPage(
  lang: Language, incident: IncidentView, track: TrackView, read: { assessment: RiskAssessmentView | null; prefill: RiskPrefill },
  body: FormBody | null, errors: Record<string, string>,
) {
  const m = ui(lang);
  const { values, fromNotice } = startingValues(body, read.assessment, read.prefill);
  const errorCount = Object.keys(errors).length;
  return {
    title: m.riskTitle.replace('{reference}', incident.reference),
    backHref: `/incidents/${incident.id}#track-${track.id}`,
    summary: incident.summary,
    controller: track.controller.name,
    intro: m.riskMethodIntro,
    prefillNote: read.assessment ? m.riskFromLastIntro : fromNotice.size > 0 ? m.riskFromNoticeIntro : '',
    hasResult: Boolean(read.assessment),
    result: read.assessment ? riskResultView(lang, read.assessment) : null,
    decisionHref: `/tracks/${track.id}/assessment`,
    hasErrors: errorCount > 0,
    errorSummary: m.errorSummary.replace('{n}', String(errorCount)),
    action: `/tracks/${track.id}/risk-assessment`,
    groups: criteriaGroups(lang, m, values, fromNotice, errors),
  };
}
