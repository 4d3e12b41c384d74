import { assessSeverity, unintelligible, type Severity, type SeverityBand, type Words } from './enisa-severity';
import type { RiskCriteria } from './risk-criteria.schema';

/**
 * From a severity to what the DPO should consider doing (GDPR art. 33 and 34). A tool
 * recommends; the DPO decides and records why, also when following it.
 */
export type RecommendedAction = 'document_only' | 'report_ap' | 'report_ap_and_inform_subjects';
export type Art34Exemption = 'unintelligible' | 'later_measures' | 'disproportionate_effort';
/** The four answers of chapter 9 of the AP's form. */
export type ApSeverity = 'negligible' | 'limited' | 'significant' | 'very_high';

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
}

export interface RiskResult {
  severity: Severity;
  recommendation: Recommendation;
}

/** Many people turn a "low" into "report": the guidance's "when in doubt, report". */
export const MANY_SUBJECTS = 1000;

const AP_SEVERITY: Record<SeverityBand, ApSeverity> = { low: 'negligible', medium: 'limited', high: 'significant', very_high: 'very_high' };
const BAND_WORDS: Record<SeverityBand, Words> = {
  low: { nl: 'laag', en: 'low' },
  medium: { nl: 'gemiddeld', en: 'medium' },
  high: { nl: 'hoog', en: 'high' },
  very_high: { nl: 'zeer hoog', en: 'very high' },
};

export function assessRisk(criteria: RiskCriteria): RiskResult {
  const severity = assessSeverity(criteria);
  return { severity, recommendation: recommend(criteria, severity) };
}

export function recommend(c: RiskCriteria, severity: Severity): Recommendation {
  const band = BAND_WORDS[severity.band];
  const reasons: Words[] = [{
    nl: `Ernst ${severity.score.toLocaleString('nl-NL')} = ${severity.dpc} × ${severity.ei.toLocaleString('nl-NL')} + ${severity.cb.toLocaleString('nl-NL')}: ${band.nl}.`,
    en: `Severity ${severity.score} = ${severity.dpc} × ${severity.ei} + ${severity.cb}: ${band.en}.`,
  }];
  const base = { apSeverity: AP_SEVERITY[severity.band], reasons };
  const shielded = severity.unprotectedScore !== null && severity.unprotectedScore >= 3 ? severity.unprotectedScore : null;
  if (shielded !== null && (severity.band === 'low' || severity.band === 'medium')) {
    reasons.push({
      nl: `Zonder versleuteling was de ernst ${shielded.toLocaleString('nl-NL')} (hoog); omdat de gegevens onleesbaar waren, hoeven betrokkenen niet geïnformeerd te worden (art. 34(3)(a) AVG).`,
      en: `Without encryption the severity would be ${shielded} (high); as the data was unintelligible, the data subjects need not be informed (GDPR art. 34(3)(a)).`,
    });
  }
  const exemptionA = shielded !== null ? ('unintelligible' as const) : null;
  if (severity.band === 'low') {
    const many = c.subjectCount !== null && c.subjectCount >= MANY_SUBJECTS;
    if (severity.doubts.length === 0 && !many) {
      reasons.push({ nl: 'Een risico voor betrokkenen is onwaarschijnlijk: vastleggen in het register, niet melden (art. 33(1) en 33(5) AVG).', en: 'A risk to data subjects is unlikely: document in the register, do not report (GDPR art. 33(1) and 33(5)).' });
      return { ...base, action: 'document_only', reportToAp: false, informSubjects: false, subjectNotice: null, exemption: exemptionA };
    }
    reasons.push(many
      ? { nl: `Lage ernst, maar ${c.subjectCount} betrokkenen: bij twijfel melden.`, en: `Low severity, but ${c.subjectCount} people affected: when in doubt, report.` }
      : { nl: 'Lage ernst, maar niet alle feiten zijn bekend (zie de twijfels): bij twijfel melden.', en: 'Low severity, but not all facts are known (see the doubts): when in doubt, report.' });
    return { ...base, action: 'report_ap', reportToAp: true, informSubjects: false, subjectNotice: null, exemption: exemptionA };
  }
  if (severity.band === 'medium') {
    reasons.push({ nl: 'Een risico, maar geen hoog risico: melden bij de AP, betrokkenen niet verplicht informeren.', en: 'A risk, but not a high risk: report to the AP; informing the data subjects is not required.' });
    return { ...base, action: 'report_ap', reportToAp: true, informSubjects: false, subjectNotice: null, exemption: exemptionA };
  }
  reasons.push({ nl: 'Waarschijnlijk een hoog risico: melden bij de AP en de betrokkenen informeren (art. 34(1) AVG), tenzij art. 34(3) van toepassing is.', en: 'Likely a high risk: report to the AP and inform the data subjects (GDPR art. 34(1)), unless art. 34(3) applies.' });
  // Unintelligible data already lowers the score below "high"; this holds the legal rule should the mapping change.
  if (unintelligible(c)) {
    reasons.push({ nl: 'Art. 34(3)(a): de gegevens waren onleesbaar (versleuteld, sleutel niet gelekt): betrokkenen informeren is niet verplicht.', en: 'Art. 34(3)(a): the data was unintelligible (encrypted, key not compromised): informing the data subjects is not required.' });
    return { ...base, action: 'report_ap', reportToAp: true, informSubjects: false, subjectNotice: null, exemption: 'unintelligible' };
  }
  if (c.laterMeasuresRemoveHighRisk) {
    reasons.push({ nl: 'Art. 34(3)(b): latere maatregelen maken het hoge risico onwaarschijnlijk: betrokkenen informeren is niet verplicht. Leg die maatregelen vast.', en: 'Art. 34(3)(b): later measures make the high risk unlikely: informing the data subjects is not required. Record those measures.' });
    return { ...base, action: 'report_ap', reportToAp: true, informSubjects: false, subjectNotice: null, exemption: 'later_measures' };
  }
  if (c.disproportionateEffort) {
    reasons.push({ nl: 'Art. 34(3)(c): ieder afzonderlijk informeren vergt onevenredige inspanning: een openbare mededeling in de plaats.', en: 'Art. 34(3)(c): informing each person would take disproportionate effort: a public communication instead.' });
    return { ...base, action: 'report_ap_and_inform_subjects', reportToAp: true, informSubjects: true, subjectNotice: 'public', exemption: 'disproportionate_effort' };
  }
  return { ...base, action: 'report_ap_and_inform_subjects', reportToAp: true, informSubjects: true, subjectNotice: 'individual', exemption: null };
}

/** Whether a decision matches the recommendation on both questions (report, inform). */
export function followsRecommendation(r: Pick<Recommendation, 'reportToAp' | 'informSubjects'>, decision: { reportToAp: boolean; informSubjects: boolean }): boolean {
  return r.reportToAp === decision.reportToAp && r.informSubjects === decision.informSubjects;
}
