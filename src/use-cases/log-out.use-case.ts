import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { bumpTokenVersion, revokeSession } from '../auth/user.repository';

/** Ends this session on the server: its token (bearer or page cookie) stops working at once. */
export async function logOut(user: AuthUser, deps: { dataSource: DataSource }): Promise<void> {
  if (user.sessionId) await revokeSession(deps.dataSource, user.sessionId);
}

/** Ends every session of the user, on every device (a lost laptop). */
export async function logOutEverywhere(user: AuthUser, deps: { dataSource: DataSource }): Promise<void> {
  await bumpTokenVersion(deps.dataSource, user.id);
}
