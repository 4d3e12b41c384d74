import { Router } from 'express';
import type { AppDeps } from '../app-deps';

export function adminUserPageRoutes(_deps: AppDeps): Router {
  return Router();
}
