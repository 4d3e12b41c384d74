import { RETRYABLE_ERROR_CODES } from 'graphile-worker/dist/lib';
import { DATABASE_UNAVAILABLE_CODES } from '../db/connection-loss';

/**
 * graphile-worker 0.17 records a job's completion or failure without awaiting it, and retries
 * that write only on serialization failures, deadlocks and "cannot connect now". A database
 * restart gives ECONNREFUSED or "terminating connection" instead: the write fails at once and
 * the rejection reaches nobody (found by tests/chaos/database-restart.chaos.ts; main.ts keeps
 * the process alive for the ones that carry no code). Treating a restart as retryable keeps
 * the write trying until the database is back. Deep import: the table is not re-exported.
 */
const UNTIL_THE_DATABASE_IS_BACK = { minDelay: 500, maxDelay: 30_000 };

export function retryQueueWritesAcrossDatabaseRestarts(): void {
  for (const code of DATABASE_UNAVAILABLE_CODES) RETRYABLE_ERROR_CODES[code] ??= UNTIL_THE_DATABASE_IS_BACK;
}
