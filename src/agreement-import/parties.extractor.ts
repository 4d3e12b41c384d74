import type { AgreementVersion, Extracted, PartyProposal } from './agreement-profile.types';
import { decide, notFound, type Candidate } from './candidates';
import { sourceOf, type Sentence } from './clause-splitter';

/**
 * The parties and the agreement's version. A party counts only with an organisation name
 * (one that ends in B.V., N.V., Ltd, …) before its "(hierna: Verwerker)" / "(hereinafter:
 * "Controller")"; "een wederpartij" or "Afnemer van de Software" name nobody, so the
 * controller stays not found rather than guessed. "X is de verwerker" names a processor too.
 */
const DEFINITION = /\(?\s*\b(?:hierna|hereinafter)\b\s*(?:te noemen|genoemd|referred to as|called)?\s*[:,]?\s*["“”‘’'*]*\s*([A-Za-z]+)/gi;
const ORGANISATION = /((?:[A-Z][\p{L}0-9.&'’-]*\s+){0,5}?)(B\.V\.|BV|B\.V|N\.V\.|NV|Ltd\.?|Limited|GmbH|Inc\.?|LLC|S\.A\.|SE|V\.O\.F\.)(?![\p{L}])/gu;
const KVK = /(?:Kamer van Koophandel|KvK|Chamber of Commerce)[^\d]{0,60}(\d{8})/i;
const PROCESSOR_WORD = /^(verwerker|processor|opdrachtnemer|leverancier|supplier)$/i;
const CONTROLLER_WORD = /^(verwerkingsverantwoordelijke|verantwoordelijke|controller|opdrachtgever|klant|afnemer|customer)$/i;
const IS_PROCESSOR = /([A-Z][\p{L}0-9.&'’-]*(?:\s+[A-Z][\p{L}0-9.&'’-]*){0,4})\s+is\s+(?:de\s+|the\s+)?(verwerker|processor)\b/u;

interface PartyCandidates {
  processor: Candidate<PartyProposal>[];
  controller: Candidate<PartyProposal>[];
}

function lastOrganisation(segment: string): { name: string; end: number } | null {
  let found: { name: string; end: number } | null = null;
  ORGANISATION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ORGANISATION.exec(segment))) {
    const name = `${m[1]}${m[2]}`.trim();
    if (m[1].trim()) found = { name, end: m.index + m[0].length };
  }
  return found;
}

function definitions(sentence: Sentence, into: PartyCandidates): void {
  DEFINITION.lastIndex = 0;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = DEFINITION.exec(sentence.text))) {
    const role = PROCESSOR_WORD.test(m[1]) ? 'processor' : CONTROLLER_WORD.test(m[1]) ? 'controller' : null;
    const segment = sentence.text.slice(from, m.index);
    from = m.index + m[0].length;
    if (!role) continue;
    const org = lastOrganisation(segment);
    if (!org) continue;
    const kvk = KVK.exec(segment.slice(org.end))?.[1] ?? null;
    into[role].push({ value: { name: org.name, kvkNumber: kvk }, confidence: 0.85, source: sourceOf(sentence) });
  }
}

export function extractParties(sentences: Sentence[]): { processor: Extracted<PartyProposal>; controller: Extracted<PartyProposal> } {
  const found: PartyCandidates = { processor: [], controller: [] };
  for (const s of sentences) if (/hierna|hereinafter/i.test(s.text)) definitions(s, found);
  if (found.processor.length === 0) {
    for (const s of sentences) {
      const m = IS_PROCESSOR.exec(s.text);
      if (m && !/^(De|The|Een|A)$/.test(m[1])) {
        found.processor.push({ value: { name: m[1], kvkNumber: null }, confidence: 0.7, source: sourceOf(s) });
        break;
      }
    }
  }
  const same = (a: PartyProposal, b: PartyProposal) => a.name === b.name;
  return {
    processor: decide(found.processor, 'No organisation name is defined as the processor ("(hierna: Verwerker)").', same),
    controller: decide(found.controller, 'The text names no controller organisation (only a role such as "Verantwoordelijke" or "de klant"): fill it in.', same),
  };
}

const MONTHS: Record<string, number> = {
  januari: 1, january: 1, februari: 2, february: 2, maart: 3, march: 3, april: 4, mei: 5, may: 5, juni: 6, june: 6, juli: 7, july: 7,
  augustus: 8, august: 8, september: 9, oktober: 10, october: 10, november: 11, december: 12,
};
const DATE = /\b(\d{1,2})\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october)\s+(\d{4})\b/i;
const NUMERIC_DATE = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/;
const VERSION_LINE = /^(versie|version|datum|date|dated)\b[\s:]+\S/i;

function isoDate(text: string): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const m = DATE.exec(text);
  if (m) return `${m[3]}-${pad(MONTHS[m[2].toLowerCase()])}-${pad(Number(m[1]))}`;
  const n = NUMERIC_DATE.exec(text);
  if (n && Number(n[2]) <= 12) return `${n[3]}-${pad(Number(n[2]))}-${pad(Number(n[1]))}`;
  return null;
}

/** "Versie 1 november 2019", "Version 2.1 of 3 March 2025": a short line of its own. */
export function extractVersion(sentences: Sentence[]): Extracted<AgreementVersion> {
  const line = sentences.find((s) => VERSION_LINE.test(s.line.body) && s.line.body.length <= 80 && s.text === s.line.body);
  if (!line) return notFound('No version or date line ("Versie …", "Version …").');
  return { found: true, value: { text: line.text, date: isoDate(line.text) }, confidence: 0.8, source: sourceOf(line) };
}
