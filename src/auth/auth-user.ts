import type { Actor } from '../audit/audit-trail';
import { ForbiddenError } from '../domain/errors';

export type Role = 'support' | 'admin' | 'controller' | 'dpo';

/** The person behind a request, as the verified token says. */
export interface AuthUser {
  id: string;
  role: Role;
  /** Set for controller-side users (controller, dpo): the one controller they belong to. */
  controllerId: string | null;
  /** The session the request came with (absent for the CLI and the worker): logout ends it. */
  sessionId?: string;
}

export const PROCESSOR_ROLES: readonly Role[] = ['support', 'admin'];
export const CONTROLLER_ROLES: readonly Role[] = ['controller', 'dpo'];

export function requireRole(user: AuthUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) {
    throw new ForbiddenError(`This needs the role ${roles.join(' or ')}; you are ${user.role}.`);
  }
}

export function isControllerSide(user: AuthUser): boolean {
  return CONTROLLER_ROLES.includes(user.role);
}

export function actorOf(user: AuthUser): Actor {
  return { kind: 'user', id: user.id, role: user.role };
}
