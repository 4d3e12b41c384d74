import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Meldplicht as production runs it (`node --import tsx src/main.ts`, as in docker/Dockerfile)
 * in a process of its own, configured by environment only. Benchmarks start the service
 * (ROLE=all / web) or workers (ROLE=worker) this way so that they compete for the CPU as real
 * instances would, and so that the process's CPU and memory are its own, not the benchmark's.
 * Node is the process itself (no tsx wrapper): `pid` is the one doing the work.
 */
const ROOT = path.resolve(__dirname, '../../..');
const MAX_OUTPUT = 200_000;
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256';
/** Production settings unless the benchmark says otherwise. */
const PRODUCTION_DEFAULTS = { NODE_ENV: 'production', PORT: '0', JWT_SECRET: BENCH_JWT_SECRET, PUBLIC_URL: 'https://meldplicht.bench.example', SEED_DEMO: 'false' };
const CLOCK_TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s

export interface ServiceProcess {
  name: string;
  pid: number;
  /** The HTTP base URL it printed (ROLE=all / web), once ready. */
  url: string | null;
  /** Its log (ids and states only, as the product logs), for a failure report. */
  output(): string;
  /** How many log lines had this message (`"msg":"…"`), e.g. how many deadline timers it ran. */
  logged(msg: string): number;
  /** CPU seconds used so far by the whole process group (tsx and the node it starts). */
  cpuSeconds(): number;
  /** What cpuSeconds() said the moment it was seen running: its start-up. */
  startupCpuSeconds: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  stop(): Promise<void>;
}

/** Starts `tsx src/main.ts` and resolves once it printed that it is running. */
export async function startServiceProcess(name: string, env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ServiceProcess> {
  // The log goes to a file, not a pipe: on Linux a process writes to a pipe synchronously, so
  // a benchmark process busy with its stand-ins would stall the service it measures (seen:
  // seconds of blocked writev in a CPU profile). A file never pushes back.
  const logDir = mkdtempSync(path.join(tmpdir(), 'meldplicht-bench-log-'));
  const logFile = path.join(logDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.log`);
  const logFd = openSync(logFile, 'w');
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  // A process group of its own (detached), so a signal to the group reaches all of it.
  const proc: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), TMPDIR: tmpdir(), ...PRODUCTION_DEFAULTS, ...env },
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const output = () => {
    const text = readFileSync(logFile, 'utf8');
    return text.length > MAX_OUTPUT ? text.slice(-MAX_OUTPUT) : text;
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
    proc.once('error', (error) => {
      appendFileSync(logFile, `\n[spawn error] ${error.message}`);
      resolve({ code: -1, signal: null });
    });
  });
  const pid = proc.pid!;
  let gone = false;
  void exited.then(() => (gone = true));
  let url: string | null = null;

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  };
  const handle: ServiceProcess = {
    name,
    pid,
    get url() {
      return url;
    },
    output,
    logged: (msg) => readFileSync(logFile, 'utf8').split(`"msg":${JSON.stringify(msg)}`).length - 1,
    cpuSeconds: () => groupCpuSeconds(pid),
    startupCpuSeconds: 0,
    exited,
    running: () => !gone,
    async stop() {
      if (!gone) {
        // Graceful first (the service finishes its current jobs), then for certain.
        signalGroup('SIGTERM');
        const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
        if ((await Promise.race([exited.then(() => 'exited'), timeout])) !== 'exited') {
          signalGroup('SIGKILL');
          await exited;
        }
      }
      rmSync(logDir, { recursive: true, force: true });
    },
  };
  const started = Date.now();
  for (;;) {
    const running = /Meldplicht is running: (\S+)/.exec(readFileSync(logFile, 'utf8'));
    if (running) {
      url = running[1].startsWith('http') ? running[1] : null;
      handle.startupCpuSeconds = handle.cpuSeconds();
      return handle;
    }
    if (gone || Date.now() - started > readyTimeoutMs) {
      await handle.stop();
      throw new Error(`${name} did not start (${gone ? 'exited' : 'timeout'}):\n${output().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sum of user + system CPU time of every process in the group, from /proc. */
function groupCpuSeconds(groupId: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.group === groupId) ticks += stat.ticks;
  }
  return ticks / CLOCK_TICKS;
}

/** CPU seconds used so far by these processes (e.g. the PostgreSQL backends of one database). */
export function processesCpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (procStat(pid)?.ticks ?? 0), 0) / CLOCK_TICKS;
}

function procStat(pid: number): { group: number; ticks: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // ended meanwhile
  }
  // Fields after the parenthesised command name: state ppid pgrp … utime(14) stime(15).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { group: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** Busy and total CPU time of the whole machine so far (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0); // idle + iowait
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/** CPU seconds (user + system) one process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  return (procStat(pid)?.ticks ?? 0) / CLOCK_TICKS;
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
