/**
 * Cuts an agreement into lines and sentences, each tagged with the clause it belongs to
 * ("7.1", "6.2 a", "Appendix 1 §3", "Bijlage 2 §2.4") and the heading above it. Offsets
 * always point into the normalised text so a page can highlight exactly what was read.
 */
export interface TextLine {
  index: number;
  start: number;
  end: number;
  /** The line without its clause number or list marker. */
  body: string;
  bodyStart: number;
  clause: string | null;
  heading: string | null;
  /** A list item ("- …", "a) …", "✓ …") rather than running text. */
  listItem: boolean;
  /** A heading line ("7. Meldplicht", "BIJLAGE 3 …"). */
  isHeading: boolean;
  inAnnex: boolean;
  raw: string;
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
  clause: string | null;
  heading: string | null;
  line: TextLine;
}

export interface SplitAgreement {
  text: string;
  lines: TextLine[];
  sentences: Sentence[];
}

/** BOM and line endings only: everything else stays, so offsets match what the admin pasted. */
export function normaliseAgreementText(input: string): string {
  return input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const ANNEX_HEADING = /^(bijlage|appendix|annex|schedule)\s+(\d+|[A-Z])\b/i;
// Bullets as texts write them: hyphen, en/em dash, Word's bullets, check marks.
// "*" only with a space after it: "**Naam**" at the start of a line is bold, not a bullet.
const MARKER = /^(?:(?:[-•✓·–—◦▪‣●○■□➢►]|\*(?=\s))\s{0,8})+/;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\*\*)?(?=\s)\s*/;
// "a)", "a.", "a.)", "(a)", "(iv)": a lettered or roman-numbered item of the clause.
const LETTERED = /^\(?([a-z]|[ivx]{1,4})(?:\.\)|\)|\.)\s+/;

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

interface State {
  clause: string | null;
  base: string | null;
  heading: string | null;
  annex: string | null;
  annexWord: string;
  labelledAnnex: boolean;
  lastTop: number;
}

function isBlank(lines: string[], i: number): boolean {
  return i < 0 || i >= lines.length || lines[i].trim() === '';
}

function qualify(state: State, number: string): string {
  return state.annex ? `${state.annex} §${number}` : number;
}

/**
 * "3. Meldplicht ........ 7": dots or a tab, then a page number, at the end of the line.
 * Read from the end by hand: a pattern like /(\.{3,}|\t)\s*\d+\s*$/ retries the whole
 * run of dots from every dot, which is quadratic on a long run of dots.
 */
export function isTocLine(body: string): boolean {
  let i = body.length - 1;
  const space = (c: string) => c === ' ' || c === '\t' || c === '\u00a0';
  while (i >= 0 && space(body[i]) && body[i] !== '\t') i--;
  const digitsEnd = i;
  while (i >= 0 && body[i] >= '0' && body[i] <= '9') i--;
  if (i === digitsEnd) return false;
  if (i >= 0 && body[i] === '\t') return true;
  while (i >= 0 && space(body[i])) {
    if (body[i] === '\t') return true;
    i--;
  }
  return i >= 2 && body[i] === '.' && body[i - 1] === '.' && body[i - 2] === '.';
}

export function splitAgreement(input: string): SplitAgreement {
  const text = normaliseAgreementText(input);
  const rawLines = text.split('\n');
  const dutch = /\b(verwerker|de|het|van)\b/i.test(text.slice(0, 5000));
  const state: State = { clause: null, base: null, heading: null, annex: null, annexWord: dutch ? 'Bijlage' : 'Annex', labelledAnnex: false, lastTop: 0 };
  const lines: TextLine[] = [];
  let offset = 0;
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i];
    const start = offset;
    offset += raw.length + 1;
    const lead = raw.length - raw.trimStart().length;
    let body = raw.trim();
    if (body === '') continue;
    // A hard-wrapped paragraph (PDF, e-mail, a text file wrapped at 80 columns): a line that
    // goes on in lower case after a line that ends no sentence belongs to that line. The
    // line keeps its newline inside, so offsets still point at the text as pasted.
    const prev = lines[lines.length - 1];
    // Only a long line wraps; tables, labels and address blocks (short lines, tabs, e-mail
    // addresses) keep their lines.
    if (prev && prev.index === i - 1 - (prev.raw.split('\n').length - 1) && /^[a-z\u00DF-\u00FF(‘'"“]/.test(body) && !/[.:;!?|]\s*$/.test(prev.raw)
      && !MARKER.test(body) && prev.raw.length >= 50 && !prev.raw.includes('\t') && !raw.includes('\t') && !/@|https?:/.test(body.slice(0, 40))) {
      prev.end = start + raw.trimEnd().length;
      prev.raw = text.slice(prev.start, start + raw.length);
      prev.body = text.slice(prev.bodyStart, prev.end);
      continue;
    }
    let bodyStart = start + lead;
    let listItem = false;
    let isHeading = false;
    const marker = MARKER.exec(body);
    if (marker) {
      listItem = true;
      body = body.slice(marker[0].length);
      bodyStart += marker[0].length;
    }
    if (/^\d/.test(body) && isTocLine(body)) continue;
    const annex = ANNEX_HEADING.exec(body);
    if (annex && body.length < 120 && !listItem) {
      state.annex = `${capitalise(annex[1])} ${annex[2].toUpperCase()}`;
      state.labelledAnnex = true;
      state.clause = state.annex;
      state.base = state.annex;
      state.heading = body;
      isHeading = true;
    } else {
      const numbered = NUMBERED.exec(body);
      const lettered = numbered ? null : LETTERED.exec(body);
      if (numbered) {
        const number = numbered[1];
        const rest = body.slice(numbered[0].length);
        const topLevel = !number.includes('.');
        const headingLike = rest.length < 90 && !/[.;,:]$/.test(rest) && isBlank(rawLines, i - 1) && isBlank(rawLines, i + 1) && /^[A-Z\u00C0-\u00DD‘'"“]/.test(rest);
        if (topLevel && !headingLike) {
          // "1. De overeenkomst (offerte);": a numbered list inside a clause, not a new clause.
          listItem = true;
        } else {
          body = rest;
          bodyStart += numbered[0].length;
          if (topLevel) {
            const n = Number(number);
            // Numbering that starts again after the last article: an annex without a "Bijlage" heading.
            if (!state.annex && n === 1 && state.lastTop >= 3) state.annex = `${state.annexWord} 1`;
            else if (state.annex && !state.labelledAnnex) state.annex = `${state.annexWord} ${n}`;
            if (!state.annex) state.lastTop = n;
            isHeading = true;
            state.heading = rest;
          } else if (headingLike) {
            state.heading = rest;
            isHeading = true;
          }
          state.clause = qualify(state, number);
          state.base = state.clause;
        }
      } else if (lettered && state.base) {
        listItem = true;
        state.clause = `${state.base} ${lettered[1]}`;
        body = body.slice(lettered[0].length);
        bodyStart += lettered[0].length;
      } else if (!listItem && state.base && state.clause !== state.base && isBlank(rawLines, i - 1)) {
        state.clause = state.base;
      }
    }
    lines.push({
      index: i, start, end: start + raw.length, body, bodyStart, clause: state.clause, heading: state.heading,
      listItem, isHeading, inAnnex: state.annex !== null, raw,
    });
  }
  return { text, lines, sentences: lines.flatMap((line) => splitSentences(text, line)) };
}

// Words whose trailing period does not end a sentence.
const ABBREVIATIONS = new Set(['art', 'nr', 'bijv', 'bv', 'ca', 'zgn', 'resp', 'jo', 'vs', 'mr', 'dhr', 'mw', 'st', 'no', 'cf', 'incl', 'excl', 'o', 'e', 'i', 'ltd', 'inc', 'sub', 'lid']);

function splitSentences(text: string, line: TextLine): Sentence[] {
  const body = line.body;
  const out: Sentence[] = [];
  let from = 0;
  const boundary = /[.!?](?=\s+[A-Z\u00C0-\u00DD"“‘(])/g;
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(body))) {
    const before = /([\p{L}.]+)$/u.exec(body.slice(Math.max(from, m.index - 20), m.index))?.[1] ?? '';
    const word = before.toLowerCase();
    if (word.includes('.') || ABBREVIATIONS.has(word) || /^[A-Z]$/.test(before)) continue;
    push(m.index + 1);
    from = m.index + 1;
  }
  push(body.length);
  return out;

  function push(to: number): void {
    const slice = body.slice(from, to);
    const trimmedStart = slice.length - slice.trimStart().length;
    const sentenceText = slice.trim();
    if (!sentenceText) return;
    const start = line.bodyStart + from + trimmedStart;
    out.push({ text: sentenceText, start, end: start + sentenceText.length, clause: line.clause, heading: line.heading, line });
  }
}

/** A source reference for a sentence, or for a run of lines (a table, an annex block). */
export function sourceOf(s: { text: string; start: number; end: number; clause: string | null }): { clause: string | null; sentence: string; start: number; end: number } {
  return { clause: s.clause, sentence: s.text, start: s.start, end: s.end };
}

export function sourceOfLines(text: string, first: TextLine, last: TextLine): { clause: string | null; sentence: string; start: number; end: number } {
  const start = first.start + (first.raw.length - first.raw.trimStart().length);
  const end = last.end - (last.raw.length - last.raw.trimEnd().length);
  return { clause: first.clause, sentence: text.slice(start, end), start, end };
}

const lineTests = new WeakMap<TextLine, Map<RegExp, boolean>>();

/**
 * Whether a sentence's whole line (its clause paragraph) matches: asked for every sentence of
 * a line, so the answer is kept per line — a 5 MB text on one line would otherwise be read
 * once per sentence.
 */
export function lineMatches(line: TextLine, pattern: RegExp): boolean {
  let tests = lineTests.get(line);
  if (!tests) lineTests.set(line, (tests = new Map()));
  let result = tests.get(pattern);
  if (result === undefined) tests.set(pattern, (result = pattern.test(line.body)));
  return result;
}
