import type { DataSource } from 'typeorm';
import { isControllerSide, requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction } from '../db/transaction';
import {
  controllerIdByExternalKey, defaultProcessorId, insertController, lockController, pageControllerIds, updateControllerRow,
} from '../domain/client-directory.repository';
import type { ControllersQuery, CreateControllerInput, UpdateControllerInput } from '../domain/client-directory.schemas';
import { listControllers, type Controller } from '../domain/directory.repository';
import { ConflictError, NotFoundError } from '../domain/errors';

type Deps = { dataSource: DataSource };

export interface ControllerPage { controllers: Controller[]; page: number; pageSize: number; total: number }

/** Controllers by page and filter, each with its agreement and contacts; the controller side sees its own. */
export async function listControllerPage(q: ControllersQuery, user: AuthUser, deps: Deps): Promise<ControllerPage> {
  const tx = deps.dataSource.manager;
  const { ids, total } = await pageControllerIds(tx, q, isControllerSide(user) ? user.controllerId : null);
  const controllers = ids.length ? await listControllers(tx, ids) : [];
  const byId = new Map(controllers.map((c) => [c.id, c]));
  return { controllers: ids.map((id) => byId.get(id)!).filter(Boolean), page: q.page, pageSize: q.pageSize, total };
}

export async function readController(id: string, user: AuthUser, deps: Deps): Promise<Controller> {
  if (isControllerSide(user) && user.controllerId !== id) throw new NotFoundError('Controller');
  const [controller] = await listControllers(deps.dataSource.manager, [id]);
  if (!controller) throw new NotFoundError('Controller');
  return controller;
}

const duplicateKey = (key: string) => new ConflictError('duplicate_external_key', `Another controller has the external key ${key}.`, { externalKey: 'is already used by another controller' });

/** An admin adds a controller (its agreement and contacts follow through their own routes). */
export async function createController(input: CreateControllerInput, user: AuthUser, deps: Deps): Promise<Controller> {
  requireRole(user, ['admin']);
  const id = await inTransaction(deps.dataSource, async (tx) => {
    const processorId = await defaultProcessorId(tx);
    const created = await insertController(tx, processorId, input);
    if (!created) throw duplicateKey(input.externalKey!);
    return created;
  });
  return readController(id, user, deps);
}

/** Changes the fields given; `active: false` is what deactivate does. */
export async function updateController(id: string, input: UpdateControllerInput & { active?: boolean }, user: AuthUser, deps: Deps): Promise<Controller> {
  requireRole(user, ['admin']);
  await inTransaction(deps.dataSource, async (tx) => {
    const current = await lockController(tx, id);
    if (!current) throw new NotFoundError('Controller');
    if (input.externalKey && input.externalKey !== current.externalKey) {
      const other = await controllerIdByExternalKey(tx, await defaultProcessorId(tx), input.externalKey);
      if (other && other !== id) throw duplicateKey(input.externalKey);
    }
    await updateControllerRow(tx, {
      ...current,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kvkNumber !== undefined ? { kvkNumber: input.kvkNumber } : {}),
      ...(input.sector !== undefined ? { sector: input.sector } : {}),
      ...(input.city !== undefined ? { city: input.city } : {}),
      ...(input.externalKey !== undefined ? { externalKey: input.externalKey } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
  });
  return readController(id, user, deps);
}

/**
 * A controller that leaves: no new incident can name it; tracks already open run to their
 * end with the agreement and contacts they have. Deactivating twice changes nothing.
 */
export async function deactivateController(id: string, user: AuthUser, deps: Deps): Promise<Controller> {
  return updateController(id, { active: false }, user, deps);
}
