import { evaluateCases, formatOutcomes } from '../risk/risk-cases';

/**
 * `npm run eval:risk -- <dir>`: the risk method measured on a directory of worked cases
 * (`<dir>/cases.json`, see src/risk/risk-cases.ts for how a case gets its answers). Prints one
 * line per case and a summary; exits 1 when a file cannot be read or a mapping is rejected.
 */
const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: npm run eval:risk -- <dir with cases.json>\n');
  process.exit(2);
}
try {
  const { lines, summary, errors } = formatOutcomes(evaluateCases(dir));
  process.stdout.write(`${lines.join('\n')}\n${summary}\n`);
  process.exitCode = errors > 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`eval:risk: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
