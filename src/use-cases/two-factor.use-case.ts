import type { DataSource } from 'typeorm';
import { PROCESSOR_ROLES, requireRole, type AuthUser } from '../auth/auth-user';
import type { Tokens } from '../auth/tokens';
import { acceptedStep, newTotpSecret, openSecret, sealSecret, totpUri } from '../auth/totp';
import { clearTotp, enableTotp, lockTotp, recordTotpStep, setPendingTotp } from '../auth/totp.repository';
import { findUserById, type Queryable } from '../auth/user.repository';
import { inTransaction } from '../db/transaction';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';

export const TOTP_KEY_PURPOSE = 'totp-secret';

type Deps = { dataSource: DataSource; tokens: Tokens };

export interface TotpEnrolment {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
}

/**
 * A processor-side user starts two-factor login: a new secret waits (sealed) until the first
 * code from the app confirms it. Starting again replaces a waiting secret; an enabled one stays
 * until an admin resets it.
 */
export async function startTotpEnrolment(user: AuthUser, deps: Deps): Promise<TotpEnrolment> {
  requireRole(user, PROCESSOR_ROLES);
  return inTransaction(deps.dataSource, async (tx) => {
    const row = await lockTotp(tx, user.id);
    if (!row) throw new NotFoundError('User');
    if (row.enabled) throw new ConflictError('totp_already_enabled', 'Two-factor login is already on for this account; an admin can reset it.');
    const secret = newTotpSecret();
    await setPendingTotp(tx, user.id, sealSecret(deps.tokens.keysFor(TOTP_KEY_PURPOSE)[0], secret));
    return { secret, otpauthUri: totpUri(secret, row.email) };
  });
}

/** The first code from the app turns two-factor login on; a wrong code changes nothing. */
export async function confirmTotpEnrolment(user: AuthUser, input: { code: string }, deps: Deps): Promise<{ enabled: true }> {
  requireRole(user, PROCESSOR_ROLES);
  return inTransaction(deps.dataSource, async (tx) => {
    const row = await lockTotp(tx, user.id);
    if (!row) throw new NotFoundError('User');
    if (row.enabled) throw new ConflictError('totp_already_enabled', 'Two-factor login is already on for this account.');
    const secret = row.sealedPending && openSecret(deps.tokens.keysFor(TOTP_KEY_PURPOSE), row.sealedPending);
    if (!secret) throw new ConflictError('totp_not_started', 'Start the set-up first: there is no secret waiting for a code.');
    const step = acceptedStep(secret, input.code, null);
    if (step === null) throw new ValidationError('Check code.', { code: 'is not the current code of the authenticator app' });
    await enableTotp(tx, user.id, sealSecret(deps.tokens.keysFor(TOTP_KEY_PURPOSE)[0], secret), step);
    return { enabled: true };
  });
}

/** An admin turns a user's second factor off (a lost phone); the user can enrol again. */
export async function resetTotpByAdmin(userId: string, admin: AuthUser, deps: { dataSource: DataSource }): Promise<{ id: string; totpEnabled: false }> {
  requireRole(admin, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    if (!(await findUserById(tx, userId))) throw new NotFoundError('User');
    await clearTotp(tx, userId);
    return { id: userId, totpEnabled: false };
  });
}

/**
 * Checks a login's code against the user's secret and spends its time step, under the row lock:
 * the same code cannot be used twice, not even by two requests at once. False for a wrong or
 * reused code.
 */
export async function spendTotpCode(q: DataSource, tokens: Tokens, userId: string, code: string): Promise<boolean> {
  return inTransaction(q, async (tx) => {
    const row = await lockTotp(tx as Queryable, userId);
    const secret = row?.enabled && row.sealedSecret ? openSecret(tokens.keysFor(TOTP_KEY_PURPOSE), row.sealedSecret) : null;
    if (!row || !secret) return false;
    const step = acceptedStep(secret, code, row.lastStep);
    if (step === null) return false;
    await recordTotpStep(tx, userId, step);
    return true;
  });
}
