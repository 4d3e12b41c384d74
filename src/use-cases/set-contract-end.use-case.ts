import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { NotFoundError } from '../domain/errors';

/** The day the contract with a controller ended: from it, the agreement's retention term runs. */
export async function setContractEnd(agreementId: string, contractEndedOn: string | null, user: AuthUser, deps: { dataSource: DataSource }): Promise<{ agreementId: string; contractEndedOn: string | null; retentionMonthsAfterEnd: number | null }> {
  requireRole(user, ['admin']);
  const [rows] = await deps.dataSource.query(
    `UPDATE agreements SET contract_ended_on = $2 WHERE id = $1 RETURNING id, contract_ended_on::text AS ended, retention_months_after_end`,
    [agreementId, contractEndedOn],
  );
  const row = rows?.[0];
  if (!row) throw new NotFoundError('Agreement');
  return { agreementId: row.id, contractEndedOn: row.ended, retentionMonthsAfterEnd: row.retention_months_after_end };
}
