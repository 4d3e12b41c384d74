import type { Role } from './auth-user';

/** A DataSource or a transaction's manager: both answer `query`. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** Users, their sessions and their password-reset links. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  controllerId: string | null;
  language: 'nl' | 'en';
  passwordHash: string;
  active: boolean;
  tokenVersion: number;
}

export interface UserListRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  controllerId: string | null;
  controllerName: string | null;
  active: boolean;
}

const USER_COLUMNS = `id, email, name, role, controller_id, language, password_hash, active, token_version`;

function toUser(r: any): UserRow {
  return {
    id: r.id, email: r.email, name: r.name, role: r.role, controllerId: r.controller_id, language: r.language,
    passwordHash: r.password_hash, active: r.active, tokenVersion: r.token_version,
  };
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | null> {
  const [row] = await q.query(`SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]);
  return row ? toUser(row) : null;
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | null> {
  const [row] = await q.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return row ? toUser(row) : null;
}

/** The row locked for the rest of the transaction, so two admins' changes serialize. */
export async function lockUser(q: Queryable, id: string): Promise<UserRow | null> {
  const [row] = await q.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
  return row ? toUser(row) : null;
}

export async function emailTaken(q: Queryable, email: string): Promise<boolean> {
  const [row] = await q.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
  return Boolean(row);
}

export async function controllerExists(q: Queryable, id: string): Promise<boolean> {
  const [row] = await q.query(`SELECT 1 FROM controllers WHERE id = $1`, [id]);
  return Boolean(row);
}

export async function insertUser(
  q: Queryable,
  u: { email: string; passwordHash: string; name: string; role: Role; controllerId: string | null; language: string },
): Promise<string> {
  const [row] = await q.query(
    `INSERT INTO users (email, password_hash, name, role, controller_id, language) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.email, u.passwordHash, u.name, u.role, u.controllerId, u.language],
  );
  return row.id as string;
}

export async function listUserRows(q: Queryable): Promise<UserListRow[]> {
  const rows = await q.query(
    `SELECT u.id, u.email, u.name, u.role, u.controller_id, u.active, c.name AS controller_name
       FROM users u LEFT JOIN controllers c ON c.id = u.controller_id ORDER BY u.active DESC, u.role, u.email`,
  );
  return rows.map((r: any) => ({ id: r.id, email: r.email, name: r.name, role: r.role, controllerId: r.controller_id, controllerName: r.controller_name, active: r.active }));
}

/** Locks the active admins' rows, so two admins cannot each demote the other at once. */
export async function countActiveAdmins(q: Queryable): Promise<number> {
  const rows = await q.query(`SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`);
  return rows.length as number;
}

/** Every change below bumps the token version: every token issued before it stops working. */
export async function updateRole(q: Queryable, id: string, role: Role, controllerId: string | null): Promise<void> {
  await q.query(`UPDATE users SET role = $2, controller_id = $3, token_version = token_version + 1 WHERE id = $1`, [id, role, controllerId]);
}

export async function setActive(q: Queryable, id: string, active: boolean): Promise<void> {
  await q.query(
    `UPDATE users SET active = $2, deactivated_at = CASE WHEN $2 THEN NULL ELSE now() END, token_version = token_version + 1 WHERE id = $1`,
    [id, active],
  );
}

export async function setPasswordHash(q: Queryable, id: string, hash: string): Promise<void> {
  await q.query(`UPDATE users SET password_hash = $2, password_changed_at = now(), token_version = token_version + 1 WHERE id = $1`, [id, hash]);
}

export async function bumpTokenVersion(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [id]);
}

// ---------------------------------------------------------------------------------- sessions

export async function insertSession(q: Queryable, userId: string, ttlSeconds: number): Promise<string> {
  // Sessions past their end count for nothing; dropping them here keeps the table small without a job.
  await q.query(`DELETE FROM user_sessions WHERE expires_at < now() - interval '1 day'`);
  const [row] = await q.query(
    `INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id`,
    [userId, ttlSeconds],
  );
  return row.id as string;
}

export async function revokeSession(q: Queryable, sessionId: string): Promise<void> {
  await q.query(`UPDATE user_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
}

/** What a request's token is checked against: the user as they are now, and the session's state. */
export interface LiveSession {
  role: Role;
  controllerId: string | null;
  active: boolean;
  tokenVersion: number;
  sessionLive: boolean;
}

export async function findLiveSession(q: Queryable, userId: string, sessionId: string): Promise<LiveSession | null> {
  const [row] = await q.query(
    `SELECT u.role, u.controller_id, u.active, u.token_version, (s.revoked_at IS NULL AND s.expires_at > now()) AS live
       FROM user_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.user_id = $2`,
    [sessionId, userId],
  );
  return row ? { role: row.role, controllerId: row.controller_id, active: row.active, tokenVersion: row.token_version, sessionLive: row.live } : null;
}

// ------------------------------------------------------------------------- password resets

export async function insertResetToken(q: Queryable, userId: string, tokenHash: string, ttlMinutes: number): Promise<void> {
  // A new link replaces any earlier one that was not used.
  await q.query(`DELETE FROM password_reset_tokens WHERE user_id = $1 OR expires_at < now() - interval '1 day'`, [userId]);
  await q.query(
    `INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
    [tokenHash, userId, ttlMinutes],
  );
}

/** The link's row, locked; `state` says whether it can still be used. */
export async function lockResetToken(q: Queryable, tokenHash: string): Promise<{ userId: string; state: 'usable' | 'used' | 'expired' } | null> {
  const [row] = await q.query(
    `SELECT user_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM password_reset_tokens WHERE token_hash = $1 FOR UPDATE`,
    [tokenHash],
  );
  if (!row) return null;
  return { userId: row.user_id, state: row.used ? 'used' : row.expired ? 'expired' : 'usable' };
}

export async function markResetTokenUsed(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(`UPDATE password_reset_tokens SET used_at = now() WHERE token_hash = $1`, [tokenHash]);
}
