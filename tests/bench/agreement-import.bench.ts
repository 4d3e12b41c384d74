import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractAgreementProfile } from '../../src/agreement-import/extract-agreement-profile';

/**
 * `npm run bench`: extraction of a 50-page agreement must take under a second (issue 6).
 * A page is ~3,000 characters; the 50 pages are the three seed DPAs (or, without
 * ../shared, the English fixture) repeated. Also times a 5 MB text, for information.
 */
const SEEDS = path.resolve(__dirname, '../../../shared/seeds');
const FILES = ['000_23cbfdaf675b9fec.txt', '001_767ff1e236aec2cf.txt', '002_26c4b675521f24a2.txt'].map((f) => path.join(SEEDS, f));
const base = FILES.every(existsSync)
  ? FILES.map((f) => readFileSync(f, 'utf8')).join('\n\n')
  : readFileSync(path.resolve(__dirname, '../fixtures/agreement-profiles/english-dpa.txt'), 'utf8');

const PAGE = 3000;
const fifty = base.repeat(Math.ceil((50 * PAGE) / base.length)).slice(0, 50 * PAGE);

function time(text: string, runs: number): { median: number; max: number } {
  extractAgreementProfile(text); // warm-up: regex compilation, JIT
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    extractAgreementProfile(text);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1] };
}

const fiftyPages = time(fifty, 10);
const fiveMb = time(`${base}\n${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(Math.ceil((5 * 1024 * 1024) / 57))}`, 2);
console.log(`50 pages (${fifty.length} chars): median ${fiftyPages.median.toFixed(1)} ms, max ${fiftyPages.max.toFixed(1)} ms (limit 1000 ms)`);
console.log(`5 MB text: median ${fiveMb.median.toFixed(0)} ms, max ${fiveMb.max.toFixed(0)} ms (no limit)`);
if (fiftyPages.max >= 1000) {
  console.error('FAIL: a 50-page agreement took a second or more');
  process.exitCode = 1;
}
