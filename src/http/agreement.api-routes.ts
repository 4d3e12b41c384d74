import { Router } from 'express';
import { confirmedAgreementSchema, importAgreementTextSchema } from '../domain/agreement.schemas';
import { ValidationError } from '../domain/errors';
import { importAgreement } from '../use-cases/import-agreement.use-case';
import { saveImportedAgreement } from '../use-cases/save-imported-agreement.use-case';
import { agreementUpload } from './agreement-upload.middleware';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

export function agreementApiRoutes(deps: AppDeps): Router {
  const router = Router();
  // JSON {text} or a multipart upload with one "file": the proposal, nothing saved.
  router.post('/api/agreements/import', allowRoles('admin'), agreementUpload, async (req, res) => {
    if (req.file) {
      res.json(await importAgreement({ file: { buffer: req.file.buffer, fileName: req.file.originalname, mimeType: req.file.mimetype } }, userOf(req)));
      return;
    }
    if (req.is('multipart/form-data')) throw new ValidationError('Upload the agreement as the field "file".', { file: 'is required' });
    const input = parse(importAgreementTextSchema, req.body);
    res.json(await importAgreement(input, userOf(req)));
  });
  router.post('/api/controllers/:id/agreement', allowRoles('admin'), async (req, res) => {
    const id = idParam(req.params.id, 'Controller');
    const input = parse(confirmedAgreementSchema, req.body);
    res.status(201).json(await saveImportedAgreement(id, input, userOf(req), deps));
  });
  return router;
}
