import type { Extracted, SourceRef } from './agreement-profile.types';
import { notFound } from './candidates';
import { sourceOf, type SplitAgreement, type TextLine } from './clause-splitter';

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
  return { dataCategories, subjectCategories };
}
