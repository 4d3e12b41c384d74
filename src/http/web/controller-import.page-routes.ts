import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { requireRole } from '../../auth/auth-user';
import { DomainError } from '../../domain/errors';
import { ui, type UiMessages } from '../../i18n/ui-messages';
import { importControllers, type ImportResult } from '../../use-cases/import-controllers.use-case';
import { MAX_UPLOAD_BYTES } from '../agreement-upload.middleware';
import type { AppDeps } from '../app-deps';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';

const IMPORT_PAGE = '/admin/controllers/import';
const UPLOAD_ERROR = 'controllerImportUploadError';
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } }).single('file');

/**
 * The import form is multipart; the CSRF check reads `_csrf` from the parsed body, so this
 * runs in the page middleware before it — for an admin's POST to the import page only.
 */
export const controllerImportPageUpload: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || req.path !== IMPORT_PAGE || !req.is('multipart/form-data') || req.user?.role !== 'admin') return next();
  upload(req, res, (error: unknown) => {
    if (error) res.locals[UPLOAD_ERROR] = error instanceof multer.MulterError ? error.code : 'unreadable';
    next();
  });
};

const fill = (text: string, values: Record<string, number>) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

function resultView(m: UiMessages, r: ImportResult) {
  const reason = (key: string) => (m as Record<string, string>)[`importReason_${key}`] ?? key;
  const summary = r.errors.length
    ? fill(m.importControllersRefused, { n: r.errors.length })
    : fill(r.dryRun ? m.importControllersDry : m.importControllersApplied, {
      rows: r.rows, controllers: r.controllers.total, created: r.controllers.created, updated: r.controllers.updated, contacts: r.contacts.total,
      contactsCreated: r.contacts.created, contactsUpdated: r.contacts.updated, contactsDeactivated: r.contacts.deactivated,
    });
  return {
    resultSummary: summary,
    resultOk: r.errors.length === 0,
    resultErrors: r.errors.map((e) => ({ row: e.row, column: e.column, reason: `${reason(e.reason)}${e.detail ? ` (${e.detail})` : ''}`, value: e.value ?? '' })),
  };
}

/** Admin: upload the client list, dry run first, then apply (`importControllers`, as the API and CLI). */
export function controllerImportPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const show = (req: Request, res: Response, status: number, extra: Record<string, unknown>) => {
    const m = ui(languageOf(req));
    renderWebPage(req, res, status, 'admin-controller-import', {
      title: m.importControllersTitle, intro: m.importControllersIntro, action: IMPORT_PAGE, backHref: '/admin/controllers', dryRun: true, ...extra,
    });
  };
  router.get(IMPORT_PAGE, (req, res) => {
    requireRole(pageUser(req), ['admin']);
    show(req, res, 200, {});
  });
  router.post(IMPORT_PAGE, async (req, res) => {
    const user = pageUser(req);
    requireRole(user, ['admin']);
    const m = ui(languageOf(req));
    const dryRun = req.body?.dryRun === 'on';
    if (res.locals[UPLOAD_ERROR] || !req.file) {
      const fileError = res.locals[UPLOAD_ERROR] === 'LIMIT_FILE_SIZE' ? `> ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` : m.importReason_required;
      show(req, res, 422, { fileError, dryRun });
      return;
    }
    try {
      const result = await importControllers({ buffer: req.file.buffer, fileName: req.file.originalname }, { dryRun }, user, deps);
      show(req, res, result.errors.length ? 422 : 200, { ...resultView(m, result), dryRun: result.errors.length > 0 || !dryRun ? dryRun : false });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      show(req, res, 422, { fileError: error.message, dryRun });
    }
  });
  return router;
}
