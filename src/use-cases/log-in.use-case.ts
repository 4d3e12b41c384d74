import type { DataSource } from 'typeorm';
import { accountHash, assertLoginAllowed, clearLoginFailures, recordLoginFailure, throttleKeys } from '../auth/login-throttle';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords';
import type { Tokens } from '../auth/tokens';
import { issueTrustedDevice, trustedDeviceId } from '../auth/trusted-device';
import { openSession } from '../auth/sessions';
import { totpEnabled } from '../auth/totp.repository';
import { findUserByEmail, findUserById, type UserRow } from '../auth/user.repository';
import { DomainError, TotpRequiredError, UnauthorizedError } from '../domain/errors';
import { spendTotpCode } from './two-factor.use-case';

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
export async function logIn(input: { email: string; password: string; totp?: string }, deps: { dataSource: DataSource; tokens: Tokens }, client: LoginClient = { ip: null }): Promise<LoginResult> {
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
  if (await totpEnabled(deps.dataSource, row.id)) {
    if (!input.totp) throw new TotpRequiredError(issueChallenge(deps.tokens, row));
    await checkCode(deps, row, input.totp, keys);
  }
  return finishLogin(deps, row, keys, account, deviceId);
}

/**
 * The login page's second step: the challenge the password step issued (bound to the user's
 * token version, good for five minutes) and the code. Wrong codes count towards the throttle
 * like wrong passwords.
 */
export async function logInWithCode(input: { challenge: string; totp: string }, deps: { dataSource: DataSource; tokens: Tokens }, client: LoginClient = { ip: null }): Promise<LoginResult> {
  const [userId, expires] = input.challenge.split('.');
  const candidate = /^[0-9a-f-]{36}$/.test(userId ?? '') ? await findUserById(deps.dataSource, userId) : null;
  if (!candidate || !candidate.active || Number(expires) < Date.now() || issueChallenge(deps.tokens, candidate, Number(expires)) !== input.challenge) {
    throw new UnauthorizedError('The login step has expired: enter your e-mail address and password again.');
  }
  const account = accountHash(candidate.email);
  const deviceId = trustedDeviceId(deps.tokens.mac, client.trustedDevice, account);
  const keys = throttleKeys(candidate.email, { ip: client.ip, trustedDeviceId: deviceId });
  await assertLoginAllowed(deps.dataSource, keys);
  await checkCode(deps, candidate, input.totp, keys);
  return finishLogin(deps, candidate, keys, account, deviceId);
}

const CHALLENGE_MS = 5 * 60_000;

function issueChallenge(tokens: Tokens, row: UserRow, expires = Date.now() + CHALLENGE_MS): string {
  const base = `${row.id}.${expires}`;
  return `${base}.${tokens.mac('login-totp', `${base}.${row.tokenVersion}`)}`;
}

async function checkCode(deps: { dataSource: DataSource; tokens: Tokens }, row: UserRow, code: string, keys: ReturnType<typeof throttleKeys>): Promise<void> {
  if (await spendTotpCode(deps.dataSource, deps.tokens, row.id, code)) return;
  await recordLoginFailure(deps.dataSource, keys);
  throw new DomainError(401, 'totp_invalid', 'The code is wrong or was used already: wait for the next code.', { totp: 'is wrong or was used already' });
}

async function finishLogin(deps: { dataSource: DataSource; tokens: Tokens }, row: UserRow, keys: ReturnType<typeof throttleKeys>, account: string, deviceId: string | null): Promise<LoginResult> {
  await clearLoginFailures(deps.dataSource, keys);
  const session = await openSession(deps.dataSource, deps.tokens, row);
  return {
    ...session,
    user: { id: row.id, name: row.name, email: row.email, role: row.role, controllerId: row.controllerId, language: row.language },
    trustedDevice: issueTrustedDevice(deps.tokens.mac, account, deviceId ?? undefined),
  };
}
