import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recommend } from './recommendation';
import { riskCriteriaSchema } from './risk-criteria.schema';

/**
 * Worked cases with the guidelines' outcomes, for calibrating and measuring the method. The
 * format is that of the development set (`cases.json`: id, facts, notify_sa, notify_subjects,
 * …). Its facts are prose, which no program can turn into answers faithfully, so a case is
 * measured on answers a person mapped from those facts: `inputs` on the case itself, or an
 * `inputs.json` ({ id: inputs }) beside the cases, or the mapping kept in the repository's
 * fixture (tests/fixtures/risk-cases/) for a case with the same id. A case without any is
 * listed as not mapped and left out of the counts.
 */
export interface RiskCase {
  id: string;
  facts?: string;
  source?: string;
  notify_sa: boolean;
  notify_subjects: boolean;
  inputs?: unknown;
}

export interface CaseOutcome {
  id: string;
  expected: { sa: boolean; subjects: boolean };
  method: { sa: boolean; subjects: boolean } | null;
  /** Why a case could not be measured: no mapping, or a mapping the schema rejects. */
  problem: string | null;
  mappedFrom: 'case' | 'inputs.json' | 'fixture' | null;
}

export const FIXTURE_DIR = join(__dirname, '..', '..', 'tests', 'fixtures', 'risk-cases');

export function readCases(dir: string): RiskCase[] {
  const raw = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
  const cases = Array.isArray(raw) ? raw : raw.cases;
  if (!Array.isArray(cases)) throw new Error(`${join(dir, 'cases.json')}: expected a list of cases or { "cases": [...] }`);
  for (const c of cases) {
    if (typeof c?.id !== 'string' || typeof c.notify_sa !== 'boolean' || typeof c.notify_subjects !== 'boolean') {
      throw new Error(`${join(dir, 'cases.json')}: every case needs id, notify_sa and notify_subjects (at ${JSON.stringify(c?.id ?? c)})`);
    }
  }
  return cases;
}

export function evaluateCases(dir: string, fixtureDir = FIXTURE_DIR): CaseOutcome[] {
  const cases = readCases(dir);
  const beside = existsSync(join(dir, 'inputs.json')) ? JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8')) as Record<string, unknown> : {};
  const fixture = existsSync(join(fixtureDir, 'cases.json')) ? new Map(readCases(fixtureDir).map((c) => [c.id, c.inputs])) : new Map<string, unknown>();
  return cases.map((c) => {
    const expected = { sa: c.notify_sa, subjects: c.notify_subjects };
    const [inputs, mappedFrom] = c.inputs !== undefined ? [c.inputs, 'case' as const]
      : beside[c.id] !== undefined ? [beside[c.id], 'inputs.json' as const]
      : fixture.get(c.id) !== undefined ? [fixture.get(c.id), 'fixture' as const] : [undefined, null];
    if (inputs === undefined) return { id: c.id, expected, method: null, problem: 'not mapped', mappedFrom };
    const parsed = riskCriteriaSchema.safeParse(inputs);
    if (!parsed.success) return { id: c.id, expected, method: null, problem: `inputs rejected: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, mappedFrom };
    const r = recommend(parsed.data);
    return { id: c.id, expected, method: { sa: r.reportToAp, subjects: r.informSubjects }, problem: null, mappedFrom };
  });
}

const yn = (b: boolean) => (b ? 'yes' : 'no');

export function formatOutcomes(outcomes: CaseOutcome[]): { lines: string[]; summary: string; errors: number } {
  const lines = outcomes.map((o) => {
    if (!o.method) return `${o.id.padEnd(16)} ${o.problem}`;
    const sa = o.method.sa === o.expected.sa ? 'agree' : 'DIFFER';
    const su = o.method.subjects === o.expected.subjects ? 'agree' : 'DIFFER';
    return `${o.id.padEnd(16)} art.33 ${sa.padEnd(6)} (method ${yn(o.method.sa)}, case ${yn(o.expected.sa)})  art.34 ${su.padEnd(6)} (method ${yn(o.method.subjects)}, case ${yn(o.expected.subjects)})`;
  });
  const measured = outcomes.filter((o) => o.method);
  const both = measured.filter((o) => o.method!.sa === o.expected.sa && o.method!.subjects === o.expected.subjects).length;
  const sa = measured.filter((o) => o.method!.sa === o.expected.sa).length;
  const su = measured.filter((o) => o.method!.subjects === o.expected.subjects).length;
  const errors = outcomes.filter((o) => o.problem && o.problem !== 'not mapped').length;
  const unmapped = outcomes.filter((o) => o.problem === 'not mapped').length;
  const summary = `risk cases: ${both}/${measured.length} agree on both questions (art. 33 ${sa}/${measured.length}, art. 34 ${su}/${measured.length}); ${unmapped} not mapped, ${errors} rejected`;
  return { lines, summary, errors };
}
