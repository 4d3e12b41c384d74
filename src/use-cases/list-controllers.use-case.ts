import type { CommandDeps } from '../workflow/apply-track-event';
import type { DataSource } from 'typeorm';
import { isControllerSide, type AuthUser } from '../auth/auth-user';
import { listControllers, type Controller } from '../domain/directory.repository';

/** Controllers with their agreement and annex contacts; a controller-side user sees its own. */
export async function listControllersFor(user: AuthUser, deps: CommandDeps): Promise<Controller[]> {
  return listControllers(deps.dataSource.manager, isControllerSide(user) ? [user.controllerId!] : undefined);
}
