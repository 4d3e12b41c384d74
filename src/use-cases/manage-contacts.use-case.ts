import type { DataSource } from 'typeorm';
import { isControllerSide, requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction, type Tx } from '../db/transaction';
import {
  activeAgreementOf, dropStandInsFor, insertContact, isActiveContactOf, lockContact, lockController, pageContacts, updateContactRow, type ContactRow,
} from '../domain/client-directory.repository';
import type { ContactsQuery, CreateContactInput, UpdateContactInput } from '../domain/client-directory.schemas';
import { NotFoundError, ValidationError } from '../domain/errors';

type Deps = { dataSource: DataSource };

export async function listContactPage(q: ContactsQuery, user: AuthUser, deps: Deps) {
  const { contacts, total } = await pageContacts(deps.dataSource.manager, q, isControllerSide(user) ? user.controllerId : null);
  return { contacts, page: q.page, pageSize: q.pageSize, total };
}

async function readContact(tx: Tx, id: string, user: AuthUser): Promise<ContactRow> {
  const contact = await lockContact(tx, id);
  if (!contact || (isControllerSide(user) && user.controllerId !== contact.controllerId)) throw new NotFoundError('Contact');
  return contact;
}

export async function getContact(id: string, user: AuthUser, deps: Deps): Promise<ContactRow> {
  return deps.dataSource.transaction((tx) => readContact(tx, id, user));
}

async function checkStandIn(tx: Tx, standInForId: string | null | undefined, agreementId: string, self: string | null): Promise<void> {
  if (!standInForId) return;
  if (standInForId === self || !(await isActiveContactOf(tx, standInForId, agreementId))) {
    throw new ValidationError('Check standInForId.', { standInForId: 'must be another active contact of this agreement' });
  }
}

/** An annex contact on the controller's active agreement. */
export async function createContact(input: CreateContactInput, user: AuthUser, deps: Deps): Promise<ContactRow> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    const controller = await lockController(tx, input.controllerId);
    if (!controller) throw new ValidationError('Unknown controller.', { controllerId: 'unknown controller' });
    const agreement = await activeAgreementOf(tx, controller.id);
    if (!agreement) throw new ValidationError('The controller has no active agreement.', { controllerId: 'has no active agreement: create one first' });
    await checkStandIn(tx, input.standInForId, agreement.id, null);
    const id = await insertContact(tx, agreement.id, {
      name: input.name, role: input.role, email: input.email, phone: input.phone ?? null, mobile: input.mobile ?? null,
      position: input.position, standInForId: input.standInForId ?? null, receivesBreachNotice: input.receivesBreachNotice,
    });
    return readContact(tx, id, user);
  });
}

/** Changes the fields given; notices already sent keep the address they went to. */
export async function updateContact(id: string, input: UpdateContactInput, user: AuthUser, deps: Deps): Promise<ContactRow> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    const current = await readContact(tx, id, user);
    if (!current.active) throw new ValidationError('This contact is deactivated.', { id: 'is deactivated: add the person again' });
    await checkStandIn(tx, input.standInForId, current.agreementId, current.id);
    const next: ContactRow = { ...current };
    for (const [key, value] of Object.entries(input)) if (value !== undefined) (next as any)[key] = value;
    await updateContactRow(tx, next);
    return readContact(tx, id, user);
  });
}

/** The person no longer receives notices and stands in for nobody; what was sent to them stays on record. */
export async function deactivateContact(id: string, user: AuthUser, deps: Deps): Promise<ContactRow> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    const current = await readContact(tx, id, user);
    if (current.active) {
      await updateContactRow(tx, { ...current, active: false, standInForId: null });
      await dropStandInsFor(tx, current.id);
    }
    return readContact(tx, id, user);
  });
}
