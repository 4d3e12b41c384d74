import type { Extracted, SubProcessorProposal } from './agreement-profile.types';
import { notFound } from './candidates';
import { sourceOf, type SplitAgreement } from './clause-splitter';

/**
 * Sub-processors: a name with an address in brackets in a sentence about sub-processors
 * ("SmartDC Rotterdam (Van Nelleweg 1, 3044 BC Rotterdam)"), or the items of a list that a
 * sentence introduces ("gebruik van de volgende subverwerkers": "a) CYSO: Leverancier …").
 */
const SUB = /\b(sub-?verwerker\w*|sub-?processor\w*|onderaannemer\w*)\b/i;
// Bounded repetitions only: the text is the client's, and an unbounded word pattern tried
// from every capital of a long token is quadratic.
const WITH_ADDRESS = /([A-Z][\p{L}0-9&.'’-]{0,40}(?:\s{1,5}[A-Z][\p{L}0-9&.'’-]{0,40}){0,4})\s{0,5}\(([^()]{0,200}\b\d{4}\s?[A-Z]{2}\b[^()]{0,200})\)/gu;
const LIST_INTRO = /\b(volgende|following)\s+(sub-?verwerkers|sub-?processors)\b/i;

const SUB_WORD = /(sub-?verwerker\w*|subverwerker\w*|sub-?processor\w*|onderaannemer\w*)/i;
// "… de volgende subverwerkers:", "onderstaande subverwerkers", "In gebruik zijnde sub-verwerkers:",
// "engages the following Sub-processors", or a heading "Annex 3: Sub-processors".
const NAMED_BELOW = /(:\s*$|\b(volgende|onderstaande|hieronder|following|below|listed|lijst|list)\b)/i;
const HEADER_CELL = /^(sub-?verwerker\w*|subverwerker\w*|sub-?processor\w*|naam|name|partij|party|leverancier|vendor|provider|dienst|service|entity|company|bedrijf)$/i;

/** The name a list item or table row starts with: up to ":", " (", ",", " – " or the cell's end. */
function leadingName(text: string, cell: boolean): string | null {
  const cleaned = text.replace(/\*\*|`/g, '').trim();
  // A list item must name and then describe ("Vercel: hosting"); a table cell may be the name alone.
  const m = (cell ? /^([A-Z0-9\u00C0-\u00DD][^:|,–—]{0,60}?)(?:\s*(?::|\||,|\s[–—-]\s)|$)/ : /^([A-Z0-9\u00C0-\u00DD][^:|,–—]{0,60}?)\s*(?::|,|\s[–—-]\s)/).exec(cleaned);
  if (!m) return null;
  const name = m[1].trim();
  if (name.length < 2 || name.split(/\s+/).length > 6 || HEADER_CELL.test(name) || /^-+$/.test(name) || SUB_WORD.test(name)) return null;
  // A sentence, not a name: "Starred zal Klant …", "The Processor shall …".
  if (/\b(zal|zullen|wordt|worden|kan|mag|is|zijn|shall|will|must|may|can|is|are|the|de|het|een|e\.g|bijv)\b/i.test(name)) return null;
  return name;
}

/** The rows or items under a line that announces the sub-processors: list items, tables with a row per line, or a cell per line. */
function namesBelow(doc: SplitAgreement, at: number): string[] {
  const names: string[] = [];
  const lines = doc.lines;
  let rowStart = true;
  for (let i = at + 1; i < lines.length && i <= at + 80; i++) {
    const line = lines[i];
    const raw = line.raw.trim();
    if (line.isHeading && !SUB_WORD.test(line.body)) break;
    if (i > at + 1 && line.index > lines[i - 1].index + 1) rowStart = true;
    const cells = raw.replace(/^\|/, '').split('|').map((c) => c.trim());
    if (raw.includes('|')) {
      // A table: the first cell of each row (a row per line, or a block of cell lines).
      const oneCellPerLine = cells.filter(Boolean).length === 1;
      if (!oneCellPerLine || rowStart) {
        const name = leadingName(cells.find(Boolean) ?? '', true);
        if (name && !/^[-: ]+$/.test(cells[0] ?? '')) names.push(name);
      }
      rowStart = !oneCellPerLine;
      continue;
    }
    if (line.listItem) {
      const name = leadingName(line.body, false);
      if (name) names.push(name);
      rowStart = true;
      continue;
    }
    if (/^#{3,6}\s/.test(raw) || (/^#{1,6}\s/.test(raw) && SUB_WORD.test(raw))) continue; // "### A. Infrastructure Sub-processors"
    // Another sentence that introduces (more) sub-processors: the list goes on below it.
    if (SUB_WORD.test(line.body) && line.body.length <= 300) continue;
    break;
  }
  return names;
}

export function extractSubProcessors(doc: SplitAgreement): Extracted<SubProcessorProposal[]> {
  const found: SubProcessorProposal[] = [];
  let source: ReturnType<typeof sourceOf> | null = null;
  const add = (p: SubProcessorProposal, from: ReturnType<typeof sourceOf>) => {
    if (found.some((f) => f.name.toLowerCase() === p.name.toLowerCase())) return;
    found.push(p);
    source ??= from;
  };
  for (const s of doc.sentences) {
    if (!SUB.test(s.text)) continue;
    WITH_ADDRESS.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WITH_ADDRESS.exec(s.text))) add({ name: m[1].trim(), address: m[2].replace(/\s+/g, ' ').trim() }, sourceOf(s));
    if (LIST_INTRO.test(s.text)) {
      const at = doc.lines.indexOf(s.line);
      for (const line of doc.lines.slice(at + 1)) {
        if (!line.listItem || line.isHeading) break;
        const name = /^([^:]{2,40}):/.exec(line.body)?.[1].trim();
        if (name) add({ name }, sourceOf(s));
      }
    }
  }
  if (!found.length) {
    for (let i = 0; i < doc.lines.length && !found.length; i++) {
      const line = doc.lines[i];
      if (!SUB_WORD.test(line.body) || line.body.length > 400) continue;
      if (!NAMED_BELOW.test(line.body) && !(line.isHeading || /^#{1,6}\s/.test(line.raw.trim()))) continue;
      if (/\b(definitie|means|betekent|een derde partij|a third party)\b/i.test(line.body)) continue;
      const names = namesBelow(doc, i);
      if (names.length === 0) continue;
      const from = { clause: line.clause, sentence: line.body, start: line.bodyStart, end: line.bodyStart + line.body.length };
      for (const name of names) add({ name }, from);
    }
  }
  if (!found.length || !source) return notFound('No sub-processor is named (with an address in brackets, or in a list of sub-processors).');
  return { found: true, value: found, confidence: 0.8, source };
}
