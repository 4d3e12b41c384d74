import type { RequestHandler } from 'express';
import multer from 'multer';
import { MAX_UPLOAD_BYTES } from '../agreement-upload.middleware';

/**
 * The agreement pages post multipart forms (a file, or a long text that would not fit the
 * 256 kB urlencoded limit). The CSRF check reads `_csrf` from the parsed body, so this runs
 * in the page middleware between the session and the CSRF check — for an admin's POST to the
 * two agreement routes only; nobody else gets an upload parsed. Kept in memory, like the
 * API's upload: nothing of an agreement touches the disk before it is confirmed.
 * A parse error is not thrown here (the CSRF check has not run yet): the route reports it.
 */
const AGREEMENT_PAGE = /^\/admin\/controllers\/[^/]+\/agreement(?:\/import)?$/;
const MAX_TEXT_FIELD_BYTES = 12 * 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fieldSize: MAX_TEXT_FIELD_BYTES, fields: 2000, parts: 2001 },
}).single('file');

export const UPLOAD_ERROR = 'agreementUploadError';

export const agreementPageUpload: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !AGREEMENT_PAGE.test(req.path) || !req.is('multipart/form-data') || req.user?.role !== 'admin') return next();
  upload(req, res, (error: unknown) => {
    if (error) res.locals[UPLOAD_ERROR] = error instanceof multer.MulterError ? error.code : 'unreadable';
    next();
  });
};
