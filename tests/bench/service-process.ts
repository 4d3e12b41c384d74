import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Meldplicht as deployed (`src/main.ts`, NODE_ENV=production) in a process of its own, so a
 * benchmark can measure it from outside: its CPU and memory are its own, not the generator's.
 * Node itself runs with tsx's loader (not the tsx wrapper) in its own process group, so that
 * `pid` is the process doing the work and a signal reaches it.
 */
const ROOT = path.resolve(__dirname, '../..');
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256';

export interface ServiceProcess {
  pid: number;
  /** Where the web part listens (null for ROLE=worker). */
  url: string | null;
  /** Lines the process logged whose message was `msg`. */
  logged(msg: string): number;
  /** What it wrote to stderr (warnings of the runtime; at most the first 20 kB). */
  stderr(): string;
  /** SIGTERM (graceful: finishes its current work); SIGKILL if that takes over 30 s. */
  stop(): Promise<string>;
}

export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    detached: true,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, NODE_ENV: 'production', PORT: '0',
      JWT_SECRET: BENCH_JWT_SECRET, PUBLIC_URL: 'https://meldplicht.bench', SEED_DEMO: 'false', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let head = '';
  let errors = '';
  const counts = new Map<string, number>();
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    for (const match of text.matchAll(/"msg":"([^"]*)"/g)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
    if (head.length < 20_000) head += text;
  });
  proc.stderr!.on('data', (chunk: Buffer) => {
    if (head.length < 20_000) head += chunk.toString('utf8');
    if (errors.length < 20_000) errors += chunk.toString('utf8');
  });
  const url = await new Promise<string | null>((resolve, reject) => {
    const check = setInterval(() => {
      const line = /Meldplicht is running: (\S+)/.exec(head);
      if (line) {
        clearInterval(check);
        resolve(line[1].startsWith('http') ? line[1] : null);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      reject(new Error(`service process exited (${code}) before it was ready:\n${head}`));
    });
  });
  return {
    pid: proc.pid!,
    url,
    logged: (msg) => counts.get(msg) ?? 0,
    stderr: () => errors,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return 'already exited';
      const startedAt = Date.now();
      process.kill(-proc.pid!, 'SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        process.kill(-proc.pid!, 'SIGKILL');
        await exited;
        return 'killed after 30 s';
      }
      return `stopped in ${Date.now() - startedAt} ms`;
    },
  };
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return 0;
  }
}

/** Resident memory (VmRSS) and its peak (VmHWM) of a process, in MB, from /proc. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so the peak measured is the next phase's. */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
