import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser, type Role } from '../auth/auth-user';
import { controllerExists, countActiveAdmins, lockUser, setActive, updateRole } from '../auth/user.repository';
import { inTransaction } from '../db/transaction';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { UpdateUserInput } from '../domain/user.schemas';

/**
 * An admin changes a user's role or (de)activates the account. Either bumps the user's token
 * version, so every session the user has ends at its next request. The last active admin cannot
 * be demoted or deactivated: nobody could manage users any more.
 */
export async function updateUser(id: string, input: UpdateUserInput, admin: AuthUser, deps: { dataSource: DataSource }): Promise<{ id: string; role: Role; active: boolean }> {
  requireRole(admin, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    const target = await lockUser(tx, id);
    if (!target) throw new NotFoundError('User');
    const role = input.role ?? target.role;
    const active = input.active ?? target.active;
    const stopsBeingAdmin = target.role === 'admin' && target.active && (role !== 'admin' || !active);
    if (stopsBeingAdmin && (await countActiveAdmins(tx)) <= 1) {
      throw new ConflictError('last_admin', 'This is the last active admin: make another user admin first.');
    }
    if (input.role !== undefined) {
      const controllerId = input.controllerId ?? null;
      if (controllerId && !(await controllerExists(tx, controllerId))) throw new ValidationError('Check controllerId.', { controllerId: 'unknown controller' });
      if (role !== target.role || controllerId !== target.controllerId) await updateRole(tx, id, role, controllerId);
    }
    if (active !== target.active) await setActive(tx, id, active);
    return { id, role, active };
  });
}
