import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction } from '../db/transaction';
import type { ControllerAgreementInput } from '../domain/directory.schemas';
import { NotFoundError } from '../domain/errors';

/**
 * An admin creates a controller with its agreement, or edits both. Tracks keep the agreement
 * they were opened under (their deadline was computed from it), so an edit only changes what
 * new incidents get.
 */
export async function saveController(controllerId: string | null, input: ControllerAgreementInput, user: AuthUser, deps: { dataSource: DataSource }): Promise<string> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    let id = controllerId;
    if (id) {
      // TypeORM answers an UPDATE on PostgreSQL with [rows, affected].
      const [rows] = await tx.query(
        `UPDATE controllers SET name = $2, kvk_number = $3, sector = $4, city = $5 WHERE id = $1 RETURNING id`,
        [id, input.name, input.kvkNumber ?? null, input.sector ?? null, input.city ?? null],
      );
      if (rows.length === 0) throw new NotFoundError('Controller');
    } else {
      const [processor] = await tx.query(`SELECT id FROM processors ORDER BY created_at LIMIT 1`);
      const [row] = await tx.query(
        `INSERT INTO controllers (processor_id, name, kvk_number, sector, city) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [processor.id, input.name, input.kvkNumber ?? null, input.sector ?? null, input.city ?? null],
      );
      id = row.id as string;
    }
    const a = input.agreement;
    const values = [
      a.title, a.language, a.deadlineHours, a.clockStart, a.notifySuspicion, a.regardlessOfImpact, a.triggerText ?? null,
      a.deadlineClause ?? null, JSON.stringify(a.requiredFields), a.ackWindowHours, JSON.stringify(a.warningShares),
      JSON.stringify(a.dataCategories), JSON.stringify(a.subjectCategories),
    ];
    const [updated] = await tx.query(
      `UPDATE agreements SET title = $2, language = $3, deadline_hours = $4, clock_start = $5, notify_suspicion = $6,
         regardless_of_impact = $7, trigger_text = $8, deadline_clause = $9, required_fields = $10, ack_window_hours = $11,
         warning_shares = $12, data_categories = $13, subject_categories = $14
       WHERE controller_id = $1 AND active RETURNING id`,
      [id, ...values],
    );
    if (updated.length === 0) {
      await tx.query(
        `INSERT INTO agreements (controller_id, title, language, deadline_hours, clock_start, notify_suspicion, regardless_of_impact,
           trigger_text, deadline_clause, required_fields, ack_window_hours, warning_shares, data_categories, subject_categories)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [id, ...values],
      );
    }
    return id!;
  });
}
