import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Real service processes (`tsx src/main.ts`) for the crash and chaos suites: each in its own
 * process group, so a kill -9 of the group also ends the node process tsx starts underneath,
 * with its output kept for the failure message.
 */
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAX_OUTPUT = 400_000;

export interface ServiceChild {
  name: string;
  proc: ChildProcess;
  output: string;
  /** Lines the process logged for a deadline-timer job (how much work it did). */
  timerJobs: number;
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A wait that does not keep the test process alive on its own (for races against an exit). */
export const grace = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** tsx reports a child killed by a signal as exit code 128 + signal number. */
export const diedOfSigkill = (exit: { code: number | null; signal: NodeJS.Signals | null }) => exit.signal === 'SIGKILL' || exit.code === 128 + 9;

export async function eventually(what: string, timeoutMs: number, check: () => Promise<boolean>, explain: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; state: ${JSON.stringify(await explain())}`);
    await sleep(100);
  }
}

export class ServiceProcesses {
  readonly children: ServiceChild[] = [];
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'meldplicht-processes-'));

  spawn(name: string, env: Record<string, string>, extra: Record<string, string> = {}): ServiceChild {
    const proc = spawn(TSX, ['src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? this.dataDir, TMPDIR: tmpdir(), DATA_DIR: this.dataDir, ...env, ...extra },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child: ServiceChild = { name, proc, output: '', timerJobs: 0, exit: null, exited: null as never };
    const capture = (stream: string) => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      child.timerJobs += text.split('"msg":"deadline timer"').length - 1;
      child.output += stream === 'stderr' ? text.replace(/^/gm, '[stderr] ') : text;
      if (child.output.length > MAX_OUTPUT) child.output = child.output.slice(-MAX_OUTPUT / 2);
    };
    proc.stdout!.on('data', capture('stdout'));
    proc.stderr!.on('data', capture('stderr'));
    child.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        child.exit = { code, signal };
        resolve(child.exit);
      });
      proc.once('error', (error) => {
        child.output += `\n[spawn error] ${error.message}`;
        child.exit = { code: -1, signal: null };
        resolve(child.exit);
      });
    });
    this.children.push(child);
    return child;
  }

  kill(child: ServiceChild): void {
    if (child.exit || child.proc.pid === undefined) return;
    try {
      process.kill(-child.proc.pid, 'SIGKILL');
    } catch {
      child.proc.kill('SIGKILL');
    }
  }

  /** Kills the process group and waits for its exit. */
  async killAndWait(child: ServiceChild): Promise<void> {
    this.kill(child);
    await Promise.race([child.exited, grace(5000)]);
  }

  async killAll(): Promise<void> {
    const running = this.children.splice(0);
    running.forEach((c) => this.kill(c));
    await Promise.all(running.map((c) => Promise.race([c.exited, grace(5000)])));
  }

  report(): string {
    return this.children
      .map((c) => `----- process "${c.name}" (pid ${c.proc.pid}, ${c.exit ? `exited code=${c.exit.code} signal=${c.exit.signal}` : 'running'}) -----\n${c.output.slice(-4000)}`)
      .join('\n');
  }

  /** Any failure inside carries the processes' stdout/stderr. */
  async withOutput<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const e = error as Error;
      e.message += `\n\nService processes:\n${this.report() || '(none)'}`;
      throw e;
    }
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningService { child: ServiceChild; url: string }

/** A service process (web, and worker unless ROLE says otherwise) on a free port, answering /healthz. */
export async function startServiceProcess(processes: ServiceProcesses, name: string, env: Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const child = processes.spawn(name, env, { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await eventually(`${name} to answer /healthz`, 60_000, async () => {
    if (child.exit) throw new Error(`${name} exited during start-up: ${JSON.stringify(child.exit)}`);
    return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
  }, async () => child.output.slice(-2000));
  return { child, url };
}
