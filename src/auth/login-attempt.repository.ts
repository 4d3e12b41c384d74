import type { Queryable } from './user.repository';

/** Failed logins (`login_attempts`): hashed keys only, no addresses or e-mails at rest. */
export interface KeyCount {
  key: string;
  failures: number;
  lastAt: Date;
  now: Date;
}

export async function countRecentFailures(q: Queryable, keys: string[], windowMinutes: number): Promise<KeyCount[]> {
  const rows = await q.query(
    `SELECT key, count(*)::int AS n, max(attempted_at) AS last_at, now() AS now FROM login_attempts
      WHERE key = ANY($1::text[]) AND attempted_at > now() - make_interval(mins => $2)
      GROUP BY key`,
    [keys, windowMinutes],
  );
  return rows.map((r: any) => ({ key: r.key, failures: r.n, lastAt: new Date(r.last_at), now: new Date(r.now) }));
}

export async function insertFailures(q: Queryable, keys: string[], account: string): Promise<void> {
  await q.query(`INSERT INTO login_attempts (key, account) SELECT unnest($1::text[]), $2`, [keys, account]);
  // Old rows count for nothing; dropping them here keeps the table small without a job.
  await q.query(`DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'`);
}

export async function deleteFailuresByKey(q: Queryable, key: string): Promise<void> {
  await q.query(`DELETE FROM login_attempts WHERE key = $1`, [key]);
}

/** Every count one account's failures fed (its pairs, the account, the addresses); returns how many. */
export async function deleteFailuresOfAccount(q: Queryable, account: string): Promise<number> {
  const rows = await q.query(`DELETE FROM login_attempts WHERE account = $1 RETURNING id`, [account]);
  return Array.isArray(rows[0]) ? rows[0].length : rows.length;
}
