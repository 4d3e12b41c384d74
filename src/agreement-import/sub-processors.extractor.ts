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
  if (!found.length || !source) return notFound('No sub-processor is named (with an address in brackets, or in a list of sub-processors).');
  return { found: true, value: found, confidence: 0.8, source };
}
