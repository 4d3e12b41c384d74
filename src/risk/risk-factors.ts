import type { Words } from './enisa-severity';
import type { RiskCriteria } from './risk-criteria.schema';

/**
 * Every answer the method weighs, with its values from milder to worse. One table serves three
 * purposes: the property test walks each chain and checks that the advice never gets milder,
 * "what would change the advice" tries the neighbouring values, and the form and the reasons
 * name the answers in the same words. A chain is a total order valid for both questions; where
 * "unknown" sits between two values only for some of them, the factor has a second chain.
 */
export type Value = string | number | boolean | null;

export interface Factor {
  key: string;
  question: Words;
  chains: Value[][];
  /** Mitigations the controller can establish or bring about; tried first after unknowns. */
  mitigation?: boolean;
  /** The chain only holds when this is true of the other answers (e.g. a recipient needs a disclosure). */
  applies?: (c: RiskCriteria) => boolean;
  words: (v: Value) => Words;
}

const w = (nl: string, en: string): Words => ({ nl, en });
const TRI_WORDS: Record<string, Words> = { yes: w('ja', 'yes'), no: w('nee', 'no'), unknown: w('onbekend', 'unknown') };
const tri = (v: Value) => TRI_WORDS[String(v)];
const bool = (v: Value) => (v ? w('ja', 'yes') : w('nee', 'no'));
const table = (t: Record<string, Words>) => (v: Value) => t[String(v)] ?? w(String(v), String(v));
const count = (v: Value) => (v === null ? w('onbekend', 'unknown') : w(v.toLocaleString('nl-NL'), v.toLocaleString('en-GB')));

export const VALUE_WORDS = {
  nature: { simple: w('eenvoudig (naam, contactgegevens)', 'simple (name, contact details)'), behavioural: w('gedrag (locatie, gewoonten, aankopen)', 'behavioural (location, habits, purchases)'), financial: w('financieel', 'financial'), sensitive: w('gevoelig (gezondheid, bijzondere persoonsgegevens)', 'sensitive (health, special categories)'), unknown: w('onbekend', 'unknown') },
  consequences: { unknown: w('nog niet beoordeeld (volgt de gegevens)', 'not judged yet (follows the data)'), negligible: w('verwaarloosbaar', 'negligible'), limited: w('beperkt (ongemak)', 'limited (inconvenience)'), significant: w('aanzienlijk (financieel verlies, stress, reputatie)', 'significant (financial loss, distress, reputation)'), severe: w('ernstig (identiteitsfraude, discriminatie, fysiek gevaar)', 'severe (identity fraud, discrimination, physical danger)') },
  exposureDuration: { hours: w('uren', 'hours'), days: w('dagen', 'days'), weeks: w('weken of langer', 'weeks or longer'), unknown: w('onbekend', 'unknown') },
  recipientCount: { one: w('één', 'one'), few: w('enkele', 'a few'), many: w('veel (bv. een verzendlijst)', 'many (e.g. a mailing list)'), public: w('openbaar gemaakt', 'made public'), unknown: w('onbekend', 'unknown') },
  unavailabilityImpact: { none: w('geen', 'none'), minor: w('gering ongemak', 'minor inconvenience'), significant: w('merkbare gevolgen', 'noticeable consequences'), serious: w('ernstig (zorg, levensonderhoud)', 'serious (care, livelihood)'), unknown: w('onbekend', 'unknown') },
  recipient: { none: w('geen', 'none'), trusted: w('vertrouwd (geheimhouding, vaste relatie)', 'trusted (bound to secrecy, ongoing relationship)'), known: w('bekend', 'known'), unknown: w('onbekend', 'unknown') },
  extent: { none: w('niet geraakt', 'not affected'), possible: w('mogelijk ingezien', 'possibly seen'), disclosed: w('ingezien of verstrekt', 'seen or disclosed') },
  integrity: { none: w('niet geraakt', 'not affected'), recoverable: w('gewijzigd, hersteld', 'altered, restored'), unrecoverable: w('gewijzigd, niet te herstellen', 'altered, not recoverable') },
  availability: { none: w('niet geraakt', 'not affected'), temporary: w('kort, tijdig hersteld', 'briefly, restored in good time'), prolonged: w('langdurig', 'for a long time'), permanent: w('blijvend verloren', 'permanently lost') },
  encryption: { none: w('geen', 'none'), partly: w('gedeeltelijk', 'partly'), encrypted: w('versleuteld (stand van de techniek)', 'encrypted (state of the art)'), hashed: w('gehasht met geheime sleutel/salt', 'hashed with a secret key/salt') },
  identification: { negligible: w('verwaarloosbaar (goed gepseudonimiseerd)', 'negligible (properly pseudonymised)'), limited: w('beperkt', 'limited'), significant: w('aanzienlijk', 'significant'), maximum: w('direct herleidbaar', 'directly identifying') },
} as const;

const at = (c: any, path: string) => path.split('.').reduce((node, key) => node?.[key], c);
const disclosed = (c: RiskCriteria) => c.confidentiality.extent === 'disclosed';
const notTrusted = (c: RiskCriteria) => c.confidentiality.recipient !== 'trusted';

export const FACTORS: Factor[] = [
  { key: 'confidentiality.returnedOrDeleted', question: w('Ontvanger gaf de gegevens terug of verwijderde ze', 'Recipient returned or deleted the data'), chains: [['yes', 'unknown', 'no']], mitigation: true, applies: disclosed, words: tri },
  { key: 'encryption.keyCompromised', question: w('Sleutel gelekt', 'Key compromised'), chains: [['no', 'unknown', 'yes']], mitigation: true, words: tri },
  { key: 'encryption.state', question: w('Versleuteling', 'Encryption'), chains: [['encrypted', 'partly', 'none'], ['hashed', 'partly']], mitigation: true, words: table(VALUE_WORDS.encryption) },
  { key: 'laterMeasuresRemoveHighRisk', question: w('Latere maatregelen nemen het hoge risico weg (art. 34(3)(b))', 'Later measures remove the high risk (art. 34(3)(b))'), chains: [[true, false]], mitigation: true, words: bool },
  { key: 'availability.backupAvailable', question: w('Bruikbare back-up', 'Usable backup'), chains: [['yes', 'unknown', 'no']], mitigation: true, words: tri },
  { key: 'remoteWipe', question: w('Apparaat op afstand gewist', 'Device wiped remotely'), chains: [['yes', 'unknown', 'no']], mitigation: true, words: tri },
  { key: 'data.publiclyAvailable', question: w('Gegevens waren al openbaar', 'Data were already public'), chains: [[true, false]], words: bool },
  { key: 'confidentiality.recipient', question: w('Ontvanger', 'Recipient'), chains: [['trusted', 'known', 'unknown']], applies: disclosed, words: table(VALUE_WORDS.recipient) },
  { key: 'recipientCount', question: w('Aantal ontvangers', 'Number of recipients'), chains: [['one', 'few', 'unknown', 'many', 'public']], applies: disclosed, words: table(VALUE_WORDS.recipientCount) },
  { key: 'malicious', question: w('Kwade opzet', 'Malicious intent'), chains: [['no', 'unknown', 'yes']], words: tri },
  { key: 'exposureDuration', question: w('Duur van de blootstelling', 'Exposure duration'), chains: [['hours', 'days', 'unknown', 'weeks']], words: table(VALUE_WORDS.exposureDuration) },
  { key: 'misused', question: w('Al misbruikt', 'Already misused'), chains: [['no', 'unknown', 'yes']], words: tri },
  { key: 'accountTakeover', question: w('Accounts overgenomen', 'Accounts taken over'), chains: [['no', 'unknown', 'yes']], words: tri },
  { key: 'moreDataPossible', question: w('Mogelijk meer gegevens dan bekend', 'Possibly more data than known'), chains: [['no', 'unknown', 'yes']], words: tri },
  { key: 'data.nature', question: w('Aard van de gegevens', 'Nature of the data'), chains: [['simple', 'behavioural', 'financial', 'sensitive', 'unknown']], applies: (c) => !c.data.specialCategories, words: table(VALUE_WORDS.nature) },
  { key: 'data.specialCategories', question: w('Bijzondere persoonsgegevens', 'Special categories'), chains: [[false, true]], applies: (c) => c.data.nature === 'sensitive', words: bool },
  { key: 'data.nationalId', question: w('BSN of identiteitsbewijs', 'National ID number or identity document'), chains: [[false, true]], words: bool },
  { key: 'data.credentials', question: w('Inloggegevens', 'Credentials'), chains: [[false, true]], words: bool },
  { key: 'data.profilingPossible', question: w('Genoeg gegevens voor een profiel', 'Enough data for a profile'), chains: [[false, true]], words: bool },
  { key: 'consequences', question: w('Ernst van de gevolgen', 'Severity of the consequences'), chains: [['negligible', 'limited', 'significant', 'severe'], ['negligible', 'unknown', 'severe']], words: table(VALUE_WORDS.consequences) },
  { key: 'permanentConsequences', question: w('Gevolgen blijvend', 'Consequences lasting'), chains: [['no', 'unknown', 'yes']], words: tri },
  { key: 'vulnerableSubjects', question: w('Kwetsbare betrokkenen', 'Vulnerable people'), chains: [['no', 'unknown', 'yes']], words: tri },
  { key: 'identification', question: w('Herleidbaarheid', 'Ease of identification'), chains: [['negligible', 'limited', 'significant', 'maximum']], words: table(VALUE_WORDS.identification) },
  { key: 'subjectCount', question: w('Aantal betrokkenen', 'Number of people'), chains: [[0, 10, 999, null, 1000, 9999, 10_000, 999_999, 1_000_000]], words: count },
  { key: 'secondGroupCount', question: w('Aantal in de tweede, minder blootgestelde groep', 'Number in the second, lesser-exposed group'), chains: [[null, 0, 999, 1000, 20_000, 2_000_000]], words: count },
  { key: 'confidentiality.extent', question: w('Vertrouwelijkheid', 'Confidentiality'), chains: [['none', 'possible', 'disclosed']], applies: notTrusted, words: table(VALUE_WORDS.extent) },
  { key: 'integrity.extent', question: w('Integriteit', 'Integrity'), chains: [['none', 'recoverable', 'unrecoverable']], words: table(VALUE_WORDS.integrity) },
  { key: 'availability.extent', question: w('Beschikbaarheid', 'Availability'), chains: [['none', 'temporary', 'prolonged', 'permanent']], words: table(VALUE_WORDS.availability) },
  { key: 'unavailabilityImpact', question: w('Gevolgen van de onbeschikbaarheid', 'Impact of the unavailability'), chains: [['none', 'minor', 'significant', 'serious'], ['minor', 'unknown', 'serious']], words: table(VALUE_WORDS.unavailabilityImpact) },
  { key: 'criticalService', question: w('Zorg of een dienst waar mensen van afhangen', 'Care or a service people depend on'), chains: [[false, true]], words: bool },
];

export const valueOf = (c: RiskCriteria, key: string): Value => at(c, key) as Value;

export function withValue(c: RiskCriteria, key: string, value: Value): RiskCriteria {
  const next = structuredClone(c) as any;
  const keys = key.split('.');
  let node = next;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys.at(-1)!] = value;
  return next;
}

/** The answers the form allows together (the schema's consistency rules). */
export function consistent(c: RiskCriteria): boolean {
  if (c.confidentiality.extent === 'none' && c.confidentiality.recipient !== 'none') return false;
  if (c.data.specialCategories && c.data.nature !== 'sensitive') return false;
  return true;
}

/** The values of a factor ordered milder → worse (all chains merged, each value once, unknown where its chains put it). */
export function orderedValues(f: Factor): Value[] {
  const out: Value[] = [];
  for (const chain of f.chains) for (const v of chain) if (!out.includes(v)) out.splice(insertAt(out, chain, v), 0, v);
  return out;
}

function insertAt(out: Value[], chain: Value[], v: Value): number {
  const i = chain.indexOf(v);
  const before = chain.slice(0, i).filter((x) => out.includes(x)).map((x) => out.indexOf(x));
  return before.length ? Math.max(...before) + 1 : 0;
}
