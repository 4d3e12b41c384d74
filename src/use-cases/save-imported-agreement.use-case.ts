import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction } from '../db/transaction';
import { replaceActiveAgreement } from '../domain/agreement.repository';
import type { ConfirmedAgreementInput } from '../domain/agreement.schemas';
import { listControllers, type Controller } from '../domain/directory.repository';
import { NotFoundError } from '../domain/errors';
import type { Logger } from '../logger';

/**
 * Stores the profile the admin confirmed as the controller's agreement, with the text it was
 * read from. The previous agreement stays on record (inactive) for the tracks opened under it.
 */
export async function saveImportedAgreement(
  controllerId: string,
  input: ConfirmedAgreementInput,
  user: AuthUser,
  deps: { dataSource: DataSource; logger: Logger },
): Promise<Controller> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    const [controller] = await tx.query(`SELECT id FROM controllers WHERE id = $1 FOR UPDATE`, [controllerId]);
    if (!controller) throw new NotFoundError('Controller');
    const agreementId = await replaceActiveAgreement(tx, controllerId, { ...input, seedFile: input.source?.name ?? null });
    deps.logger.info({ controllerId, agreementId, contacts: input.contacts.length, withSource: Boolean(input.source) }, 'agreement saved');
    const [saved] = await listControllers(tx, [controllerId]);
    return saved;
  });
}
