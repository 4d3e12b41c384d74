import type { Words } from './enisa-severity';
import type { RiskCriteria } from './risk-criteria.schema';

/**
 * The risk to people of one breach, following the factors of EDPB Guidelines 9/2022 §IV.B
 * (= WP250 rev.01 §IV.B): per affected aspect (confidentiality, integrity, availability) a
 * severity of the consequences (0–4) and a likelihood that they happen (0–3). Every factor
 * moves one of the two in one direction only, and the thresholds are "at least" tests, so a
 * worse fact can never give milder advice (tests/unit/risk-method.property.test.ts).
 *
 * Unknown answers are read twice. Art. 33 reports unless a risk is *unlikely*, and the
 * controller must be able to show that (recital 85): for that question an unknown aggravating
 * fact counts as present. Art. 34 needs a *likely* high risk: there an unknown aggravating
 * fact counts as absent, and the advice names it as what would change it. A mitigation
 * counts only when it is known (an unconfirmed deletion, an unknown backup, a key that may
 * have leaked protect nobody), for both questions.
 */
export const RISK_METHOD_VERSION = 'edpb-9-2022/meldplicht-2';

export type Reading = 'report' | 'inform';
export type Aspect = 'confidentiality' | 'integrity' | 'availability';

export interface FactorLine extends Words {
  factor: string;
  aspect: Aspect | 'people';
  /** What it does to severity (S) or likelihood (L) for each question; null: nothing. */
  on: 'S' | 'L';
  report: string | null;
  inform: string | null;
}

export interface AspectLevels {
  aspect: Aspect;
  severity: number;
  likelihood: number;
}

export interface Levels {
  aspects: AspectLevels[];
  lines: Array<Omit<FactorLine, 'report' | 'inform'> & { effect: string | null }>;
}

const TRI_WORSE = (v: string, reading: Reading) => v === 'yes' || (v === 'unknown' && reading === 'report');
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const NATURE_BASE = { simple: 0, behavioural: 1, financial: 2, sensitive: 3, unknown: 3 } as const;
const CONSEQUENCE_LEVEL = { negligible: 0, limited: 1, significant: 2, severe: 3 } as const;
const IMPACT_LEVEL = { none: 0, minor: 1, significant: 2, serious: 3 } as const;
export const MANY_SUBJECTS = 1000;
export const LARGE_POPULATION = 10_000;
export const VERY_LARGE_POPULATION = 1_000_000;

/**
 * How much the number of people weighs. Informing looks at the main group; reporting also at the
 * second, lesser-exposed group. Not knowing how many counts as 1 000 for reporting, as none for informing.
 */
export function scaleBonus(c: RiskCriteria, reading: Reading): number {
  const main = c.subjectCount ?? (reading === 'report' ? MANY_SUBJECTS : 0);
  const total = main + (reading === 'report' ? c.secondGroupCount ?? 0 : 0);
  const population = total >= VERY_LARGE_POPULATION ? 2 : total >= LARGE_POPULATION ? 1 : 0;
  // For art. 33 many people are a reason in themselves ("the more people, the greater the impact").
  return reading === 'report' ? Math.max(population, total >= MANY_SUBJECTS ? 1 : 0) : population;
}

export const peopleCounted = (c: RiskCriteria, reading: Reading): number | null =>
  c.subjectCount === null ? null : c.subjectCount + (reading === 'report' ? c.secondGroupCount ?? 0 : 0);

/** The data were unintelligible to whoever got them: state-of-the-art encryption or keyed hashing, key known to be safe. */
export function unintelligibleData(c: RiskCriteria): boolean {
  return (c.encryption.state === 'encrypted' || c.encryption.state === 'hashed') && c.encryption.keyCompromised === 'no';
}

export function assessLevels(c: RiskCriteria, reading: Reading): Levels {
  const lines: Levels['lines'] = [];
  const note = (factor: string, aspect: FactorLine['aspect'], on: 'S' | 'L', effect: string | null, nl: string, en: string) => lines.push({ factor, aspect, on, effect, nl, en });

  // Severity of the data's consequences (nature, sensitivity, volume; severity and permanence; the people).
  let data: number = NATURE_BASE[c.data.nature];
  note('data.nature', 'people', 'S', `= ${data}`, NATURE_WORDS[c.data.nature].nl, NATURE_WORDS[c.data.nature].en);
  if (c.data.profilingPossible && data < 2 && !c.data.publiclyAvailable) {
    data += 1;
    note('data.profilingPossible', 'people', 'S', '+1', 'Genoeg gegevens per persoon om te combineren tot een profiel.', 'Enough data per person to combine into a profile.');
  }
  // Already public data that can still be combined into a profile: the profile adds no severity
  // (the data were out), but the breach is no longer "nothing new" (see the likelihood below).
  if (c.data.nationalId && data < 2) { data = 2; note('data.nationalId', 'people', 'S', '≥ 2', 'BSN of identiteitsbewijs: identiteitsfraude mogelijk.', 'National ID number or identity document: identity fraud possible.'); }
  if (c.data.credentials && data < 2) { data = 2; note('data.credentials', 'people', 'S', '≥ 2', 'Inloggegevens: accounts kunnen worden overgenomen.', 'Credentials: accounts can be taken over.'); }
  if (c.data.specialCategories && data < 3) data = 3;
  if (c.data.specialCategories) note('data.specialCategories', 'people', 'S', '≥ 3', 'Bijzondere persoonsgegevens (art. 9 AVG): schade wordt waarschijnlijk geacht (EDPB 9/2022 r.o. 102).', 'Special categories (GDPR art. 9): damage is presumed likely (EDPB 9/2022 para 102).');
  if (c.consequences !== 'unknown') {
    const judged = CONSEQUENCE_LEVEL[c.consequences];
    // The DPO's judgement of the harm may lower what the data type suggests by one step, never more: the type still counts.
    const next = Math.max(judged, data - 1);
    note('consequences', 'people', 'S', next === data ? '±0' : next > data ? `+${next - data}` : `−${data - next}`, CONSEQUENCE_WORDS[c.consequences].nl, CONSEQUENCE_WORDS[c.consequences].en);
    data = next;
  }
  if (c.accountTakeover === 'yes' && data < 2) { data = 2; note('accountTakeover', 'people', 'S', '≥ 2', 'Accounts zijn overgenomen.', 'Accounts were taken over.'); }
  if (data >= 1 && TRI_WORSE(c.permanentConsequences, reading)) {
    data += 1;
    note('permanentConsequences', 'people', 'S', '+1', c.permanentConsequences === 'yes' ? 'De gevolgen zijn blijvend of niet terug te draaien.' : 'Onbekend of de gevolgen blijvend zijn: voor de meldplicht als blijvend gerekend.', c.permanentConsequences === 'yes' ? 'The consequences are lasting or irreversible.' : 'Unknown whether the consequences last: counted as lasting for reporting.');
  }
  if (TRI_WORSE(c.vulnerableSubjects, reading)) {
    data += 1;
    note('vulnerableSubjects', 'people', 'S', '+1', c.vulnerableSubjects === 'yes' ? 'Kwetsbare betrokkenen (kinderen, patiënten, cliënten in zorg).' : 'Onbekend of er kwetsbare betrokkenen zijn: voor de meldplicht meegeteld.', c.vulnerableSubjects === 'yes' ? 'Vulnerable people (children, patients, clients in care).' : 'Unknown whether vulnerable people are affected: counted for reporting.');
  }
  if (reading === 'report' && c.moreDataPossible !== 'no') {
    data += 1;
    note('moreDataPossible', 'people', 'S', '+1', 'Mogelijk zijn meer of andere gegevens betrokken dan nu bekend.', 'More or other data than known may be involved.');
  }
  const scale = scaleBonus(c, reading);
  if (scale > 0) {
    note('subjectCount', 'people', 'S', `+${scale}`,
      c.subjectCount === null ? 'Aantal betrokkenen onbekend: voor de meldplicht als 1 000 gerekend.' : `Omvang: ${peopleCounted(c, reading)} betrokkenen.`,
      c.subjectCount === null ? 'Number of people unknown: counted as 1,000 for reporting.' : `Scale: ${peopleCounted(c, reading)} people affected.`);
  }
  const dataSeverity = clamp(data + scale, 0, 4);

  const aspects: AspectLevels[] = [];
  if (c.confidentiality.extent !== 'none') aspects.push({ aspect: 'confidentiality', severity: dataSeverity, likelihood: confidentialityLikelihood(c, reading, note) });
  if (c.integrity.extent !== 'none') {
    const likelihood = c.integrity.extent === 'unrecoverable' ? 2 : 0;
    note('integrity', 'integrity', 'L', `= ${likelihood}`, c.integrity.extent === 'unrecoverable' ? 'Gegevens gewijzigd en niet te herstellen.' : 'Gegevens gewijzigd, maar hersteld.', c.integrity.extent === 'unrecoverable' ? 'Data altered and not recoverable.' : 'Data altered, but restored.');
    aspects.push({ aspect: 'integrity', severity: dataSeverity, likelihood });
  }
  if (c.availability.extent !== 'none') aspects.push(availabilityLevels(c, reading, scale, note));
  return { aspects, lines };
}

type Note = (factor: string, aspect: FactorLine['aspect'], on: 'S' | 'L', effect: string | null, nl: string, en: string) => void;

function confidentialityLikelihood(c: RiskCriteria, reading: Reading, note: Note): number {
  const conf = c.confidentiality;
  if (unintelligibleData(c)) {
    note('encryption', 'confidentiality', 'L', '= 0', 'Versleuteld of gehasht volgens de stand van de techniek, sleutel niet gelekt: onleesbaar voor wie de gegevens kreeg (art. 34(3)(a)).', 'Encrypted or hashed to the state of the art, key not compromised: unintelligible to whoever got the data (art. 34(3)(a)).');
    return 0;
  }
  if (c.encryption.state === 'encrypted' || c.encryption.state === 'hashed') {
    note('encryption.keyCompromised', 'confidentiality', 'L', null, c.encryption.keyCompromised === 'yes' ? 'Versleuteld, maar de sleutel is gelekt: telt als onversleuteld.' : 'Versleuteld, maar niet vast staat dat de sleutel veilig is: telt als onversleuteld.', c.encryption.keyCompromised === 'yes' ? 'Encrypted, but the key leaked: counts as unencrypted.' : 'Encrypted, but it is not established that the key is safe: counts as unencrypted.');
  }
  if (c.data.publiclyAvailable && !c.data.profilingPossible) {
    note('data.publiclyAvailable', 'confidentiality', 'L', '= 0', 'De gegevens waren al openbaar: het lek voegt niets toe.', 'The data were already public: the breach adds nothing.');
    return 0;
  }
  let l = 0;
  // Data open for weeks are likelier to have been found, whether they lay open or went to a recipient who kept them.
  const longExposure = () => {
    if (c.exposureDuration === 'weeks' || (c.exposureDuration === 'unknown' && reading === 'report')) {
      l += 1;
      note('exposureDuration', 'confidentiality', 'L', '+1', c.exposureDuration === 'weeks' ? 'Weken of langer blootgesteld.' : 'Onbekend hoe lang blootgesteld: voor de meldplicht als lang gerekend.', c.exposureDuration === 'weeks' ? 'Exposed for weeks or longer.' : 'Unknown how long exposed: counted as long for reporting.');
    }
  };
  if (conf.extent === 'possible') {
    l = 1;
    note('confidentiality.extent', 'confidentiality', 'L', '= 1', 'Blootgesteld, zonder aanwijzing dat iemand de gegevens zag.', 'Exposed, with no evidence that anyone saw the data.');
    longExposure();
    if (c.remoteWipe === 'yes' && l > 0) {
      l -= 1;
      note('remoteWipe', 'confidentiality', 'L', '−1', 'Het apparaat is op afstand gewist.', 'The device was wiped remotely.');
    }
  } else {
    const deleted = conf.returnedOrDeleted === 'yes';
    if (conf.recipient === 'trusted') {
      l = deleted ? 0 : 1;
      note('confidentiality.recipient', 'confidentiality', 'L', `= ${l}`, deleted ? 'Vertrouwde ontvanger (geheimhouding, vaste relatie) die de gegevens teruggaf of verwijderde.' : 'Vertrouwde ontvanger; niet bevestigd dat die de gegevens verwijderde.', deleted ? 'Trusted recipient (bound to secrecy, ongoing relationship) who returned or deleted the data.' : 'Trusted recipient; deletion not confirmed.');
    } else if (conf.recipient === 'known') {
      l = deleted ? 1 : 2;
      note('confidentiality.recipient', 'confidentiality', 'L', `= ${l}`, deleted ? 'Bekende ontvanger die verwijderen bevestigde.' : 'Bekende ontvanger die de gegevens hield of van wie dat onbekend is.', deleted ? 'Known recipient who confirmed deletion.' : 'Known recipient who kept the data, or it is unknown whether they did.');
    } else {
      l = 2;
      note('confidentiality.recipient', 'confidentiality', 'L', '= 2', 'Onbekende ontvanger(s).', 'Unknown recipient(s).');
    }
    // A trusted recipient who deleted the data took the likelihood away, however long it took.
    if (l > 0) longExposure();
    const count = c.recipientCount === 'unknown' ? (reading === 'report' ? 'many' : 'one') : c.recipientCount;
    if (count === 'public') {
      l = 3;
      note('recipientCount', 'confidentiality', 'L', '= 3', 'Openbaar gemaakt.', 'Made public.');
    } else if (count === 'many') {
      l += 1;
      note('recipientCount', 'confidentiality', 'L', '+1', c.recipientCount === 'many' ? 'Veel ontvangers (bv. een verzendlijst).' : 'Onbekend hoeveel ontvangers: voor de meldplicht als veel gerekend.', c.recipientCount === 'many' ? 'Many recipients (e.g. a mailing list).' : 'Unknown how many recipients: counted as many for reporting.');
    }
  }
  if (TRI_WORSE(c.malicious, reading)) {
    l += 1;
    note('malicious', 'confidentiality', 'L', '+1', c.malicious === 'yes' ? 'Kwade opzet (hack, diefstal): wie de gegevens heeft, wil ze gebruiken.' : 'Onbekend of er kwade opzet was: voor de meldplicht meegeteld.', c.malicious === 'yes' ? 'Malicious intent (hacking, theft): whoever has the data means to use it.' : 'Unknown whether there was malicious intent: counted for reporting.');
  }
  if (c.identification === 'negligible' && l > 0) {
    l -= 1;
    note('identification', 'confidentiality', 'L', '−1', 'De betrokkenen zijn uit deze gegevens nauwelijks te herkennen (goed gepseudonimiseerd).', 'The people can hardly be identified from these data (properly pseudonymised).');
  }
  if (c.misused === 'yes' || c.accountTakeover === 'yes') {
    l = 3;
    note(c.misused === 'yes' ? 'misused' : 'accountTakeover', 'confidentiality', 'L', '= 3', 'De gegevens zijn al misbruikt.', 'The data were already misused.');
  }
  return clamp(l, 0, 3);
}

function availabilityLevels(c: RiskCriteria, reading: Reading, scale: number, note: Note): AspectLevels {
  const av = c.availability;
  let likelihood = { temporary: 0, prolonged: 1, permanent: 2, none: 0 }[av.extent];
  note('availability', 'availability', 'L', `= ${likelihood}`, AVAILABILITY_WORDS[av.extent].nl, AVAILABILITY_WORDS[av.extent].en);
  if (av.backupAvailable === 'yes' && likelihood > 0) {
    likelihood -= 1;
    note('availability.backupAvailable', 'availability', 'L', '−1', 'Een back-up maakt tijdig herstel mogelijk.', 'A backup allows timely restoration.');
  }
  const impact = c.unavailabilityImpact === 'unknown' ? (reading === 'report' ? 3 : 1) : IMPACT_LEVEL[c.unavailabilityImpact];
  note('unavailabilityImpact', 'availability', 'S', `= ${impact}`, IMPACT_WORDS[c.unavailabilityImpact].nl, IMPACT_WORDS[c.unavailabilityImpact].en);
  let severity = impact;
  if (c.criticalService && impact > 0) {
    severity += 1;
    note('criticalService', 'availability', 'S', '+1', 'De verwerkingsverantwoordelijke levert zorg of een dienst waar mensen van afhangen.', 'The controller provides care or a service people depend on.');
  }
  return { aspect: 'availability', severity: clamp(severity + (impact > 0 ? scale : 0), 0, 4), likelihood };
}

/** A risk (art. 33): possible harm of some weight, or harm of any kind that is as good as certain. */
export const isRisk = (a: AspectLevels) => a.likelihood >= 1 && (a.severity >= 1 || a.likelihood >= 3);
/** A high risk (art. 34): significant harm that is likely, or severe harm that is possible. */
export const isHighRisk = (a: AspectLevels) => a.likelihood >= 1 && a.severity >= 2 && a.severity + a.likelihood >= 4;

const NATURE_WORDS = {
  simple: { nl: 'Eenvoudige gegevens (naam, contactgegevens).', en: 'Simple data (name, contact details).' },
  behavioural: { nl: 'Gedragsgegevens (locatie, gewoonten, aankopen).', en: 'Behavioural data (location, habits, purchases).' },
  financial: { nl: 'Financiële gegevens.', en: 'Financial data.' },
  sensitive: { nl: 'Gevoelige gegevens (gezondheid, bijzondere persoonsgegevens).', en: 'Sensitive data (health, special categories).' },
  unknown: { nl: 'Onbekend welke gegevens: als gevoelig gerekend.', en: 'Unknown which data: counted as sensitive.' },
} as const;
const CONSEQUENCE_WORDS = {
  unknown: { nl: '', en: '' },
  negligible: { nl: 'Oordeel over de gevolgen: verwaarloosbaar.', en: 'Judged consequences: negligible.' },
  limited: { nl: 'Oordeel over de gevolgen: beperkt (ongemak, geen blijvende schade).', en: 'Judged consequences: limited (inconvenience, no lasting harm).' },
  significant: { nl: 'Oordeel over de gevolgen: aanzienlijk (financieel verlies, stress, reputatie).', en: 'Judged consequences: significant (financial loss, distress, reputation).' },
  severe: { nl: 'Oordeel over de gevolgen: ernstig (identiteitsfraude, discriminatie, fysiek gevaar).', en: 'Judged consequences: severe (identity fraud, discrimination, physical danger).' },
} as const;
const AVAILABILITY_WORDS = {
  none: { nl: '', en: '' },
  temporary: { nl: 'Kort niet beschikbaar en tijdig hersteld.', en: 'Briefly unavailable and restored in good time.' },
  prolonged: { nl: 'Langdurig niet beschikbaar.', en: 'Unavailable for a long time.' },
  permanent: { nl: 'Blijvend verloren.', en: 'Permanently lost.' },
} as const;
const IMPACT_WORDS = {
  none: { nl: 'Onbeschikbaarheid raakte de betrokkenen niet.', en: 'The unavailability did not affect the people.' },
  minor: { nl: 'Onbeschikbaarheid: gering ongemak.', en: 'Unavailability: minor inconvenience.' },
  significant: { nl: 'Onbeschikbaarheid: merkbare gevolgen voor de betrokkenen.', en: 'Unavailability: noticeable consequences for the people.' },
  serious: { nl: 'Onbeschikbaarheid: ernstige gevolgen (bv. voor zorg of levensonderhoud).', en: 'Unavailability: serious consequences (e.g. for care or livelihood).' },
  unknown: { nl: 'Onbekend wat de onbeschikbaarheid voor de betrokkenen betekende: voor de meldplicht als ernstig gerekend.', en: 'Unknown what the unavailability meant for the people: counted as serious for reporting.' },
} as const;
