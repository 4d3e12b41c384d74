/**
 * Numbers as agreements write them: "24", "vierentwintig (24)", "twenty-four", "een jaar".
 * Dutch writes compounds as one word, units first ("achtenveertig" = 8 + 40).
 */
const NL_UNITS: Record<string, number> = { een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9 };
const NL_TEENS: Record<string, number> = {
  tien: 10, elf: 11, twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18, negentien: 19,
};
const NL_TENS: Record<string, number> = { twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80, negentig: 90 };
const EN_SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** A written-out number (Dutch or English), or null when the word is not one. */
export function parseNumberWord(input: string): number | null {
  const word = input.toLowerCase().trim().replace(/\s+/g, ' ');
  if (/^\d+$/.test(word)) return Number(word);
  if (word in NL_UNITS) return NL_UNITS[word];
  if (word in NL_TEENS) return NL_TEENS[word];
  if (word in NL_TENS) return NL_TENS[word];
  if (word in EN_SMALL) return EN_SMALL[word];
  if (word in EN_TENS) return EN_TENS[word];
  if (word === 'honderd' || word === 'hundred' || word === 'one hundred') return 100;
  const nl = /^(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)$/.exec(word);
  if (nl) return NL_UNITS[nl[1]] + NL_TENS[nl[2]];
  const en = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)$/.exec(word);
  if (en) return EN_TENS[en[1]] + EN_SMALL[en[2]];
  return null;
}

export type DurationUnit = 'hour' | 'day' | 'business_day' | 'week' | 'month' | 'year';

export interface Duration {
  value: number;
  unit: DurationUnit;
  /** The words as written, e.g. "vierentwintig (24) uur". */
  text: string;
  index: number;
  /** Set when the words and the digits in brackets disagree ("twintig (24) uur"). */
  mismatch?: { words: number; digits: number };
}

const UNITS: Array<[RegExp, DurationUnit]> = [
  [/^(uur|uren|hours?|hrs?|h)$/i, 'hour'],
  [/^(werkdag(en)?|business days?|working days?)$/i, 'business_day'],
  [/^(dag(en)?|kalenderdag(en)?|days?|calendar days?)$/i, 'day'],
  [/^(we(e)?k(en)?|weeks?)$/i, 'week'],
  [/^(maand(en)?|months?)$/i, 'month'],
  [/^(jaar|jaren|years?)$/i, 'year'],
];

const NUMBER_TOKEN = String.raw`\d{1,4}|[a-zA-Zéë]+(?:[- ][a-z]+)?`;
const UNIT_TOKEN = String.raw`uur|uren|hours?|hrs?|h|werkdagen|werkdag|business days?|working days?|kalenderdagen|kalenderdag|dagen|dag|calendar days?|days?|weken|week|weeks|maanden|maand|months?|jaren|jaar|years?`;
const DURATION = new RegExp(String.raw`(?<![\w-])(${NUMBER_TOKEN})\s*(?:\(\s*(\d{1,4})\s*\)\s*)?(${UNIT_TOKEN})(?![\w-])`, 'gi');

function unitOf(word: string): DurationUnit | null {
  for (const [pattern, unit] of UNITS) if (pattern.test(word)) return unit;
  return null;
}

/** Every duration in a sentence, in order. */
export function findDurations(sentence: string): Duration[] {
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DURATION.exec(sentence))) {
    let numberText = m[1];
    let value = parseNumberWord(numberText);
    let skip = 0;
    // "twenty four hours" is one number; "binnen vierentwintig uur" is a word and a number.
    if (value === null && numberText.includes(' ')) {
      skip = numberText.lastIndexOf(' ') + 1;
      numberText = numberText.slice(skip);
      value = parseNumberWord(numberText);
    }
    const digits = m[2] ? Number(m[2]) : null;
    const unit = unitOf(m[3]);
    if (unit === null) continue;
    if (value === null && digits === null) continue;
    if (m[3].toLowerCase() === 'h' && !/^\d/.test(numberText)) continue;
    const duration: Duration = { value: digits ?? value!, unit, text: m[0].slice(skip), index: m.index + skip };
    if (value !== null && digits !== null && value !== digits) duration.mismatch = { words: value, digits };
    out.push(duration);
  }
  return out;
}

export function toHours(d: Duration): number | null {
  switch (d.unit) {
    case 'hour': return d.value;
    case 'day': return d.value * 24;
    case 'business_day': return d.value * 24;
    case 'week': return d.value * 24 * 7;
    default: return null;
  }
}

export function toMonths(d: Duration): number | null {
  switch (d.unit) {
    case 'month': return d.value;
    case 'year': return d.value * 12;
    default: return null;
  }
}
