import { Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { importControllers } from '../use-cases/import-controllers.use-case';
import { agreementUpload } from './agreement-upload.middleware';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { parse } from './validate';

export const controllerImportQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).default('false') }).strict();

/**
 * POST /api/controllers/import: a CSV or XLSX upload (field "file"). `?dryRun=true` checks
 * and counts only; without it a file without errors is applied in one transaction, and a
 * file with errors is refused (422) with every error named by row, column and reason.
 */
export function controllerImportApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/controllers/import', allowRoles('admin'), agreementUpload, async (req, res) => {
    const { dryRun } = parse(controllerImportQuerySchema, req.query);
    if (!req.file) throw new ValidationError('Upload the file as the multipart field "file".', { file: 'is required' });
    const result = await importControllers({ buffer: req.file.buffer, fileName: req.file.originalname }, { dryRun: dryRun === 'true' }, userOf(req), deps);
    if (result.errors.length > 0 && !result.dryRun) {
      res.status(422).json({ code: 'import_refused', message: `The file has ${result.errors.length} error(s); nothing was imported.`, fields: { file: 'has errors, see errors' }, ...result });
      return;
    }
    res.json(result);
  });
  return router;
}
