import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './service-processes';

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory, on a free port),
 * for tests that crash and restart the database server: they must not take down the shared
 * server other tests and people on the machine use. Uses the installed server binaries
 * (Debian: /usr/lib/postgresql/<version>/bin); run as root, it runs them as `postgres`.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port> — append /<database>. */
  serverUrl: string;
  /** `immediate`: no checkpoint, like a crash; the next start runs crash recovery. */
  stop(mode: 'immediate' | 'fast'): void;
  start(): void;
  isUp(): boolean;
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error(`no PostgreSQL server binaries under ${root}`);
  const bin = (name: string) => path.join(root, version, 'bin', name);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'meldplicht-pg-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (name: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin(name), ...args]] : [bin(name), args];
    return execFileSync(cmd, argv, { stdio: 'pipe', timeout: 120_000 }).toString();
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-instructions']);
  const pg: PrivatePostgres = {
    serverUrl: `postgres://postgres@127.0.0.1:${port}`,
    start: () => {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`, 'start']);
    },
    stop: (mode) => {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    isUp: () => {
      try {
        execFileSync(bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    },
    destroy: () => {
      try {
        if (pg.isUp()) pg.stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  pg.start();
  return pg;
}
