import type { RiskCriteria } from './risk-criteria.schema';

/**
 * ENISA (2013), "Recommendations for a methodology of the assessment of severity of
 * personal data breaches": severity = DPC × EI + CB. DPC (data-processing context, 1–4)
 * is the data's nature adjusted for context, EI (ease of identification) a factor
 * 0.25–1, CB (circumstances of the breach) adds up. How each criterion maps onto the
 * method is our reading of it, written down in docs/RISK-METHOD.md; change both together.
 */
export const METHOD_VERSION = 'enisa-2013/meldplicht-1';

export type SeverityBand = 'low' | 'medium' | 'high' | 'very_high';

export interface Words {
  nl: string;
  en: string;
}

/** One step of the calculation, in words. `delta` is what it added to its part (null: no change). */
export interface Contribution extends Words {
  factor: string;
  part: 'DPC' | 'EI' | 'CB' | 'context';
  delta: number | null;
}

export interface Severity {
  dpc: number;
  ei: number;
  cb: number;
  score: number;
  band: SeverityBand;
  contributions: Contribution[];
  /** Facts marked unknown: the score leaves them out, the recommendation leans towards reporting. */
  doubts: Contribution[];
  /** The score had the data not been unintelligible (set only when encryption lowered EI). */
  unprotectedScore: number | null;
}

// Data of unknown kind counts as sensitive: the indicator must not look milder for not knowing.
const DPC_BASE = { simple: 1, behavioural: 2, financial: 3, sensitive: 4, unknown: 4 } as const;
const EI_LEVEL = { negligible: 0.25, limited: 0.5, significant: 0.75, maximum: 1 } as const;
const NATURE_WORDS = {
  simple: { nl: 'eenvoudige gegevens (bv. naam, contactgegevens)', en: 'simple data (e.g. name, contact details)' },
  behavioural: { nl: 'gedragsgegevens (bv. locatie, gewoonten, voorkeuren)', en: 'behavioural data (e.g. location, habits, preferences)' },
  financial: { nl: 'financiële gegevens', en: 'financial data' },
  sensitive: { nl: 'gevoelige gegevens (bv. gezondheid, bijzondere persoonsgegevens)', en: 'sensitive data (e.g. health, special categories)' },
  unknown: { nl: 'onbekend welke gegevens (telt als gevoelig)', en: 'unknown which data (counts as sensitive)' },
} as const;

export function severityBand(score: number): SeverityBand {
  if (score < 2) return 'low';
  if (score < 3) return 'medium';
  if (score < 4) return 'high';
  return 'very_high';
}

const round = (n: number) => Math.round(n * 100) / 100;
const step = (factor: string, part: Contribution['part'], delta: number | null, nl: string, en: string): Contribution => ({ factor, part, delta, nl, en });

/**
 * Whether the data was unintelligible to whoever got it (art. 34(3)(a)). Encryption only
 * protects confidentiality: lost or corrupted data stays lost, so it counts only when
 * integrity and availability came through (recoverable, temporary at worst).
 */
export function unintelligible(c: RiskCriteria): boolean {
  const protectedData = (c.encryption.state === 'encrypted' || c.encryption.state === 'hashed') && c.encryption.keyCompromised === 'no';
  const onlyConfidentiality = c.integrity.extent !== 'unrecoverable' && c.availability.extent !== 'prolonged' && c.availability.extent !== 'permanent';
  return protectedData && onlyConfidentiality && c.confidentiality.extent !== 'none';
}

export function assessSeverity(c: RiskCriteria): Severity {
  const contributions: Contribution[] = [];
  const doubts: Contribution[] = [];
  const dpc = dataProcessingContext(c, contributions, doubts);
  const ei = easeOfIdentification(c, contributions, doubts);
  const cb = circumstances(c, contributions, doubts);
  const score = round(dpc * ei + cb);
  contextNotes(c, contributions);
  const plainEi = EI_LEVEL[c.identification];
  const unprotectedScore = ei < plainEi ? round(dpc * plainEi + cb) : null;
  return { dpc, ei, cb, score, band: severityBand(score), contributions, doubts, unprotectedScore };
}

function dataProcessingContext(c: RiskCriteria, out: Contribution[], doubts: Contribution[]): number {
  const base = DPC_BASE[c.data.nature];
  const w = NATURE_WORDS[c.data.nature];
  out.push(step('data.nature', 'DPC', base, `Aard van de gegevens: ${w.nl}; basisscore ${base}.`, `Nature of the data: ${w.en}; base score ${base}.`));
  let dpc = base;
  if (c.data.specialCategories) {
    out.push(step('data.specialCategories', 'DPC', null, 'Bijzondere persoonsgegevens (art. 9 AVG): gevoelig, al in de basisscore 4.', 'Special categories (GDPR art. 9): sensitive, already in base score 4.'));
  }
  if (c.data.profilingPossible && (c.data.nature === 'simple' || c.data.nature === 'behavioural')) {
    dpc += 1;
    out.push(step('data.profilingPossible', 'DPC', 1, 'Genoeg gegevens per persoon voor een profiel: +1.', 'Enough data per person to build a profile: +1.'));
  }
  if (c.data.nationalId) {
    dpc += 1;
    out.push(step('data.nationalId', 'DPC', 1, 'BSN of ander identificatienummer: identiteitsfraude mogelijk, +1.', 'National ID number: identity fraud possible, +1.'));
  }
  if (c.data.credentials) {
    dpc += 1;
    out.push(step('data.credentials', 'DPC', 1, 'Inloggegevens: overname van accounts mogelijk, +1.', 'Credentials: account takeover possible, +1.'));
  }
  if (c.vulnerableSubjects === 'yes') {
    dpc += 1;
    out.push(step('vulnerableSubjects', 'DPC', 1, 'Kwetsbare betrokkenen (bv. kinderen, patiënten): +1.', 'Vulnerable data subjects (e.g. children, patients): +1.'));
  } else if (c.vulnerableSubjects === 'unknown') {
    doubts.push(step('vulnerableSubjects', 'DPC', null, 'Onbekend of er kwetsbare betrokkenen zijn; niet meegeteld (zou +1 zijn).', 'Unknown whether vulnerable people are affected; not counted (would be +1).'));
  }
  if (c.data.publiclyAvailable) {
    dpc -= 1;
    out.push(step('data.publiclyAvailable', 'DPC', -1, 'De gegevens zijn al openbaar of elders eenvoudig te vinden: −1.', 'The data is already public or easily found elsewhere: −1.'));
  }
  const clamped = Math.min(4, Math.max(1, dpc));
  if (clamped !== dpc) {
    out.push(step('dpc.clamp', 'DPC', round(clamped - dpc), `De context-score blijft binnen 1–4: ${clamped}.`, `The context score stays within 1–4: ${clamped}.`));
  }
  return clamped;
}

function easeOfIdentification(c: RiskCriteria, out: Contribution[], doubts: Contribution[]): number {
  let ei: number = EI_LEVEL[c.identification];
  out.push(step('identification', 'EI', ei, `Identificeerbaarheid: ${IDENT_WORDS[c.identification].nl} (${ei}).`, `Ease of identification: ${IDENT_WORDS[c.identification].en} (${ei}).`));
  if (c.confidentiality.extent === 'none') return ei;
  const { state, keyCompromised } = c.encryption;
  if (unintelligible(c)) {
    if (ei > 0.25) {
      out.push(step('encryption', 'EI', round(0.25 - ei), `Gegevens ${state === 'hashed' ? 'gehasht' : 'versleuteld'} en sleutel niet gelekt: onleesbaar, identificatie verwaarloosbaar (0,25).`, `Data ${state} and the key not compromised: unintelligible, identification negligible (0.25).`));
      ei = 0.25;
    }
  } else if ((state === 'encrypted' || state === 'hashed') && keyCompromised === 'no') {
    out.push(step('encryption', 'EI', null, 'Versleuteld, maar versleuteling beschermt alleen de vertrouwelijkheid, niet de verloren of gewijzigde gegevens: geen verlaging.', 'Encrypted, but encryption only protects confidentiality, not lost or altered data: no reduction.'));
  } else if (state === 'encrypted' || state === 'hashed') {
    const msg = keyCompromised === 'yes'
      ? { nl: 'Versleuteld, maar de sleutel is gelekt: telt als onversleuteld.', en: 'Encrypted, but the key was compromised: counts as unencrypted.' }
      : { nl: 'Versleuteld, maar onbekend of de sleutel gelekt is: telt als onversleuteld.', en: 'Encrypted, but unknown whether the key leaked: counts as unencrypted.' };
    (keyCompromised === 'unknown' ? doubts : out).push(step('encryption.keyCompromised', 'EI', null, msg.nl, msg.en));
  } else if (state === 'partly') {
    out.push(step('encryption', 'EI', null, 'Slechts gedeeltelijk versleuteld: geen verlaging.', 'Only partly encrypted: no reduction.'));
  }
  return ei;
}

const IDENT_WORDS = {
  negligible: { nl: 'verwaarloosbaar', en: 'negligible' },
  limited: { nl: 'beperkt', en: 'limited' },
  significant: { nl: 'aanzienlijk', en: 'significant' },
  maximum: { nl: 'maximaal (direct herleidbaar)', en: 'maximum (directly identifying)' },
} as const;

function circumstances(c: RiskCriteria, out: Contribution[], doubts: Contribution[]): number {
  let cb = 0;
  const add = (factor: string, delta: number, nl: string, en: string) => {
    cb += delta;
    out.push(step(factor, 'CB', delta, nl, en));
  };
  const conf = c.confidentiality;
  if (conf.extent === 'possible') {
    add('confidentiality', 0, 'Vertrouwelijkheid: blootgesteld, zonder aanwijzing dat iemand de gegevens zag: +0.', 'Confidentiality: exposed, no evidence anyone saw the data: +0.');
  } else if (conf.extent === 'disclosed') {
    if (conf.recipient === 'trusted' && conf.returnedOrDeleted === 'yes') {
      add('confidentiality', 0, 'Vertrouwelijkheid: bij een vertrouwde ontvanger beland die de gegevens teruggaf of aantoonbaar verwijderde: +0.', 'Confidentiality: reached a trusted recipient who returned or verifiably deleted the data: +0.');
    } else if (conf.recipient === 'trusted' || conf.recipient === 'known') {
      add('confidentiality', 0.25, 'Vertrouwelijkheid: ingezien of verstrekt aan bekende ontvanger(s): +0,25.', 'Confidentiality: read by or disclosed to known recipient(s): +0.25.');
      if (conf.returnedOrDeleted === 'unknown') doubts.push(step('confidentiality.returnedOrDeleted', 'CB', null, 'Onbekend of de ontvanger de gegevens teruggaf of verwijderde.', 'Unknown whether the recipient returned or deleted the data.'));
    } else {
      add('confidentiality', 0.5, 'Vertrouwelijkheid: ingezien of verstrekt aan onbekende of onbekend veel ontvangers: +0,5.', 'Confidentiality: read by or disclosed to unknown recipients: +0.5.');
    }
  }
  if (c.integrity.extent === 'recoverable') {
    add('integrity', 0, 'Integriteit: gewijzigd, maar te herstellen: +0.', 'Integrity: altered, but recoverable: +0.');
  } else if (c.integrity.extent === 'unrecoverable') {
    add('integrity', 0.25, 'Integriteit: gewijzigd en niet te herstellen: +0,25.', 'Integrity: altered and not recoverable: +0.25.');
  }
  availability(c, add, doubts);
  if (c.malicious === 'yes') {
    add('malicious', 0.5, 'Kwade opzet (bv. hack, diefstal): +0,5.', 'Malicious intent (e.g. hacking, theft): +0.5.');
  } else if (c.malicious === 'no') {
    out.push(step('malicious', 'CB', null, 'Vergissing of ongeluk, geen kwade opzet: +0.', 'Error or accident, no malicious intent: +0.'));
  } else {
    doubts.push(step('malicious', 'CB', null, 'Onbekend of er kwade opzet was; niet meegeteld (zou +0,5 zijn).', 'Unknown whether there was malicious intent; not counted (would be +0.5).'));
  }
  return round(cb);
}

function availability(c: RiskCriteria, add: (factor: string, delta: number, nl: string, en: string) => void, doubts: Contribution[]): void {
  let extent = c.availability.extent;
  if (extent === 'none') return;
  if (c.availability.backupAvailable === 'yes' && (extent === 'permanent' || extent === 'prolonged')) {
    extent = extent === 'permanent' ? 'prolonged' : 'temporary';
    add('availability.backupAvailable', 0, 'Er is een back-up: het verlies is één stap minder ernstig.', 'A backup exists: the loss counts one step less severe.');
  } else if (c.availability.backupAvailable === 'unknown' && extent !== 'temporary') {
    doubts.push(step('availability.backupAvailable', 'CB', null, 'Onbekend of er een bruikbare back-up is.', 'Unknown whether a usable backup exists.'));
  }
  if (extent === 'temporary') add('availability', 0, 'Beschikbaarheid: tijdelijk niet beschikbaar, snel hersteld: +0.', 'Availability: temporarily unavailable, quickly restored: +0.');
  if (extent === 'prolonged') add('availability', 0.25, 'Beschikbaarheid: langdurig niet beschikbaar: +0,25.', 'Availability: unavailable for a long time: +0.25.');
  if (extent === 'permanent') add('availability', 0.5, 'Beschikbaarheid: blijvend verloren: +0,5.', 'Availability: permanently lost: +0.5.');
}

/** What ENISA leaves out of the formula but the guidance weighs: shown, not scored. */
function contextNotes(c: RiskCriteria, out: Contribution[]): void {
  if (c.subjectCount !== null) {
    out.push(step('subjectCount', 'context', null,
      `Aantal betrokkenen: ${c.subjectCount}. Telt niet in de formule; veel betrokkenen maken een melding eerder nodig.`,
      `Number of data subjects: ${c.subjectCount}. Not in the formula; many people make a report more likely to be needed.`));
  }
  if (c.recordCount !== null) {
    out.push(step('recordCount', 'context', null, `Aantal records: ${c.recordCount} (volume; telt niet in de formule).`, `Number of records: ${c.recordCount} (volume; not in the formula).`));
  }
}
