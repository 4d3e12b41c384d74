import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { openSession } from '../auth/sessions';
import type { Tokens } from '../auth/tokens';
import { lockUser, setPasswordHash } from '../auth/user.repository';
import { inTransaction } from '../db/transaction';
import { UnauthorizedError, ValidationError } from '../domain/errors';
import type { ChangePasswordInput } from '../domain/user.schemas';

/**
 * A user sets a new password, proving the current one. Every session the user has ends
 * (someone may have watched the old password being typed); the one that asked gets a new session.
 */
export async function changePassword(input: ChangePasswordInput, user: AuthUser, deps: { dataSource: DataSource; tokens: Tokens }): Promise<{ token: string; expiresAt: string }> {
  const hash = await hashPassword(input.newPassword); // outside the transaction: bcrypt takes a while
  return inTransaction(deps.dataSource, async (tx) => {
    const row = await lockUser(tx, user.id);
    if (!row || !row.active) throw new UnauthorizedError();
    if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
      throw new ValidationError('Check currentPassword.', { currentPassword: 'is not your current password' });
    }
    await setPasswordHash(tx, row.id, hash);
    return openSession(tx, deps.tokens, { ...row, tokenVersion: row.tokenVersion + 1 });
  });
}
