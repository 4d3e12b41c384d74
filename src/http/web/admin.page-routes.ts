import { Router } from 'express';
import type { AppDeps } from '../app-deps';

export function adminPageRoutes(_deps: AppDeps): Router {
  return Router();
}
