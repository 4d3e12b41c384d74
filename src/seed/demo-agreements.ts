/**
 * Demo data seeded on first start: one processor ("Demo Verwerker B.V.") and three
 * demo controllers, each with an agreement whose notification terms follow one of the
 * three real Dutch DPAs in ../shared/seeds exactly (000, 001, 002, in that order).
 *
 * Everything that identifies an organisation or person here is invented:
 * - controller names, KvK numbers (9xxxxxxx, fictitious) and people are demo values;
 * - e-mail addresses use only @example.nl / @example.com;
 * - phone numbers use only the fictional range +31 6 0000 xxxx (E.164, "+3160000xxxx").
 * No contact details of real people from the seed texts are used; where a seed names a
 * person (000 art. 7.3, 002 Bijlage 3) that role is filled by a demo person instead.
 * Sub-processor names/addresses are the companies named in the seed annexes (business
 * data, not contacts), so a breach at "their" datacenter can be demonstrated.
 */
import type { ClockStart } from '../domain/deadlines';
import type { Contact } from '../domain/directory.repository';
import type { NoticeFieldKey } from '../domain/notice-fields';

// One definition of each domain type; re-exported for the seed's and importer's callers.
export type { ClockStart, NoticeFieldKey };
export type ContactRole = Contact['role'];
export interface DemoContactSeed {
  key: string;                 // unique within the agreement, used for standInFor
  name: string;
  role: ContactRole;
  email: string;
  phone?: string;              // E.164
  mobile?: string;             // E.164, needed for SMS
  order: number;               // 1 = first to notify
  standInForKey?: string;      // "bij afwezigheid": this contact stands in for that one
  receivesBreachNotice: boolean; // true for the contacts that get the notice directly
}
export interface DemoAgreementSeed {
  controller: { name: string; kvkNumber: string; sector: string; city: string };
  agreement: {
    title: string;             // e.g. "Verwerkersovereenkomst (model T.S.D. The Software Desk, art. 7)"
    seedFile: string;          // the file name in ../shared/seeds it follows
    language: 'nl' | 'en';
    deadlineHours: number | null;   // null = immediately ("onverwijld", no hours)
    clockStart: ClockStart;
    notifySuspicion: boolean;       // must a mere suspicion be notified?
    regardlessOfImpact: boolean;    // notice required regardless of impact?
    triggerText: string;            // short Dutch paraphrase of what triggers a notice, with clause
    deadlineClause: string;         // e.g. "7.1"
    requiredFields: NoticeFieldKey[]; // the fields this agreement's content clause demands
    ackWindowHours: number;         // 2 unless the text says otherwise
    warningShares: number[];        // [0.5, 0.8]
    dataCategories: string[];       // from the annex (Dutch, as written)
    subjectCategories: string[];    // from the annex
    subProcessors: { name: string; address?: string }[];
    retentionMonthsAfterEnd: number | null; // breach records kept after contract end (002 14.7b), null if not stated
    escalationRule: string | null;  // e.g. 001 4.4.2: if unreachable, inform the client's director
  };
  contacts: DemoContactSeed[];     // at least: a breach contact (or support desk) with mobile, the FG/DPO, a stand-in for one of them, and (for 001) the client's director
}
export interface DemoProcessorSeed {
  name: string; kvkNumber: string; city: string;
  contactPoint: { name: string; role: string; email: string; phone: string }; // our point of contact in notices
  securityOfficer: { name: string; email: string; mobile: string };
  director: { name: string; email: string; mobile: string };
}

/**
 * Our own side (the processor). It fills the processor-side roles the seeds name:
 * - 000 art. 7.3: notice "telefonisch/per email via [a named person] of via de Security
 *   Officer" -> contactPoint / securityOfficer;
 * - 001 art. 4.4.2: "een vast contactpersoon vanuit Planning-4" -> contactPoint;
 * - 002 Bijlage 3 "Primair aanspreekpunt Verwerker": FG (e-mail, office-hours phone),
 *   bij afwezigheid the director (e-mail, phone, mobile) -> contactPoint / director.
 */
export const demoProcessor: DemoProcessorSeed = {
  name: 'Demo Verwerker B.V.',
  kvkNumber: '90000001', // fictitious
  city: 'Amersfoort',
  contactPoint: {
    name: 'Ilse Voorbeeld',
    role: 'Functionaris gegevensbescherming / vast contactpersoon datalekken',
    email: 'privacy@example.nl',
    phone: '+31600000001',
  },
  securityOfficer: {
    name: 'Ruben Proefmans',
    email: 'security-officer@example.nl',
    mobile: '+31600000002',
  },
  director: {
    name: 'Anouk Demo',
    email: 'directie@example.nl',
    mobile: '+31600000003',
  },
};

export const demoAgreements: DemoAgreementSeed[] = [
  /**
   * 000 — T.S.D. The Software Desk B.V. (Planning.nl), project-/resource-planning SaaS.
   * - deadlineHours 24, clockStart processor_discovery: art. 7.1 "binnen 24 uur nadat het
   *   lek bij hem bekend is geworden" ("hem" = Verwerker).
   * - notifySuspicion false: art. 7.2 "maar alleen als de gebeurtenis zich daadwerkelijk
   *   voorgedaan heeft".
   * - regardlessOfImpact true: art. 7.2 "Een melding moet altijd worden gedaan"; 7.1 covers
   *   "beveiligingslek en/of datalek" and the datalek definition already includes a mere
   *   "kans op nadelige gevolgen"; the controller decides on reporting (7.1).
   * - requiredFields: art. 7.4 list (fact of the leak is implicit in every notice):
   *   contactgegevens -> contactPoint; wie geïnformeerd -> informedParties; aard -> nature;
   *   (vermeende) oorzaak -> cause; categorieën en bij benadering aantal betrokkenen en
   *   persoonsgegevens -> subjectCategories, subjectCount, dataCategories, recordCount;
   *   bekende en te verwachten gevolgen -> consequences; maatregelen -> measures.
   *   Not asked by 7.4: occurred, encryption, specialCategories (App. 1 §5: no special
   *   categories are stored).
   * - data/subject categories: Appendix 1 §5 / §4. Sub-processors: art. 5.1, Appendix 1 §3
   *   and Appendix 2. Breach-record retention: not stated (App. 1 §6 concerns the data).
   * - escalation: none stated (7.3 only names the processor-side senders).
   */
  {
    controller: {
      name: 'Ingenieursbureau Polderpeil B.V.',
      kvkNumber: '90000101', // fictitious
      sector: 'Ingenieursdiensten / projectplanning',
      city: 'Utrecht',
    },
    agreement: {
      title: 'Verwerkersovereenkomst (model T.S.D. The Software Desk, art. 7)',
      seedFile: '000_23cbfdaf675b9fec.txt',
      language: 'nl',
      deadlineHours: 24,
      clockStart: 'processor_discovery',
      notifySuspicion: false,
      regardlessOfImpact: true,
      triggerText:
        'Een beveiligingslek en/of datalek dat zich daadwerkelijk heeft voorgedaan; dan altijd melden, ' +
        'een vermoeden alleen niet (art. 7.1 en 7.2).',
      deadlineClause: '7.1',
      requiredFields: [
        'nature',
        'cause',
        'subjectCategories',
        'subjectCount',
        'dataCategories',
        'recordCount',
        'consequences',
        'measures',
        'contactPoint',
        'informedParties',
      ],
      ackWindowHours: 2,
      warningShares: [0.5, 0.8],
      // Appendix 1 §5: "bijvoorbeeld ... naam, telefoonnummer, email adres, datum in dienst etc."
      dataCategories: ['naam', 'telefoonnummer', 'email adres', 'datum in dienst'],
      // Appendix 1 §4: "personeelsleden van Verantwoordelijke"
      subjectCategories: ['personeelsleden van Verantwoordelijke'],
      // Art. 5.1, Appendix 1 §3, Appendix 2
      subProcessors: [
        { name: 'SmartDC Rotterdam', address: 'Van Nelleweg 1, 3044 BC Rotterdam' },
        { name: 'SmartDC Heerlen', address: 'Kloosterweg 1, 6412 CN Heerlen' },
      ],
      retentionMonthsAfterEnd: null,
      escalationRule: null,
    },
    // The DPA leaves the controller's recipients open ("de Verantwoordelijke", 7.1): demo contacts.
    contacts: [
      {
        key: 'primary',
        name: 'Mees Voorbeeldt',
        role: 'breach_contact',
        email: 'polderpeil.datalek@example.com',
        mobile: '+31600000101',
        order: 1,
        receivesBreachNotice: true,
      },
      {
        key: 'fg',
        name: 'Noor Proefstra',
        role: 'dpo',
        email: 'polderpeil.fg@example.com',
        phone: '+31600000102',
        mobile: '+31600000103',
        order: 2,
        receivesBreachNotice: true,
      },
      {
        key: 'primary-standin',
        name: 'Daan Testerink',
        role: 'breach_contact',
        email: 'polderpeil.vervanger@example.com',
        mobile: '+31600000104',
        order: 3,
        standInForKey: 'primary',
        receivesBreachNotice: false,
      },
    ],
  },

  /**
   * 001 — Planning-4, childcare SaaS; "Rechten en Plichten" SLA ch. 4 (Verwerkersovereenkomst).
   * - deadlineHours 24, clockStart establishment: 4.4.1 "zonder onredelijke vertraging ...,
   *   doch uiterlijk binnen 24 uur na het vaststellen van het datalek".
   * - notifySuspicion false: 4.4.1 is triggered by a datalek the processor "ontdekt" and
   *   "vaststelt"; a mere suspicion is not yet established.
   * - regardlessOfImpact true: 4.4.1 covers any datalek "zoals bedoeld in artikel 4 sub 12
   *   Avg" without an impact threshold; assessing it is the client's job (4.4.6).
   * - requiredFields: all keys — 4.4.4 "alle informatie ... die de klant nodig heeft om een
   *   volledige melding bij de AP en/of betrokkenen te doen" (or at least a preliminary one),
   *   following the AP "Beleidsregels meldplicht datalekken".
   * - escalationRule: 4.4.2 (fixed processor contact informs the client's designated
   *   contact; if unreachable, the client's "bestuurder").
   * - no data/subject annex: categories are taken from the service description 1.2.3
   *   (as written) and 7.3.1 ("geplaatste kinderen"); 4.3.2: no criminal-offence data.
   * - sub-processors: 4.7.1 (no addresses given). Breach-record retention: not stated
   *   (4.4.7 only says all security incidents are registered; 4.8.1/8.6.2 concern the data).
   */
  {
    controller: {
      name: 'Kinderopvang De Zonnebloem B.V.',
      kvkNumber: '90000201', // fictitious
      sector: 'Kinderopvang',
      city: 'Zwolle',
    },
    agreement: {
      title: 'SLA Rechten en Plichten, hoofdstuk 4 Verwerkersovereenkomst (model Planning-4, 4.4)',
      seedFile: '001_767ff1e236aec2cf.txt',
      language: 'nl',
      deadlineHours: 24,
      clockStart: 'establishment',
      notifySuspicion: false,
      regardlessOfImpact: true,
      triggerText:
        'Een datalek in verband met persoonsgegevens (art. 4 sub 12 AVG) dat de verwerker ontdekt; ' +
        'melden zonder onredelijke vertraging, uiterlijk 24 uur na vaststelling (4.4.1).',
      deadlineClause: '4.4.1',
      requiredFields: [
        'nature',
        'cause',
        'subjectCategories',
        'subjectCount',
        'dataCategories',
        'specialCategories',
        'recordCount',
        'occurred',
        'encryption',
        'consequences',
        'measures',
        'contactPoint',
        'informedParties',
      ],
      ackWindowHours: 2,
      warningShares: [0.5, 0.8],
      // 1.2.3 (service description; the SLA has no data-category annex)
      dataCategories: [
        'ouder- en kinddossier',
        'opvang, wachtlijst, plaatsing, bezetting',
        'contractbeheer, facturatie, incasso en betalingen en debiteurenbeheer',
        'personeelsdossier',
        'personeelsrooster',
        'invalpool',
        'urenregistratie',
        'documentbeheer, mailingbeheer',
      ],
      // derived from 1.2.3 (ouder- en kinddossier, personeelsdossier, invalpool) and 7.3.1
      subjectCategories: ['kinderen', 'ouders', 'personeel', 'invalkrachten (invalpool)'],
      // 4.7.1 a) and b)
      subProcessors: [{ name: 'CYSO' }, { name: 'CREATE' }],
      retentionMonthsAfterEnd: null,
      escalationRule:
        'Art. 4.4.2: de vaste contactpersoon van de verwerker informeert de door de klant aangewezen ' +
        'contactpersoon; is die op welke wijze dan ook niet bereikbaar, dan informeert de verwerker ' +
        'de bestuurder van de klant.',
    },
    contacts: [
      {
        // 4.4.2 "een, door de klant aangewezen, contactpersoon"
        key: 'designated',
        name: 'Sanne Voorbeeld',
        role: 'breach_contact',
        email: 'zonnebloem.datalek@example.com',
        phone: '+31600000201',
        mobile: '+31600000202',
        order: 1,
        receivesBreachNotice: true,
      },
      {
        // 4.4.2 escalation: "zal Planning-4 de bestuurder van de klant informeren"
        key: 'director',
        name: 'Wouter Proef',
        role: 'director',
        email: 'zonnebloem.directie@example.com',
        mobile: '+31600000203',
        order: 2,
        standInForKey: 'designated',
        receivesBreachNotice: false,
      },
      {
        // Not named in the SLA; the client decides on reporting (4.4.6), so its FG is on
        // file for follow-up, but 4.4.2 sends the notice to the single designated contact.
        key: 'fg',
        name: 'Fleur Testema',
        role: 'dpo',
        email: 'zonnebloem.fg@example.com',
        mobile: '+31600000204',
        order: 3,
        receivesBreachNotice: false,
      },
    ],
  },

  /**
   * 002 — Smart Production Solutions B.V., manufacturing SaaS (Smart Production Suite).
   * - deadlineHours 24, clockStart processor_discovery: art. 6.1 "zonder onredelijke
   *   vertraging, doch in ieder geval binnen 24 uur, zodra hij daarvan kennis heeft genomen"
   *   ("hij" = Verwerker). Art. 8.3 c flows the same duty down to the sub-processor and
   *   8.3 a keeps us liable for it, but the clock in 6.1 is our own knowledge.
   * - notifySuspicion true: Bijlage 2 §2.4 "Indien een beveiligingsincident leidt tot een
   *   (potentieel) datalek, wordt de procedure 'Meldplicht Datalekken' gevolgd, waarbij
   *   binnen 24 uur de betrokken Verantwoordelijke(n) worden geïnformeerd" (art. 5.3 binds
   *   us to the Bijlage 2 measures).
   * - regardlessOfImpact true: art. 6.1 "over iedere Inbreuk".
   * - requiredFields: art. 6.2 "voor zover Verwerker deze informatie heeft" (may be given
   *   in stages, 6.3): a) aard, categorieën en bij benadering aantal betrokkenen en
   *   persoonsgegevensregisters -> nature, subjectCategories, subjectCount, dataCategories,
   *   recordCount; b) FG/contactpunt -> contactPoint; c) waarschijnlijke gevolgen ->
   *   consequences; d) maatregelen -> measures; e) "enige andere informatie die
   *   Verwerkingsverantwoordelijke nodig heeft op basis van de Toepasselijke Privacy
   *   Wetgeving" -> specialCategories (risk assessment under AVG art. 33(1)/9) and
   *   encryption (AVG art. 34(3)(a)). Not demanded: cause, occurred, informedParties.
   * - data/subject categories: Bijlage 1 §1.1/§1.2 (productiegegevens such as
   *   werkordernummers are not personal data and are left out). Sub-processor: art. 8.2.
   * - retentionMonthsAfterEnd 12: art. 14.7 b (documentation under 6.5 kept "tenminste tot
   *   een jaar na beëindiging").
   * - contacts: Bijlage 3 — "Primaire melding" via the (processor's) support desk; "daarnaast"
   *   the controller's FG and/or ISO, primary plus one "bij afwezigheid". The absence rule is
   *   modelled with standInForKey, so escalationRule stays null.
   */
  {
    controller: {
      name: 'Metaalwerken De Vonk B.V.',
      kvkNumber: '90000301', // fictitious
      sector: 'Maakindustrie (metaalbewerking)',
      city: 'Eindhoven',
    },
    agreement: {
      title: 'Verwerkersovereenkomst (model Smart Production Solutions, art. 6 en Bijlage 3)',
      seedFile: '002_26c4b675521f24a2.txt',
      language: 'nl',
      deadlineHours: 24,
      clockStart: 'processor_discovery',
      notifySuspicion: true,
      regardlessOfImpact: true,
      triggerText:
        'Iedere inbreuk in verband met persoonsgegevens (art. 6.1), ook een beveiligingsincident ' +
        'dat tot een (potentieel) datalek leidt (Bijlage 2 §2.4); informatie mag in stappen (6.3).',
      deadlineClause: '6.1',
      requiredFields: [
        'nature',
        'subjectCategories',
        'subjectCount',
        'dataCategories',
        'specialCategories',
        'recordCount',
        'encryption',
        'consequences',
        'measures',
        'contactPoint',
      ],
      ackWindowHours: 2,
      warningShares: [0.5, 0.8],
      // Bijlage 1 §1.1 "Van medewerkers: Nummer en/of naam"; §1.2 gewerkte uren naar ERP
      dataCategories: ['Nummer en/of naam', 'gewerkte uren'],
      // Bijlage 1 §1.1 "Van medewerkers"
      subjectCategories: ['medewerkers'],
      // Art. 8.2
      subProcessors: [{ name: 'Proserve BV', address: 'Oostmaaslaan 71, 3063 AN Rotterdam' }],
      retentionMonthsAfterEnd: 12,
      escalationRule: null,
    },
    contacts: [
      {
        // Bijlage 3 "Primaire melding: Supportdesk" — the processor's own desk, first in line
        // so the notice is logged there; demo address instead of the seed's.
        key: 'supportdesk',
        name: 'Supportdesk Demo Verwerker',
        role: 'support_desk',
        email: 'supportdesk@example.nl',
        phone: '+31600000301',
        mobile: '+31600000302',
        order: 1,
        receivesBreachNotice: true,
      },
      {
        // Bijlage 3 "Primair aanspreekpunt Verwerkersverantwoordelijke: FG dan wel ISO"
        // (Naam, Email, Telefoon, Mobiel — left blank in the seed)
        key: 'fg',
        name: 'Jesse Voorbeeldhuis',
        role: 'dpo',
        email: 'devonk.fg@example.com',
        phone: '+31600000303',
        mobile: '+31600000304',
        order: 2,
        receivesBreachNotice: true,
      },
      {
        // Bijlage 3 "Bij afwezigheid: FG dan wel ISO"
        key: 'iso',
        name: 'Lieke Proefkamp',
        role: 'iso',
        email: 'devonk.iso@example.com',
        phone: '+31600000305',
        mobile: '+31600000306',
        order: 3,
        standInForKey: 'fg',
        receivesBreachNotice: false,
      },
    ],
  },
];
