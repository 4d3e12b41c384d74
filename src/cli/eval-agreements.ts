import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractAgreementProfile } from '../agreement-import/extract-agreement-profile';
import { readAgreementText } from '../agreement-import/agreement-text.reader';
import {
  EVALUATED_FIELDS, emptyTally, percentCorrect, scoreAgreement, tally, total, type ExpectedAgreement, type Tally,
} from '../agreement-import/evaluation/agreement-evaluation';

/**
 * `npm run eval:agreements -- <dir> [--expected <file>]`: reads every agreement an
 * expected.json annotates (texts in <dir>/texts/ or <dir>/), prints per document and per
 * field correct / missing / wrong / invented, then one summary line. Exits 1 when the reader
 * invented anything (a value the text does not state is worse than asking), 2 on bad usage.
 */
async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const at = args.indexOf('--expected');
  const expectedFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const dir = args[0];
  if (!dir) {
    process.stderr.write('usage: npm run eval:agreements -- <dir> [--expected <expected.json>]\n');
    return 2;
  }
  const file = expectedFile ?? path.join(dir, 'expected.json');
  if (!existsSync(file)) {
    process.stderr.write(`eval:agreements: no annotations at ${file}\n`);
    return 2;
  }
  const annotations = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ExpectedAgreement>;
  const perField = new Map(EVALUATED_FIELDS.map((f) => [f, emptyTally()]));
  const all: Tally = emptyTally();
  const names = Object.keys(annotations).filter((n) => !n.startsWith('_')).sort();
  for (const name of names) {
    const textPath = [path.join(dir, 'texts', name), path.join(dir, name)].find((p) => existsSync(p));
    if (!textPath) {
      process.stderr.write(`eval:agreements: ${name} is annotated but not in ${dir}\n`);
      return 2;
    }
    const text = await readAgreementText({ buffer: readFileSync(textPath), fileName: name });
    const scores = scoreAgreement(annotations[name], extractAgreementProfile(text));
    const doc = tally(scores);
    tally(scores, all);
    for (const s of scores) perField.get(s.field)![s.outcome] += 1;
    process.stdout.write(`${name}: ${doc.correct}/${total(doc)} correct\n`);
    for (const s of scores.filter((x) => x.outcome !== 'correct')) {
      process.stdout.write(`  ${s.outcome.padEnd(8)} ${s.field}: expected ${JSON.stringify(s.expected)}, read ${JSON.stringify(s.actual)}\n`);
    }
  }
  process.stdout.write(`\n${'field'.padEnd(22)} correct missing wrong invented\n`);
  for (const [field, t] of perField) {
    process.stdout.write(`${field.padEnd(22)} ${String(t.correct).padStart(7)} ${String(t.missing).padStart(7)} ${String(t.wrong).padStart(5)} ${String(t.invented).padStart(8)}\n`);
  }
  process.stdout.write(`eval ${dir}: ${names.length} documents, ${all.correct}/${total(all)} fields correct (${percentCorrect(all)} %), ${all.missing} missing, ${all.wrong} wrong, ${all.invented} invented\n`);
  return all.invented > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { process.stderr.write(`eval:agreements: ${(error as Error).message}\n`); process.exitCode = 2; },
);
