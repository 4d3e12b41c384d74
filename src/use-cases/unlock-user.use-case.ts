import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { unlockAccount } from '../auth/login-throttle';
import { findUserById } from '../auth/user.repository';
import { NotFoundError } from '../domain/errors';

/** An admin lifts the login wait of an account at once (every client's count of its failures). */
export async function unlockUser(id: string, admin: AuthUser, deps: { dataSource: DataSource }): Promise<{ cleared: number }> {
  requireRole(admin, ['admin']);
  const user = await findUserById(deps.dataSource, id);
  if (!user) throw new NotFoundError('User');
  return { cleared: await unlockAccount(deps.dataSource, user.email) };
}
