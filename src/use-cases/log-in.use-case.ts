import type { DataSource } from 'typeorm';
import { accountHash, assertLoginAllowed, clearLoginFailures, recordLoginFailure, throttleKeys } from '../auth/login-throttle';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords';
import type { Tokens } from '../auth/tokens';
import { issueTrustedDevice, trustedDeviceId } from '../auth/trusted-device';
import { openSession } from '../auth/sessions';
import { findUserByEmail } from '../auth/user.repository';
import { UnauthorizedError } from '../domain/errors';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { id: string; name: string; email: string; role: string; controllerId: string | null; language: string };
  /** A fresh trusted-device value for this browser and account (the pages keep it in a cookie). */
  trustedDevice: string;
}

export interface LoginClient {
  ip: string | null;
  /** The trusted-device value the client sent, if any. */
  trustedDevice?: string;
}

/**
 * E-mail and password in, a session (a `user_sessions` row and its token) out. The same answer
 * for an unknown e-mail, a wrong password and a deactivated account; while the client has to
 * wait after failures, a 429 before the password is even checked (login-throttle.ts).
 */
export async function logIn(input: { email: string; password: string }, deps: { dataSource: DataSource; tokens: Tokens }, client: LoginClient = { ip: null }): Promise<LoginResult> {
  const account = accountHash(input.email);
  const deviceId = trustedDeviceId(deps.tokens.mac, client.trustedDevice, account);
  const keys = throttleKeys(input.email, { ip: client.ip, trustedDeviceId: deviceId });
  await assertLoginAllowed(deps.dataSource, keys);
  const row = await findUserByEmail(deps.dataSource, input.email);
  const ok = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) {
    await recordLoginFailure(deps.dataSource, keys);
    throw new UnauthorizedError('E-mail address or password is wrong.');
  }
  if (!row.active) throw new UnauthorizedError('E-mail address or password is wrong.');
  await clearLoginFailures(deps.dataSource, keys);
  const session = await openSession(deps.dataSource, deps.tokens, row);
  return {
    ...session,
    user: { id: row.id, name: row.name, email: row.email, role: row.role, controllerId: row.controllerId, language: row.language },
    trustedDevice: issueTrustedDevice(deps.tokens.mac, account, deviceId ?? undefined),
  };
}
