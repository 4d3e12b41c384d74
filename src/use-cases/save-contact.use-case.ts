import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction } from '../db/transaction';
import type { ContactInput } from '../domain/directory.schemas';
import { NotFoundError, ValidationError } from '../domain/errors';

/**
 * An annex contact of a controller's active agreement: created (`contactId` null) or edited.
 * A stand-in must be another contact of the same agreement. Returns the controller's id.
 */
export async function saveContact(target: { controllerId: string; contactId: string | null }, input: ContactInput, user: AuthUser, deps: { dataSource: DataSource }): Promise<string> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    const [agreement] = await tx.query(`SELECT id FROM agreements WHERE controller_id = $1 AND active`, [target.controllerId]);
    if (!agreement) throw new NotFoundError('Agreement');
    if (input.standInForId) {
      const [other] = await tx.query(`SELECT id FROM contacts WHERE id = $1 AND agreement_id = $2`, [input.standInForId, agreement.id]);
      if (!other || input.standInForId === target.contactId) throw new ValidationError('Check standInForId.', { standInForId: 'must be another contact of this agreement' });
    }
    const values = [input.name, input.role, input.email, input.phone ?? null, input.mobile ?? null, input.position, input.standInForId ?? null, input.receivesBreachNotice];
    if (target.contactId) {
      const [rows] = await tx.query( // [rows, affected] for an UPDATE
        `UPDATE contacts SET name = $3, role = $4, email = $5, phone = $6, mobile = $7, position = $8, stand_in_for_id = $9, receives_breach_notice = $10
          WHERE id = $1 AND agreement_id = $2 RETURNING id`,
        [target.contactId, agreement.id, ...values],
      );
      if (rows.length === 0) throw new NotFoundError('Contact');
    } else {
      await tx.query(
        `INSERT INTO contacts (agreement_id, name, role, email, phone, mobile, position, stand_in_for_id, receives_breach_notice)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [agreement.id, ...values],
      );
    }
    return target.controllerId;
  });
}
