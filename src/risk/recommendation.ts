import { assessLevels, isHighRisk, isRisk, RISK_METHOD_VERSION, unintelligibleData, type Aspect, type AspectLevels, type FactorLine, type Levels, type Reading } from './breach-risk';
import { assessSeverity, type Severity, type Words } from './enisa-severity';
import type { RiskCriteria } from './risk-criteria.schema';
import { consistent, FACTORS, orderedValues, valueOf, withValue, type Factor, type Value } from './risk-factors';

/**
 * From the DPO's answers to advice on the two questions (GDPR art. 33: report to the AP;
 * art. 34: inform the people), each answered on its own with its reasons and what would change
 * it. A tool advises; the DPO decides and records why, also when following it. ENISA's score
 * (enisa-severity.ts) is computed alongside as an indicator and decides nothing.
 */
export type RecommendedAction = 'document_only' | 'report_ap' | 'report_ap_and_inform_subjects';
export type Art34Exemption = 'unintelligible' | 'later_measures' | 'disproportionate_effort';
/** The four answers of chapter 9 of the AP's form. */
export type ApSeverity = 'negligible' | 'limited' | 'significant' | 'very_high';

export interface QuestionAdvice {
  advice: boolean;
  /** The aspect whose levels decide the answer (null: no aspect affected). */
  aspect: Aspect | null;
  severity: number;
  likelihood: number;
  reasons: Words[];
  /** The one or two answers that would turn this advice around, in the DPO's words. */
  changes: Words[];
}

export interface Recommendation {
  action: RecommendedAction;
  reportToAp: boolean;
  informSubjects: boolean;
  /** How to inform: each person, or a public notice under art. 34(3)(c). */
  subjectNotice: 'individual' | 'public' | null;
  /** The art. 34(3) ground that lifts (or changes) the duty to inform, if one applies. */
  exemption: Art34Exemption | null;
  apSeverity: ApSeverity;
  reasons: Words[];
  /** Absent on assessments made with the ENISA-only method (before `edpb-9-2022/meldplicht-2`). */
  method?: string;
  report?: QuestionAdvice;
  inform?: QuestionAdvice;
  factors?: FactorLine[];
}

export interface RiskResult {
  severity: Severity;
  recommendation: Recommendation;
}

export function assessRisk(criteria: RiskCriteria): RiskResult {
  return { severity: assessSeverity(criteria), recommendation: recommend(criteria) };
}

interface Decision {
  report: boolean;
  inform: boolean;
  high: boolean;
  levels: Record<Reading, Levels>;
}

function decide(c: RiskCriteria): Decision {
  const levels = { report: assessLevels(c, 'report'), inform: assessLevels(c, 'inform') };
  const high = levels.inform.aspects.some(isHighRisk);
  // Art. 34(3)(b) lifts the duty to inform, never the report: a high risk is always a risk.
  const inform = high && !c.laterMeasuresRemoveHighRisk;
  return { report: high || levels.report.aspects.some(isRisk), inform, high, levels };
}

export const adviseOn = (c: RiskCriteria): { reportToAp: boolean; informSubjects: boolean } => {
  const d = decide(c);
  return { reportToAp: d.report, informSubjects: d.inform };
};

const S_WORDS: Words[] = [w('verwaarloosbaar', 'negligible'), w('beperkt', 'limited'), w('aanzienlijk', 'significant'), w('ernstig', 'severe'), w('zeer ernstig', 'very severe')];
const L_WORDS: Words[] = [w('onwaarschijnlijk', 'unlikely'), w('mogelijk', 'possible'), w('waarschijnlijk', 'likely'), w('vrijwel zeker', 'almost certain')];
const ASPECT_WORDS: Record<Aspect, Words> = { confidentiality: w('vertrouwelijkheid', 'confidentiality'), integrity: w('integriteit', 'integrity'), availability: w('beschikbaarheid', 'availability') };
function w(nl: string, en: string): Words { return { nl, en }; }

const levelWords = (a: AspectLevels): Words => ({
  nl: `${ASPECT_WORDS[a.aspect].nl}: ernst ${a.severity} (${S_WORDS[a.severity].nl}), waarschijnlijkheid ${a.likelihood} (${L_WORDS[a.likelihood].nl})`,
  en: `${ASPECT_WORDS[a.aspect].en}: severity ${a.severity} (${S_WORDS[a.severity].en}), likelihood ${a.likelihood} (${L_WORDS[a.likelihood].en})`,
});

/** The aspect that decides: the first meeting the test, else the one nearest to it. */
function decisive(aspects: AspectLevels[], test: (a: AspectLevels) => boolean): AspectLevels | null {
  const meeting = aspects.filter(test);
  const pool = meeting.length ? meeting : aspects;
  return pool.reduce<AspectLevels | null>((best, a) => (!best || a.severity + a.likelihood > best.severity + best.likelihood ? a : best), null);
}

export function recommend(c: RiskCriteria): Recommendation {
  const d = decide(c);
  const reportChanges = changes(c, 'report', d.report);
  const informChanges = changes(c, 'inform', d.inform);
  const r = decisive(d.levels.report.aspects, isRisk);
  const i = decisive(d.levels.inform.aspects, isHighRisk);
  const join = (list: Words[], sep: Words) => ({ nl: list.map((x) => x.nl).join(sep.nl), en: list.map((x) => x.en).join(sep.en) });
  const or = w(' of ', ' or ');
  const none = w('er is geen vertrouwelijkheid, integriteit of beschikbaarheid van persoonsgegevens geraakt', 'no confidentiality, integrity or availability of personal data was affected');

  const reportReasons: Words[] = [];
  if (d.report) {
    const why = d.high && !d.levels.report.aspects.some(isRisk) ? levelWords(i!) : levelWords(r!);
    reportReasons.push({ nl: `We adviseren te melden bij de AP omdat een risico voor de betrokkenen niet onwaarschijnlijk is — ${why.nl} (art. 33(1) AVG: melden, tenzij een risico onwaarschijnlijk is).`, en: `We advise reporting to the AP because a risk to the people cannot be shown to be unlikely — ${why.en} (GDPR art. 33(1): report unless a risk is unlikely).` });
    if (reportChanges.length) { const j = join(reportChanges, or); reportReasons.push({ nl: `Niet nodig als: ${j.nl}.`, en: `Not needed if: ${j.en}.` }); }
  } else {
    const why = r ? d.levels.report.aspects.map(levelWords) : [none];
    const j = join(why, w('; ', '; '));
    reportReasons.push({ nl: `Melden is niet nodig: een risico voor de betrokkenen is onwaarschijnlijk — ${j.nl}. Leg het lek en deze afweging vast in het register (art. 33(5) AVG).`, en: `Reporting is not needed: a risk to the people is unlikely — ${j.en}. Record the breach and this reasoning in the register (GDPR art. 33(5)).` });
    if (reportChanges.length) { const k = join(reportChanges, or); reportReasons.push({ nl: `Wel melden als: ${k.nl}.`, en: `Report after all if: ${k.en}.` }); }
  }

  const informReasons: Words[] = [];
  let exemption: Art34Exemption | null = null;
  if (d.inform) {
    const why = levelWords(i!);
    informReasons.push({ nl: `We adviseren de betrokkenen te informeren omdat een hoog risico waarschijnlijk is — ${why.nl} (art. 34(1) AVG).`, en: `We advise informing the people because a high risk is likely — ${why.en} (GDPR art. 34(1)).` });
    if ((c.secondGroupCount ?? 0) > 0) informReasons.push({ nl: `Dit geldt voor de ${c.subjectCount ?? 'eerste'} betrokkenen in de meest blootgestelde groep; de ${c.secondGroupCount} in de tweede groep alleen als voor hen hetzelfde geldt.`, en: `This concerns the ${c.subjectCount ?? 'first'} people in the most exposed group; the ${c.secondGroupCount} in the second group only if the same holds for them.` });
    if (c.disproportionateEffort) {
      exemption = 'disproportionate_effort';
      informReasons.push({ nl: 'Iedereen afzonderlijk informeren vergt onevenredige inspanning: een openbare mededeling die even doeltreffend is (art. 34(3)(c) AVG).', en: 'Informing each person would take disproportionate effort: a public communication that is equally effective (GDPR art. 34(3)(c)).' });
    }
    if (informChanges.length) { const j = join(informChanges, or); informReasons.push({ nl: `Niet nodig als: ${j.nl}.`, en: `Not needed if: ${j.en}.` }); }
  } else {
    if (d.high && c.laterMeasuresRemoveHighRisk) {
      exemption = 'later_measures';
      informReasons.push({ nl: 'Een hoog risico was waarschijnlijk, maar latere maatregelen maken het onwaarschijnlijk: informeren is niet verplicht (art. 34(3)(b) AVG). Leg die maatregelen vast.', en: 'A high risk was likely, but later measures make it unlikely: informing is not required (GDPR art. 34(3)(b)). Record those measures.' });
    } else if (unintelligibleData(c) && c.confidentiality.extent !== 'none' && decide(withValue(c, 'encryption.state', 'none')).inform) {
      exemption = 'unintelligible';
      informReasons.push({ nl: 'Zonder versleuteling was een hoog risico waarschijnlijk; de gegevens waren onleesbaar voor onbevoegden, dus informeren is niet nodig (art. 34(3)(a) AVG).', en: 'Without encryption a high risk would be likely; the data were unintelligible to anyone unauthorised, so informing is not needed (GDPR art. 34(3)(a)).' });
    } else {
      const why = i ? levelWords(i) : none;
      informReasons.push({ nl: `Informeren is niet nodig: een hoog risico is niet waarschijnlijk — ${why.nl}.`, en: `Informing the people is not needed: a high risk is not likely — ${why.en}.` });
    }
    if (informChanges.length) { const j = join(informChanges, or); informReasons.push({ nl: `Wel informeren als: ${j.nl}.`, en: `Inform after all if: ${j.en}.` }); }
  }

  // The AP form's four answers: "very high" where severe harm is (almost) certain, or very severe harm likely.
  const gravest = Math.max(0, ...d.levels.inform.aspects.filter(isHighRisk).map((a) => a.severity + a.likelihood));
  const apSeverity: ApSeverity = d.high ? (gravest >= 6 ? 'very_high' : 'significant') : d.report ? 'limited' : 'negligible';
  const action: RecommendedAction = d.inform ? 'report_ap_and_inform_subjects' : d.report ? 'report_ap' : 'document_only';
  return {
    action, reportToAp: d.report, informSubjects: d.inform,
    subjectNotice: d.inform ? (c.disproportionateEffort ? 'public' : 'individual') : null,
    exemption, apSeverity,
    reasons: [...reportReasons, ...informReasons],
    method: RISK_METHOD_VERSION,
    report: { advice: d.report, aspect: r?.aspect ?? null, severity: r?.severity ?? 0, likelihood: r?.likelihood ?? 0, reasons: reportReasons, changes: reportChanges },
    inform: { advice: d.inform, aspect: i?.aspect ?? null, severity: i?.severity ?? 0, likelihood: i?.likelihood ?? 0, reasons: informReasons, changes: informChanges },
    factors: mergeLines(d.levels),
  };
}

/** Each factor's effect on severity (S) or likelihood (L), per question; "unknown" may weigh differently for the two. */
function mergeLines(levels: Record<Reading, Levels>): FactorLine[] {
  const out = new Map<string, FactorLine>();
  for (const reading of ['report', 'inform'] as const) {
    for (const line of levels[reading].lines) {
      const key = `${line.factor}|${line.aspect}|${line.on}`;
      const { effect, ...rest } = line;
      const entry = out.get(key) ?? { ...rest, report: null, inform: null };
      entry[reading] = effect;
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

const isUnknown = (v: Value) => v === 'unknown' || v === null;
const COUNT_FACTORS = new Set(['subjectCount', 'secondGroupCount']);

/**
 * The one or two answers that would turn the advice around: the nearest value of a single answer
 * that flips it. Unknown answers come first (finding out is the DPO's next step), then the
 * mitigations the controller can establish, then the other facts.
 */
export function changes(c: RiskCriteria, question: Reading, current: boolean): Words[] {
  const found: Array<{ rank: number; words: Words }> = [];
  const advice = (x: RiskCriteria) => (question === 'report' ? decide(x).report : decide(x).inform);
  FACTORS.forEach((f: Factor) => {
    if (f.applies && !f.applies(c)) return;
    const values = orderedValues(f);
    const now = valueOf(c, f.key);
    const at = values.indexOf(now);
    if (at < 0) return;
    const candidates = current ? values.slice(0, at).reverse() : values.slice(at + 1);
    for (const v of candidates) {
      if (current && isUnknown(v)) continue; // "becomes unknown" is no finding
      const next = withValue(c, f.key, v);
      if (!consistent(next) || advice(next) === current) continue;
      const value = COUNT_FACTORS.has(f.key) ? countWords(v as number | null, current) : f.words(v);
      const rank = isUnknown(now) ? 0 : f.mitigation ? 1 : 2;
      found.push({ rank, words: { nl: `${f.question.nl}: ${value.nl}`, en: `${f.question.en}: ${value.en}` } });
      break;
    }
  });
  return found.sort((a, b) => a.rank - b.rank).slice(0, 2).map((x) => x.words);
}

function countWords(v: number | null, lower: boolean): Words {
  if (v === null) return w('onbekend', 'unknown');
  return lower ? w(`${v.toLocaleString('nl-NL')} of minder`, `${v.toLocaleString('en-GB')} or fewer`) : w(`${v.toLocaleString('nl-NL')} of meer`, `${v.toLocaleString('en-GB')} or more`);
}

/** Whether a decision matches the recommendation on both questions (report, inform). */
export function followsRecommendation(r: Pick<Recommendation, 'reportToAp' | 'informSubjects'>, decision: { reportToAp: boolean; informSubjects: boolean }): boolean {
  return r.reportToAp === decision.reportToAp && r.informSubjects === decision.informSubjects;
}
