import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { RegisterQuery } from '../domain/dpo.schemas';
import type { Logger } from '../logger';
import { exportRegister } from '../use-cases/read-register.use-case';

/**
 * Streams the register as a download, for the API and the pages alike. Once rows have gone
 * out the status cannot change any more: a failure cuts the connection, so a truncated file
 * is never mistaken for a complete one.
 */
export async function sendRegisterExport(
  res: Response,
  format: 'csv' | 'json',
  query: RegisterQuery,
  user: AuthUser,
  deps: { dataSource: DataSource; logger: Logger },
): Promise<void> {
  res.status(200);
  res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="register-${new Date().toISOString().slice(0, 10)}.${format}"`);
  try {
    const rows = await exportRegister(format, query, user, deps, res);
    deps.logger.info({ route: 'register.export', format, rows, userId: user.id }, 'register exported');
    res.end();
  } catch (error) {
    deps.logger.error({ route: 'register.export', format, err: (error as Error).name }, 'register export cut short');
    res.destroy();
  }
}
