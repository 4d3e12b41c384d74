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
// Every repetition is bounded ({0,40}, {1,5}): an unbounded word pattern tried from each
// capital of a long run of letters is quadratic, and the text is the client's.
const ORGANISATION = /((?:[A-Z][\p{L}0-9.&'’-]{0,40}\s{1,5}){0,5}?)(B\.V\.|BV|B\.V|N\.V\.|NV|Ltd\.?|Limited|GmbH|Inc\.?|LLC|S\.A\.|SE|V\.O\.F\.)(?![\p{L}])/gu;
const KVK = /(?:Kamer van Koophandel|KvK|Chamber of Commerce)[^\d]{0,60}(\d{8})/i;
const PROCESSOR_WORD = /^(verwerker|processor|opdrachtnemer|leverancier|supplier)$/i;
const CONTROLLER_WORD = /^(verwerkingsverantwoordelijke|verantwoordelijke|controller|opdrachtgever|klant|afnemer|customer)$/i;
const IS_PROCESSOR = /\s{1,5}is\s{1,5}(?:de\s{1,5}|the\s{1,5})?(?:verwerker|processor)\b/u;
const NAME_BEFORE = /([A-Z][\p{L}0-9.&'’-]{0,40}(?:\s{1,5}[A-Z][\p{L}0-9.&'’-]{0,40}){0,4})$/u;

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

// "Verwerker: Opsio, KvK 92831745, Culemborg" (a label line, possibly numbered).
const LABELLED = /^(?:\d{1,2}\.\s{0,3})?(verwerker|processor|leverancier|supplier)\s{0,3}:\s{0,3}([A-Z\u00C0-\u00DD][^,;:|()\n]{1,60})/i;
// "**Dairy Capital Limited** ("Processor", "we", "us")": a name, then the role in quotes in brackets.
const QUOTED_ROLE = /(?:\*{0,2}([^*()"“]{2,60})\*\*|([A-Z][\p{L}0-9.&'’-]{0,40}(?:\s{1,3}[A-Z][\p{L}0-9.&'’-]{0,40}){0,4}))\s{0,3}\(\s{0,3}["“”']\s{0,2}(Processor|Verwerker|Supplier|Leverancier)\s{0,2}["“”']/u;
// "overeenkomst tussen Klant en Starred", "agreement between Berget and the Customer".
const BETWEEN = /\b(?:tussen|between)\s{1,5}([^,;.()]{1,120}?)\s{1,5}(?:en|and)\s{1,5}([^,;.()]{1,120}?)(?=\s{0,5}(?:[,;.(]|$|\bis\b|\ben\b|\band\b|\bvoor\b|\bfor\b|\bgevestigd\b|\bwaarbij\b))/iu;
const CONTROLLER_PHRASE = /\b(klant\w*|customer\w*|verwerkingsverantwoordelijke|controller|opdrachtgever|afnemer|gebruiker|merchant|you)\b/i;
const PARTY_NAME = /^(?:de\s|het\s|the\s)?([A-Z\u00C0-\u00DD][\p{L}0-9.&'’-]{0,40}(?:\s{1,3}(?:[A-Z\u00C0-\u00DD&][\p{L}0-9.&'’-]{0,40}|van|de|der)){0,5})$/u;
const REGISTRATION = /\b(?:Kamer van Koophandel|KvK|Chamber of Commerce)(?:[-\s]?(?:nummer|number|nr\.?))?[^\d\n]{0,30}(\d{8})\b/gi;

/** The name as written, with a trailing legal-form note kept ("Storvo (eenmanszaak)"). */
const cleanName = (name: string) => name.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();

function labelled(sentences: Sentence[], into: PartyCandidates): void {
  for (const s of sentences) {
    if (s.text !== s.line.body && s.line.body.indexOf(s.text) !== 0) continue;
    const m = LABELLED.exec(s.line.body);
    if (!m) continue;
    const name = cleanName(m[2]);
    if (/^(de|het|the|een|a)\b/i.test(name) || name.split(' ').length > 6) continue;
    const kvk = new RegExp(REGISTRATION.source, 'i').exec(s.line.body.slice(m[0].length))?.[1] ?? null;
    into.processor.push({ value: { name, kvkNumber: kvk }, confidence: 0.8, source: sourceOf(s) });
  }
}

/** A table row split over lines ("Verwerker |" then "Storvo (eenmanszaak) |"), or a role line and a name line. */
function roleRows(sentences: Sentence[], into: PartyCandidates): void {
  for (let i = 0; i + 1 < sentences.length; i++) {
    if (!/^(verwerker|processor)\s{0,3}[|:]?\s{0,3}$/i.test(sentences[i].line.body)) continue;
    const next = sentences[i + 1];
    const m = /^([A-Z\u00C0-\u00DD][^|:.;]{1,60}?)\s{0,3}\|?\s{0,3}$/.exec(next.line.body);
    if (!m || /^(de|het|the|een|wij|we)\b/i.test(m[1]) || m[1].split(' ').length > 5) continue;
    into.processor.push({ value: { name: cleanName(m[1]), kvkNumber: null }, confidence: 0.7, source: sourceOf(next) });
  }
}

function quotedRoles(sentences: Sentence[], into: PartyCandidates): void {
  for (const s of sentences) {
    const m = QUOTED_ROLE.exec(s.text);
    if (!m) continue;
    const name = cleanName(m[1] ?? m[2]);
    if (/^(De|The|This|Deze|Dit)\b/.test(name)) continue;
    into.processor.push({ value: { name, kvkNumber: null }, confidence: 0.8, source: sourceOf(s) });
  }
}

/** "tussen Klant en Starred": when one side is the customer, the other is the processor. */
function betweenParties(sentences: Sentence[], into: PartyCandidates): void {
  for (const s of sentences) {
    if (!/(overeenkomst|agreement|addendum|DPA)\b/i.test(s.text)) continue;
    const m = BETWEEN.exec(s.text);
    if (!m) continue;
    const [a, b] = [m[1].trim(), m[2].trim()];
    const other = CONTROLLER_PHRASE.test(a) && !CONTROLLER_PHRASE.test(b) ? b : CONTROLLER_PHRASE.test(b) && !CONTROLLER_PHRASE.test(a) ? a : null;
    const name = other ? PARTY_NAME.exec(other)?.[1] : undefined;
    if (!name || PROCESSOR_WORD.test(name) || CONTROLLER_WORD.test(name)) continue;
    into.processor.push({ value: { name, kvkNumber: null }, confidence: 0.6, source: sourceOf(s) });
  }
}

/**
 * Registration numbers outside the party clause (a page footer "© Storvo · KvK 82379920"):
 * on a line that names the processor, they are its number; when they differ from the one
 * the party clause gives, both are kept and shown as a conflict rather than one dropped.
 */
function registrations(sentences: Sentence[], processor: PartyProposal, into: PartyCandidates): void {
  const partyLines = new Set([...into.processor, ...into.controller].map((c) => c.source.start));
  const core = processor.name.replace(/\s*\(.*\)\s*$/, '').replace(/\s*\b(B\.?V\.?|N\.?V\.?|Ltd\.?|Limited|GmbH|Inc\.?|LLC)\s*$/i, '').trim().toLowerCase();
  if (core.length < 3) return;
  const seen = new Set<number>();
  for (const s of sentences) {
    if (seen.has(s.line.index)) continue;
    seen.add(s.line.index);
    const body = s.line.body;
    // The party clause itself (already read) and lines that name the controller too are not the processor's alone.
    if (!body.toLowerCase().includes(core) || CONTROLLER_PHRASE.test(body) || [...partyLines].some((start) => start >= s.line.start && start <= s.line.end)) continue;
    for (const m of body.matchAll(REGISTRATION)) {
      const source = { clause: s.line.clause, sentence: body, start: s.line.bodyStart, end: s.line.bodyStart + body.length };
      into.processor.push({ value: { name: processor.name, kvkNumber: m[1] }, confidence: 0.6, source });
    }
  }
}

export function extractParties(sentences: Sentence[]): { processor: Extracted<PartyProposal>; controller: Extracted<PartyProposal> } {
  const found: PartyCandidates = { processor: [], controller: [] };
  for (const s of sentences) if (/hierna|hereinafter/i.test(s.text)) definitions(s, found);
  if (found.processor.length === 0) labelled(sentences, found);
  if (found.processor.length === 0) quotedRoles(sentences, found);
  if (found.processor.length === 0) roleRows(sentences, found);
  if (found.processor.length === 0) betweenParties(sentences, found);
  if (found.processor.length === 0) {
    for (const s of sentences) {
      const is = IS_PROCESSOR.exec(s.text);
      // The name is the run of capitalised words right before "is de verwerker": read from a
      // bounded window, so the search stays linear in the sentence.
      const m = is ? NAME_BEFORE.exec(s.text.slice(Math.max(0, is.index - 220), is.index)) : null;
      if (m && !/^(De|The|Een|A)$/.test(m[1])) {
        found.processor.push({ value: { name: m[1], kvkNumber: null }, confidence: 0.7, source: sourceOf(s) });
        break;
      }
    }
  }
  if (found.processor.length) {
    const first = found.processor[0];
    registrations(sentences, first.value, found);
    // The party clause gave no number but a line naming the processor does: take it.
    const extra = found.processor.find((c) => c.value.name === first.value.name && c.value.kvkNumber);
    if (!first.value.kvkNumber && extra) found.processor[0] = { ...first, value: { ...first.value, kvkNumber: extra.value.kvkNumber } };
  }
  // Same party when the names agree and the numbers do not contradict each other.
  const same = (a: PartyProposal, b: PartyProposal) => a.name === b.name && (a.kvkNumber === b.kvkNumber || !a.kvkNumber || !b.kvkNumber);
  return {
    processor: decide(found.processor, 'No organisation is named as the processor (no "(hierna: Verwerker)", "Verwerker: …", "(\"Processor\")" or "agreement between … and the customer").', same),
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
