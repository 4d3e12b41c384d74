import type { Extracted, SourceRef } from './agreement-profile.types';
import { notFound } from './candidates';
import { sourceOf, sourceOfLines, type SplitAgreement, type TextLine } from './clause-splitter';

/**
 * Data categories and data-subject categories from the annex, as written:
 * - "Persoonsgegevens hebben betrekking op personeelsleden van Verantwoordelijke" /
 *   "Personal data relate to employees …" → one subject category;
 * - under a heading "Soort persoonsgegevens" / "Categories of personal data", a sentence
 *   with a colon list ("bijvoorbeeld zijn: naam, telefoonnummer, …") → data categories;
 * - under a heading "Soorten gegevens", groups "Van medewerkers:" with items below → the
 *   people are a subject category, the items data categories. Groups of things rather than
 *   people ("Van productiegegevens:") are left out: they are not personal data.
 */
const RELATES = /\b(?:persoonsgegevens|personal data)\s+(?:hebben betrekking op|hebben betrekking tot|betreffen|relate to|concern|pertain to)\s+(.{1,400}?)\.?$/i;
const DATA_HEADING = /\b(soort(en)?|categorie\w*|categories|types?|kinds?)\s+(van\s+|of\s+)?(persoons)?gegevens\b|\b(categories|types|kinds) of personal data\b|\bsoort persoonsgegevens\b/i;
const PEOPLE = /^(medewerkers|werknemers|personeel|personeelsleden|klanten|cliënten|clienten|leerlingen|studenten|kinderen|ouders|patiënten|patienten|gebruikers|leden|sollicitanten|bezoekers|contactpersonen|employees|staff|customers|clients|pupils|students|children|parents|patients|users|members|applicants|visitors)$/i;
const GROUP = /^van\s+([\p{L}-]+)\s*:$/iu;

function splitList(list: string): string[] {
  return list
    .replace(/\b(etc|enz|e\.d|and so on)\b\.?\s*$/i, '').trim()
    .replace(/\.$/, '')
    .split(/\s{0,20},\s{0,20}|\s{1,20}(?:en|and|of|or)\s{1,20}(?=[\p{L}])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length < 80);
}

interface Categories {
  dataCategories: Extracted<string[]>;
  subjectCategories: Extracted<string[]>;
}

function groups(doc: SplitAgreement): { subjects: { value: string; source: SourceRef }[]; data: { value: string; source: SourceRef }[] } {
  const subjects: { value: string; source: SourceRef }[] = [];
  const data: { value: string; source: SourceRef }[] = [];
  let current: TextLine | null = null;
  for (const line of doc.lines) {
    if (!line.heading || !DATA_HEADING.test(line.heading) || line.isHeading) {
      current = null;
      continue;
    }
    const group = GROUP.exec(line.body);
    if (group) {
      current = PEOPLE.test(group[1]) ? line : null;
      if (current) subjects.push({ value: group[1], source: { clause: line.clause, sentence: line.body, start: line.bodyStart, end: line.bodyStart + line.body.length } });
      continue;
    }
    if (current && line.listItem) data.push({ value: line.body.replace(/[.;]$/, ''), source: { clause: line.clause, sentence: line.body, start: line.bodyStart, end: line.bodyStart + line.body.length } });
  }
  return { subjects, data };
}

// A label that opens a statement of whose data, or which data: "Categorieën van betrokkenen:",
// "**Betrokkenen:**", "Categories of data subjects may include:", "Om welke gegevens het gaat".
const SUBJECT_LABEL = /^(?:(?:de|the)\s+)?(?:(?:categorie(?:ën|en)?|soorten|groep\w*|categories|group|types?)\s+(?:van\s+|of\s+)?(?:de\s+|the\s+)?)?(?:betrokkenen|data subjects)\b|^wiens gegevens|^whose (?:personal )?data/i;
const DATA_LABEL = /^(?:(?:de|the)\s+)?(?:(?:categorie(?:ën|en)?|soort\w*|types?|categories|kinds?)\s+(?:van\s+|of\s+)?(?:persoons)?gegevens|(?:categories|types|kinds)\s+of\s+personal\s+data|om welke (?:persoons)?gegevens|welke (?:persoons)?gegevens|persoonsgegevens\b|personal data\b(?:\s+\S+){0,14}?\s+(?:include|includes|are|comprise)\b)/i;
const VERB = /^(?:\s*\([^)]{0,120}\))?\s*(?:(?:may\s+)?(?:zijn|are|include|includes|omvatten|bestaan uit|betreffen|comprise)\b)?(?:,?\s*but (?:is|are) not limited to)?\s*[:.]?\s*/i;
const SPECIAL = /\b(bijzondere|special|sensitive|gevoelige)\b/i;
const NOTICE = /\b(melding|meldt|aantal|aantallen|notif\w*|breach|datalek|inbreuk|number of)\b/i;

/** Splits "naam, telefoonnummer en e-mailadres" at commas and "en"/"and" outside brackets. */
export function splitInline(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  const push = (to: number) => {
    const item = list.slice(from, to).replace(/^\s*(?:en|and|of|or)\s+/i, '').replace(/[.;]\s*$/, '').trim();
    if (item.length > 1) out.push(item);
  };
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === ',') {
      push(i);
      from = i + 1;
    } else if (depth === 0 && c === ' ' && /^ (?:en|and) /i.test(list.slice(i, i + 5)) && list[i - 1] !== '-') {
      push(i);
      from = i + 1;
    }
  }
  push(list.length);
  return out;
}

const stripMarks = (s: string) => s.replace(/\*\*|__|`/g, '').trim();

/** The rows below a label: list items, or table rows ("Contactgegevens | Naam, … |") read as "cell: cell". */
function itemsBelow(lines: TextLine[], at: number): { items: string[]; last: TextLine | null } {
  const items: string[] = [];
  let last: TextLine | null = null;
  for (let i = at + 1; i < lines.length && items.length < 40; i++) {
    const line = lines[i];
    if (line.isHeading && !line.listItem) break;
    const cells = line.raw.split(/\t|\|/).map((c) => stripMarks(c)).filter(Boolean);
    if (/\t|\|/.test(line.raw.trim()) && cells.length >= 1) {
      if (items.length === 0 && cells.length >= 2 && cells.every((c) => c.length < 20 && !/,/.test(c))) continue; // a header row
      items.push(cells.join(': '));
    } else if (line.listItem || /^\(?[a-z0-9]{1,3}[.)]\s/i.test(line.body)) {
      items.push(stripMarks(line.body.replace(/^\(?[a-z0-9]{1,3}[.)]\s+/i, '')).replace(/^([^:]{2,60}):\*\*/, '$1:').replace(/[;.]$/, ''));
    } else if (items.length === 0 && i === at + 1 && line.body.length < 200 && /:$/.test(line.body)) {
      continue; // "The personal data … includes, but is not limited to:" under a heading label
    } else break;
    last = line;
  }
  return { items, last };
}

/** Statements of whose data and which data, in any section: label + inline list, or label + list/table below. */
function statements(doc: SplitAgreement): { subjects: Extracted<string[]>; data: Extracted<string[]> } {
  let subjects: Extracted<string[]> = notFound('');
  let data: Extracted<string[]> = notFound('');
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const body = stripMarks(line.body);
    if (SPECIAL.test(body.slice(0, 60)) || NOTICE.test(body.slice(0, 80))) continue;
    const isSubject = SUBJECT_LABEL.exec(body);
    const isData = isSubject ? null : DATA_LABEL.exec(body);
    const label = isSubject ?? isData;
    if (!label) continue;
    // "Soorten persoonsgegevens en betrokkenen" is a section heading over both: read its sentences instead.
    if (isData && /\b(betrokkenen|data subjects)\b/i.test(body) && body.length < 80) continue;
    const rest = body.slice(label[0].length);
    const verb = VERB.exec(rest)![0];
    const inline = rest.slice(verb.length).trim();
    let items: string[] = [];
    let last: TextLine = line;
    // "Persoonsgegevens: alle informatie over een geïdentificeerde …" defines the word; it lists nothing.
    if (/\b(ge[iï]dentificeerde|identificeerbare|identified|identifiable|zoals (omschreven|gedefinieerd)|as defined|means)\b/i.test(inline)) continue;
    const stated = verb.includes(':') || /\b(zijn|are|include|includes|omvatten|bestaan uit|betreffen|comprise)\b/i.test(verb);
    // "Om welke gegevens het gaat": a short title line, the list follows below it.
    const title = !stated && body.length <= 60 && !/[.;,]$/.test(body);
    if (inline.length >= 3 && !/:$/.test(inline) && !title) {
      if (!stated) continue;
      items = splitInline(inline.replace(/\.$/, ''));
    } else {
      const below = itemsBelow(lines, i);
      items = below.items;
      last = below.last ?? line;
    }
    if (items.length === 0) continue;
    const source = sourceOfLines(doc.text, line, last);
    const value: Extracted<string[]> = { found: true, value: items, confidence: 0.7, source };
    if (isSubject && !subjects.found) subjects = value;
    if (isData && !data.found) data = value;
  }
  // "Betrokkenen zijn …" / "Het kan gaan om …" in running text under a heading about the data.
  for (const s of doc.sentences) {
    if (!subjects.found) {
      const m = /^(?:de\s+|the\s+)?(?:betrokkenen|(?:the\s+)?(?:group|categories|types)\s+of\s+data\s+subjects(?:\s+\w+){0,2})\s+(?:zijn|are|includes?|omvatten|bestaan uit)\s+(.{3,400}?)\.?$/i.exec(s.text);
      if (m) subjects = { found: true, value: splitInline(m[1]), confidence: 0.65, source: sourceOf(s) };
    }
    if (!data.found && s.heading && /gegevens|personal data/i.test(s.heading)) {
      const m = /^het kan gaan om\s+(.{3,400}?)\.?$/i.exec(s.text);
      if (m) data = { found: true, value: splitInline(m[1]), confidence: 0.6, source: sourceOf(s) };
    }
  }
  return { subjects, data };
}

export function extractCategories(doc: SplitAgreement): Categories {
  let subjectCategories: Extracted<string[]> = notFound('No annex says whose personal data are processed.');
  let dataCategories: Extracted<string[]> = notFound('No annex lists the kinds of personal data processed.');
  for (const s of doc.sentences) {
    const m = RELATES.exec(s.text);
    if (m && !subjectCategories.found) subjectCategories = { found: true, value: [m[1].trim()], confidence: 0.75, source: sourceOf(s) };
    if (!dataCategories.found && s.heading && DATA_HEADING.test(s.heading) && !s.line.isHeading) {
      const colon = s.text.indexOf(':');
      if (colon > 0) {
        const items = splitList(s.text.slice(colon + 1));
        if (items.length) dataCategories = { found: true, value: items, confidence: 0.7, source: sourceOf(s) };
      }
    }
  }
  const g = groups(doc);
  if (!subjectCategories.found && g.subjects.length) {
    subjectCategories = { found: true, value: [...new Set(g.subjects.map((x) => x.value))], confidence: 0.7, source: g.subjects[0].source };
  }
  if (!dataCategories.found && g.data.length) {
    dataCategories = { found: true, value: [...new Set(g.data.map((x) => x.value))], confidence: 0.7, source: g.data[0].source };
  }
  if (!subjectCategories.found || !dataCategories.found) {
    const more = statements(doc);
    if (!subjectCategories.found && more.subjects.found) subjectCategories = more.subjects;
    if (!dataCategories.found && more.data.found) dataCategories = more.data;
  }
  return { dataCategories, subjectCategories };
}
