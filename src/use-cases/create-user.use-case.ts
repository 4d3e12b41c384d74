import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/passwords';
import { controllerExists, emailTaken, insertUser, listUserRows, type UserListRow } from '../auth/user.repository';
import { inTransaction } from '../db/transaction';
import type { CreateUserInput } from '../domain/directory.schemas';
import { ValidationError } from '../domain/errors';

/** An admin adds a user; only the bcrypt hash of the password is stored. */
export async function createUser(input: CreateUserInput, user: AuthUser, deps: { dataSource: DataSource }): Promise<string> {
  requireRole(user, ['admin']);
  const hash = await hashPassword(input.password); // outside the transaction: bcrypt takes a while
  return inTransaction(deps.dataSource, async (tx) => {
    if (await emailTaken(tx, input.email)) throw new ValidationError('Check email.', { email: 'is already in use' });
    if (input.controllerId && !(await controllerExists(tx, input.controllerId))) {
      throw new ValidationError('Check controllerId.', { controllerId: 'unknown controller' });
    }
    return insertUser(tx, { email: input.email, passwordHash: hash, name: input.name, role: input.role, controllerId: input.controllerId ?? null, language: input.language });
  });
}

export async function listUsers(user: AuthUser, deps: { dataSource: DataSource }): Promise<UserListRow[]> {
  requireRole(user, ['admin']);
  return listUserRows(deps.dataSource);
}
