import type { DataSource } from 'typeorm';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure, throttleKeys } from '../auth/login-throttle';
import type { Tokens } from '../auth/tokens';
import { UnauthorizedError } from '../domain/errors';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { id: string; name: string; email: string; role: string; controllerId: string | null; language: string };
}

/**
 * E-mail and password in, a session token out. The same answer for an unknown e-mail as for a
 * wrong password; after too many failures, a 429 before the password is even checked.
 */
export async function logIn(input: { email: string; password: string }, deps: { dataSource: DataSource; tokens: Tokens }, meta: { ip: string | null } = { ip: null }): Promise<LoginResult> {
  const keys = throttleKeys(input.email, meta.ip);
  await assertLoginAllowed(deps.dataSource, keys);
  const [row] = await deps.dataSource.query(`SELECT * FROM users WHERE lower(email) = lower($1)`, [input.email]);
  const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) {
    await recordLoginFailure(deps.dataSource, keys);
    throw new UnauthorizedError('E-mail address or password is wrong.');
  }
  await clearLoginFailures(deps.dataSource, keys);
  const user = { id: row.id as string, role: row.role, controllerId: row.controller_id as string | null };
  const session = deps.tokens.issueSession(user);
  return {
    ...session,
    user: { id: row.id, name: row.name, email: row.email, role: row.role, controllerId: row.controller_id, language: row.language },
  };
}
