import 'dotenv/config';
import type { AuthUser } from '../auth/auth-user';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';

/**
 * Commands that touch the database open it as the service would (same configuration, same
 * migrations). On the embedded database, stop the service first: PGlite's files have one owner.
 */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config, { poolSize: 2 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The command line acts with admin rights; its audit entries name it by this id. */
export const CLI_ADMIN: AuthUser = { id: '00000000-0000-0000-0000-00000000c11e', role: 'admin', controllerId: null };

/** Progress on stderr, so stdout stays clean for --json and exports. */
export function progress(label: string): { tick(n: number): void; done(n: number): void } {
  const interactive = process.stderr.isTTY;
  let last = 0;
  return {
    tick(n) {
      if (!interactive || Date.now() - last < 200) return;
      last = Date.now();
      process.stderr.write(`\r${label}: ${n.toLocaleString('nl-NL')}`);
    },
    done(n) {
      process.stderr.write(`${interactive ? '\r' : ''}${label}: ${n.toLocaleString('nl-NL')} — klaar / done\n`);
    },
  };
}
