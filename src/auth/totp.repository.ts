import type { Queryable } from './user.repository';

/** A user's second factor as stored: sealed secrets (src/auth/totp.ts) and the last used time step. */
export interface TotpRow {
  userId: string;
  email: string;
  sealedSecret: string | null;
  sealedPending: string | null;
  enabled: boolean;
  lastStep: number | null;
}

/** Locked for the rest of the transaction: two logins with the same code cannot both pass. */
export async function lockTotp(q: Queryable, userId: string): Promise<TotpRow | null> {
  const [r] = await q.query(
    `SELECT id, email, totp_secret, totp_pending, totp_enabled_at IS NOT NULL AS enabled, totp_last_step FROM users WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  return r
    ? { userId: r.id, email: r.email, sealedSecret: r.totp_secret, sealedPending: r.totp_pending, enabled: r.enabled, lastStep: r.totp_last_step === null ? null : Number(r.totp_last_step) }
    : null;
}

export async function totpEnabled(q: Queryable, userId: string): Promise<boolean> {
  const [r] = await q.query(`SELECT totp_enabled_at IS NOT NULL AS enabled FROM users WHERE id = $1`, [userId]);
  return Boolean(r?.enabled);
}

export async function setPendingTotp(q: Queryable, userId: string, sealed: string): Promise<void> {
  await q.query(`UPDATE users SET totp_pending = $2 WHERE id = $1`, [userId, sealed]);
}

/** The pending secret becomes the secret; its first code is spent. */
export async function enableTotp(q: Queryable, userId: string, sealed: string, step: number): Promise<void> {
  await q.query(`UPDATE users SET totp_secret = $2, totp_pending = NULL, totp_enabled_at = now(), totp_last_step = $3 WHERE id = $1`, [userId, sealed, step]);
}

export async function recordTotpStep(q: Queryable, userId: string, step: number): Promise<void> {
  await q.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1`, [userId, step]);
}

/** An admin's reset: the user logs in with the password alone and may enrol again. */
export async function clearTotp(q: Queryable, userId: string): Promise<boolean> {
  const rows = await q.query(`UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1 RETURNING id`, [userId]);
  return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
}
