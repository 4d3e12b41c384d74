import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TooManyRequestsError } from '../domain/errors';

/**
 * Failed logins counted in the database, so every instance sees the same count. An account
 * locks for a while after a few failures (guessing one password), an address after many
 * (guessing across accounts).
 */
export const LOGIN_LIMITS = { windowMinutes: 15, perAccount: 5, perAddress: 30 };

const hashed = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;

export function throttleKeys(email: string, ip: string | null): string[] {
  return [hashed('account', email.trim().toLowerCase()), ...(ip ? [hashed('address', ip)] : [])];
}

export async function assertLoginAllowed(dataSource: DataSource, keys: string[]): Promise<void> {
  const rows: Array<{ key: string; n: number }> = await dataSource.query(
    `SELECT key, count(*)::int AS n FROM login_attempts
      WHERE key = ANY($1::text[]) AND attempted_at > now() - make_interval(mins => $2)
      GROUP BY key`,
    [keys, LOGIN_LIMITS.windowMinutes],
  );
  const over = rows.some((r) => r.n >= (r.key.startsWith('account:') ? LOGIN_LIMITS.perAccount : LOGIN_LIMITS.perAddress));
  if (over) throw new TooManyRequestsError(`Too many failed logins: try again in ${LOGIN_LIMITS.windowMinutes} minutes.`);
}

export async function recordLoginFailure(dataSource: DataSource, keys: string[]): Promise<void> {
  await dataSource.query(`INSERT INTO login_attempts (key) SELECT unnest($1::text[])`, [keys]);
  // Old rows count for nothing; dropping them here keeps the table small without a job.
  await dataSource.query(`DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'`);
}

/** A correct password clears the account's count (not the address's). */
export async function clearLoginFailures(dataSource: DataSource, keys: string[]): Promise<void> {
  await dataSource.query(`DELETE FROM login_attempts WHERE key = $1`, [keys[0]]);
}
