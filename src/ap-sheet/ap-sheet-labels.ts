import type { Language } from '../i18n/messages';

/**
 * The words of the AP sheet, in the order and with the chapter titles of the AP's online
 * form ("Meldformulier datalekken"), Dutch first; English on request.
 */
type Pair = readonly [nl: string, en: string];

export const CHAPTERS: ReadonlyArray<{ key: string; title: Pair; fields: ReadonlyArray<readonly [key: string, label: Pair]> }> = [
  { key: 'report', title: ['1. Soort melding en grondslag', '1. Kind of report and legal basis'], fields: [
    ['kind', ['Soort melding', 'Kind of report']],
    ['meldnummer', ['Meldnummer (bij een vervolgmelding)', 'AP reference number (for a follow-up)']],
    ['completeness', ['Volledig of voorlopig', 'Complete or preliminary']],
    ['legalBasis', ['Melding op grond van', 'Reported under']],
  ] },
  { key: 'international', title: ['2. Internationale aspecten', '2. International aspects'], fields: [
    ['crossBorder', ['Betrokkenen in andere EU-landen', 'Data subjects in other EU countries']],
    ['otherAuthorities', ['Ook gemeld bij toezichthouders in andere landen', 'Also reported to authorities in other countries']],
  ] },
  { key: 'organisation', title: ['3. De organisatie', '3. The organisation'], fields: [
    ['name', ['Naam organisatie', 'Name of the organisation']],
    ['kvkNumber', ['KvK-nummer', 'Chamber of Commerce (KvK) number']],
    ['fgRegistrationNumber', ['Registratienummer FG bij de AP', 'DPO registration number at the AP']],
    ['sector', ['Sector', 'Sector']],
    ['city', ['Vestigingsplaats', 'City']],
    ['reporter', ['Melder', 'Reporter']],
    ['contact', ['Contactpersoon voor de AP', 'Contact person for the AP']],
    ['otherOrganisations', ['Andere betrokken organisaties (verwerker, sub-verwerker)', 'Other organisations involved (processor, sub-processor)']],
  ] },
  { key: 'timeline', title: ['4. Tijdlijn', '4. Timeline'], fields: [
    ['start', ['Begin van de inbreuk', 'Start of the breach']],
    ['end', ['Einde van de inbreuk', 'End of the breach']],
    ['discoveredAt', ['Ontdekt op (door de verwerker of sub-verwerker)', 'Discovered on (by the processor or sub-processor)']],
    ['howDiscovered', ['Hoe ontdekt', 'How it was discovered']],
    ['controllerAwareAt', ['Bekend bij de verwerkingsverantwoordelijke op', 'Known to the controller on']],
    ['apDeadlineAt', ['Einde 72-uurstermijn', 'End of the 72-hour term']],
    ['reportedAt', ['Gemeld bij de AP op', 'Reported to the AP on']],
    ['lateReason', ['Reden melding na 72 uur', 'Reason for reporting after 72 hours']],
  ] },
  { key: 'breach', title: ['5. De inbreuk', '5. The breach'], fields: [
    ['nature', ['Aard: vertrouwelijkheid, integriteit, beschikbaarheid', 'Nature: confidentiality, integrity, availability']],
    ['incidentKind', ['Soort incident', 'Kind of incident']],
    ['summary', ['Samenvatting', 'Summary']],
    ['cause', ['(Vermoedelijke) oorzaak', '(Suspected) cause']],
  ] },
  { key: 'personalData', title: ['6. Persoonsgegevens', '6. Personal data'], fields: [
    ['categories', ['Soorten persoonsgegevens', 'Categories of personal data']],
    ['specialCategories', ['Bijzondere persoonsgegevens (art. 9 AVG)', 'Special categories (GDPR art. 9)']],
    ['recordCount', ['Aantal records', 'Number of records']],
  ] },
  { key: 'subjects', title: ['7. Betrokkenen', '7. Data subjects'], fields: [
    ['groups', ['Groepen betrokkenen', 'Groups of data subjects']],
    ['vulnerable', ['Kwetsbare groepen (bv. kinderen, patiënten)', 'Vulnerable groups (e.g. children, patients)']],
    ['count', ['Aantal betrokkenen (exact of minimum–maximum)', 'Number of data subjects (exact or minimum–maximum)']],
  ] },
  { key: 'encryption', title: ['8. Versleuteling', '8. Encryption'], fields: [
    ['state', ['Vooraf versleuteld, gehasht of anders onleesbaar', 'Encrypted, hashed or otherwise unintelligible beforehand']],
    ['how', ['Hoe', 'How']],
    ['keyCompromised', ['Sleutel gelekt', 'Key compromised']],
  ] },
  { key: 'consequences', title: ['9. Gevolgen', '9. Consequences'], fields: [
    ['consequences', ['Mogelijke gevolgen voor betrokkenen', 'Possible consequences for data subjects']],
    ['severity', ['Ernst van de gevolgen', 'Severity of the consequences']],
    ['severityBasis', ['Onderbouwing ernst (risicobeoordeling, EDPB 9/2022)', 'Basis of the severity (risk assessment, EDPB 9/2022)']],
  ] },
  { key: 'followUp', title: ['10. Vervolgacties', '10. Follow-up'], fields: [
    ['subjectsInformed', ['Betrokkenen geïnformeerd', 'Data subjects informed']],
    ['subjectsHow', ['Hoe (individueel of openbare mededeling)', 'How (individually or public communication)']],
    ['subjectsReasons', ['Waarom (niet)', 'Why (not)']],
    ['measuresTaken', ['Genomen maatregelen', 'Measures taken']],
    ['measuresPlanned', ['Voorgenomen maatregelen', 'Measures planned']],
  ] },
];

const WORDS = {
  gap: ['ontbreekt – invullen', 'missing – fill in'],
  notRecorded: ['niet vastgelegd in Meldplicht', 'not recorded in Meldplicht'],
  notApplicable: ['n.v.t.', 'n/a'],
  newReport: ['Nieuwe melding', 'New report'],
  followUpOn: ['Vervolg op melding', 'Follow-up on report'],
  complete: ['volledig', 'complete'],
  preliminary: ['voorlopig: nog niet bekend zijn', 'preliminary: not yet known are'],
  legalBasis: ['AVG art. 33 (inbreuk in verband met persoonsgegevens)', 'GDPR art. 33 (personal data breach)'],
  processor: ['verwerker', 'processor'],
  subProcessor: ['sub-verwerker', 'sub-processor'],
  byProcessor: ['ontdekt door de verwerker', 'discovered by the processor'],
  bySubProcessor: ['ontdekt door sub-verwerker', 'discovered by sub-processor'],
  ongoing: ['nog niet beëindigd of onbekend', 'not ended or unknown'],
  yes: ['ja', 'yes'],
  no: ['nee', 'no'],
  unknown: ['onbekend', 'unknown'],
  none: ['geen', 'none'],
  individual: ['individueel', 'individually'],
  public: ['openbare mededeling (art. 34(3)(c))', 'public communication (art. 34(3)(c))'],
  kind_theft: ['apparaat of papieren verloren of gestolen', 'device or papers lost or stolen'],
  kind_malicious: ['hacking, malware of phishing', 'hacking, malware or phishing'],
  kind_misdirected: ['persoonsgegevens verkeerd verstuurd of openbaar gemaakt', 'personal data sent or published by mistake'],
  kind_other: ['anders', 'other'],
  sev_negligible: ['verwaarloosbaar', 'negligible'],
  sev_limited: ['beperkt', 'limited'],
  sev_significant: ['aanzienlijk', 'significant'],
  sev_very_high: ['zeer groot', 'very high'],
  report: ['melding', 'report'],
  supplement: ['aanvulling', 'supplement'],
  correction: ['correctie', 'correction'],
  withdrawal: ['intrekking', 'withdrawal'],
  minMax: ['minimaal {min}, maximaal {max}', 'at least {min}, at most {max}'],
} as const satisfies Record<string, Pair>;

export type SheetWord = keyof typeof WORDS;

export function word(language: Language, key: SheetWord, values: Record<string, string | number> = {}): string {
  return WORDS[key][language === 'nl' ? 0 : 1].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

export function pick(language: Language, pair: Pair): string {
  return pair[language === 'nl' ? 0 : 1];
}
