import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/passwords';
import { inTransaction } from '../db/transaction';
import type { CreateUserInput } from '../domain/directory.schemas';
import { ValidationError } from '../domain/errors';

/** An admin adds a user; only the bcrypt hash of the password is stored. */
export async function createUser(input: CreateUserInput, user: AuthUser, deps: { dataSource: DataSource }): Promise<string> {
  requireRole(user, ['admin']);
  const hash = await hashPassword(input.password); // outside the transaction: bcrypt takes a while
  return inTransaction(deps.dataSource, async (tx) => {
    const [taken] = await tx.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [input.email]);
    if (taken) throw new ValidationError('Check email.', { email: 'is already in use' });
    if (input.controllerId) {
      const [controller] = await tx.query(`SELECT 1 FROM controllers WHERE id = $1`, [input.controllerId]);
      if (!controller) throw new ValidationError('Check controllerId.', { controllerId: 'unknown controller' });
    }
    const [row] = await tx.query(
      `INSERT INTO users (email, password_hash, name, role, controller_id, language) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.email, hash, input.name, input.role, input.controllerId ?? null, input.language],
    );
    return row.id as string;
  });
}

export async function listUsers(user: AuthUser, deps: { dataSource: DataSource }): Promise<Array<{ id: string; email: string; name: string; role: string; controllerName: string | null }>> {
  requireRole(user, ['admin']);
  const rows = await deps.dataSource.query(
    `SELECT u.id, u.email, u.name, u.role, c.name AS controller_name FROM users u LEFT JOIN controllers c ON c.id = u.controller_id ORDER BY u.role, u.email`,
  );
  return rows.map((r: any) => ({ id: r.id, email: r.email, name: r.name, role: r.role, controllerName: r.controller_name }));
}
