import type { RequestHandler } from 'express';
import multer from 'multer';
import { DomainError, ValidationError } from '../domain/errors';

/**
 * A multipart upload of one agreement file (field "file"), kept in memory: agreements are
 * small, and nothing of them touches the disk before the admin has confirmed.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } }).single('file');

export const agreementUpload: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  upload(req, res, (error: unknown) => {
    if (!error) return next();
    if (error instanceof multer.MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') return next(new DomainError(413, 'file_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, { file: 'too large' }));
      return next(new ValidationError(`The upload could not be read: ${error.message}.`, { [error.field ?? 'file']: error.message }));
    }
    next(new ValidationError('The upload could not be read.', { file: 'not a readable multipart upload' }));
  });
};
