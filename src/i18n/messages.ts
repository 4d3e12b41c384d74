/**
 * Words the product says, in Dutch and English. Notices use the agreement's language;
 * pages the reader's.
 */
export type Language = 'nl' | 'en';

const nl = {
  notYetKnown: 'nog niet bekend',
  none: 'geen',
  unknown: 'onbekend',
  subjectInitial: 'Melding datalek {reference} – {processor}',
  subjectSuspicion: 'Melding mogelijk datalek {reference} – {processor}',
  subjectSupplement: 'Aanvulling {version} op melding datalek {reference} – {processor}',
  headingInitial: 'Melding van een datalek',
  headingSuspicion: 'Melding van een mogelijk datalek',
  headingSupplement: 'Aanvulling op de melding van een datalek',
  headingFinal: 'Eindmelding van een datalek',
  headingPreliminary: 'Voorlopige melding van een datalek',
  subjectFinal: 'Eindmelding {version} datalek {reference} – {processor}',
  subjectPreliminary: 'Voorlopige melding datalek {reference} – {processor}',
  introFinal: 'Geachte {contact}, dit is de eindmelding van {processor} over de inbreuk die {controller} betreft: de stand van zaken bij het afsluiten.',
  introPreliminary: 'Geachte {contact}, {processor} stuurt u deze voorlopige melding automatisch, binnen de termijn van de verwerkersovereenkomst, met wat nu bekend is over een (mogelijke) inbreuk die {controller} betreft. Een aanvulling volgt.',
  intro: 'Geachte {contact}, {processor} meldt u als verwerker een inbreuk in verband met persoonsgegevens die {controller} betreft. Velden die nog niet bekend zijn, vullen wij aan zodra ze bekend worden.',
  introSuspicion: 'Geachte {contact}, {processor} meldt u als verwerker een vermoedelijke inbreuk in verband met persoonsgegevens die {controller} betreft. Het onderzoek loopt; wij vullen deze melding aan zodra er meer bekend is.',
  changesHeading: 'Wat is er gewijzigd sinds de vorige versie',
  changeFromTo: 'was: {from} – nu: {to}',
  reference: 'Kenmerk',
  version: 'Versie',
  summary: 'Samenvatting',
  discoveredAt: 'Bij ons bekend geworden op',
  discoveredBySubProcessor: 'Ontdekt door sub-verwerker {name}',
  deadline: 'Termijn volgens de verwerkersovereenkomst',
  deadlineAt: 'uiterlijk {at}',
  lateReason: 'Reden van de vertraging',
  ackIntro: 'Bevestig alstublieft de ontvangst van deze melding. Uw 72-uurstermijn voor een eventuele melding aan de Autoriteit Persoonsgegevens loopt vanaf het moment dat deze melding u bereikte.',
  ackButton: 'Ontvangst bevestigen',
  contactUs: 'Vragen? Neem contact op met {name} ({role}), {email}, {phone}.',
  sms: 'Datalek-melding {reference} van {processor} voor {controllerEnd} Lees en bevestig: {link}',
  smsSupplement: 'Aanvulling {version} op datalek-melding {reference} van {processor} voor {controllerEnd} Lees en bevestig: {link}',
  field_nature: 'Aard van de inbreuk',
  field_cause: '(Vermoedelijke) oorzaak',
  field_subjectCategories: 'Categorieën betrokkenen',
  field_subjectCount: 'Aantal betrokkenen (bij benadering)',
  field_dataCategories: 'Categorieën persoonsgegevens',
  field_specialCategories: 'Bijzondere persoonsgegevens (art. 9 AVG)',
  field_recordCount: 'Aantal getroffen registers/records',
  field_occurred: 'Wanneer de inbreuk plaatsvond',
  field_encryption: 'Versleuteling of hashing',
  field_consequences: 'Bekende en te verwachten gevolgen voor betrokkenen',
  field_measures: 'Genomen en voorgenomen maatregelen',
  field_contactPoint: 'Contactpunt voor de opvolging',
  field_informedParties: 'Wie al is geïnformeerd',
  field_summary: 'Samenvatting',
  field_suspicion: 'Vermoeden (nog niet vastgesteld)',
  field_discoveredAt: 'Bij ons bekend geworden op',
  field_subProcessorName: 'Sub-verwerker',
  field_subProcessorDiscoveredAt: 'Bij de sub-verwerker bekend geworden op',
  kind_confidentiality: 'vertrouwelijkheid',
  kind_integrity: 'integriteit',
  kind_availability: 'beschikbaarheid',
  action_read: 'ingezien',
  action_copied: 'gekopieerd',
  action_altered: 'gewijzigd',
  action_deleted: 'verwijderd',
  action_destroyed: 'vernietigd',
  action_stolen: 'gestolen',
  action_lost: 'verloren',
  encryption_encrypted: 'versleuteld',
  encryption_hashed: 'gehasht',
  encryption_partly: 'gedeeltelijk versleuteld',
  encryption_none: 'niet versleuteld',
  measuresPlanned: 'gepland',
  from: 'van',
  until: 'tot',
  yes: 'ja',
  no: 'nee',
  ackPageTitle: 'Melding datalek {reference}',
  ackDone: 'Ontvangst bevestigd op {at}. Dank u wel.',
  ackFor: 'Voor {contact}, {controller}',
  versionSent: 'Versie {version}, verzonden {at}',
  language: 'Taal',
};

type Catalog = typeof nl;

const en: Catalog = {
  notYetKnown: 'not yet known',
  none: 'none',
  unknown: 'unknown',
  subjectInitial: 'Personal data breach notice {reference} – {processor}',
  subjectSuspicion: 'Notice of a possible personal data breach {reference} – {processor}',
  subjectSupplement: 'Supplement {version} to breach notice {reference} – {processor}',
  headingInitial: 'Notice of a personal data breach',
  headingSuspicion: 'Notice of a possible personal data breach',
  headingSupplement: 'Supplement to a personal data breach notice',
  headingFinal: 'Final notice of a personal data breach',
  headingPreliminary: 'Preliminary notice of a personal data breach',
  subjectFinal: 'Final notice {version} on breach {reference} – {processor}',
  subjectPreliminary: 'Preliminary breach notice {reference} – {processor}',
  introFinal: 'Dear {contact}, this is the final notice from {processor} on the breach concerning {controller}: the state of affairs at closing.',
  introPreliminary: 'Dear {contact}, {processor} sends you this preliminary notice automatically, within the term of the data processing agreement, with what is known now about a (possible) breach concerning {controller}. A supplement will follow.',
  intro: 'Dear {contact}, as your processor, {processor} notifies you of a personal data breach concerning {controller}. Fields not yet known will follow in a supplement as soon as they are known.',
  introSuspicion: 'Dear {contact}, as your processor, {processor} notifies you of a suspected personal data breach concerning {controller}. The investigation continues; we will supplement this notice as soon as more is known.',
  changesHeading: 'What changed since the previous version',
  changeFromTo: 'was: {from} – now: {to}',
  reference: 'Reference',
  version: 'Version',
  summary: 'Summary',
  discoveredAt: 'Became known to us on',
  discoveredBySubProcessor: 'Discovered by sub-processor {name}',
  deadline: 'Deadline under the data processing agreement',
  deadlineAt: 'at the latest {at}',
  lateReason: 'Reason for the delay',
  ackIntro: "Please acknowledge receipt of this notice. Your 72-hour term for a possible report to the Dutch DPA (Autoriteit Persoonsgegevens) runs from the moment this notice reached you.",
  ackButton: 'Acknowledge receipt',
  contactUs: 'Questions? Contact {name} ({role}), {email}, {phone}.',
  sms: 'Data breach notice {reference} from {processor} for {controllerEnd} Read and acknowledge: {link}',
  smsSupplement: 'Supplement {version} to data breach notice {reference} from {processor} for {controllerEnd} Read and acknowledge: {link}',
  field_nature: 'Nature of the breach',
  field_cause: '(Suspected) cause',
  field_subjectCategories: 'Categories of data subjects',
  field_subjectCount: 'Number of data subjects (approximate)',
  field_dataCategories: 'Categories of personal data',
  field_specialCategories: 'Special categories of data (GDPR art. 9)',
  field_recordCount: 'Number of records affected',
  field_occurred: 'When the breach happened',
  field_encryption: 'Encryption or hashing',
  field_consequences: 'Known and likely consequences for data subjects',
  field_measures: 'Measures taken and planned',
  field_contactPoint: 'Contact point for follow-up',
  field_informedParties: 'Who has been informed already',
  field_summary: 'Summary',
  field_suspicion: 'Suspicion (not yet established)',
  field_discoveredAt: 'Became known to us on',
  field_subProcessorName: 'Sub-processor',
  field_subProcessorDiscoveredAt: 'Became known to the sub-processor on',
  kind_confidentiality: 'confidentiality',
  kind_integrity: 'integrity',
  kind_availability: 'availability',
  action_read: 'read',
  action_copied: 'copied',
  action_altered: 'altered',
  action_deleted: 'deleted',
  action_destroyed: 'destroyed',
  action_stolen: 'stolen',
  action_lost: 'lost',
  encryption_encrypted: 'encrypted',
  encryption_hashed: 'hashed',
  encryption_partly: 'partly encrypted',
  encryption_none: 'not encrypted',
  measuresPlanned: 'planned',
  from: 'from',
  until: 'until',
  yes: 'yes',
  no: 'no',
  ackPageTitle: 'Data breach notice {reference}',
  ackDone: 'Receipt acknowledged on {at}. Thank you.',
  ackFor: 'For {contact}, {controller}',
  versionSent: 'Version {version}, sent {at}',
  language: 'Language',
};

export type MessageKey = keyof Catalog;
const catalogs: Record<Language, Catalog> = { nl, en };

/** A message with `{name}` placeholders filled in. */
export function t(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function hasMessage(key: string): key is MessageKey {
  return key in nl;
}

/**
 * One formatter per language, made once: each new Intl.DateTimeFormat costs about 30 kB of
 * memory outside the JavaScript heap, which the garbage collector does not see, so a page
 * with hundreds of dates grew the process by megabytes per request (benchmark 4).
 */
const dateTimeFormats: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
};

/** Dates as a Dutch or English reader expects them, in Dutch time. */
export function formatDateTime(language: Language, iso: string): string {
  return dateTimeFormats[language === 'nl' ? 'nl' : 'en'].format(new Date(iso));
}
