import { Router, type Request, type Response } from 'express';
import { requireRole } from '../../auth/auth-user';
import { confirmedAgreementSchema } from '../../domain/agreement.schemas';
import type { Controller } from '../../domain/directory.repository';
import { DomainError, NotFoundError, ValidationError } from '../../domain/errors';
import { ui } from '../../i18n/ui-messages';
import { importAgreement, type ImportAgreementInput } from '../../use-cases/import-agreement.use-case';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import { saveImportedAgreement } from '../../use-cases/save-imported-agreement.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { UPLOAD_ERROR } from './agreement-page-upload';
import { importToBody, reviewErrors, toConfirmedInput } from './forms/agreement-review.form';
import { str, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { errorSummary } from './view-models/admin.view-model';
import { buildReviewPage, type ReviewSource } from './view-models/agreement-review.view-model';

/**
 * Admin: read a controller's agreement (pasted, or a .txt/.docx/.pdf upload) → review the
 * proposed profile beside the highlighted text → save it as the controller's agreement with
 * its source text. The same use cases and schema as `POST /api/agreements/import` and
 * `POST /api/controllers/:id/agreement`.
 */
export function agreementImportPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const admin = (req: Request) => {
    const user = pageUser(req);
    requireRole(user, ['admin']);
    return user;
  };
  const controllerOf = async (req: Request): Promise<Controller> => {
    const id = idParam(req.params.id, 'Controller');
    const [controller] = (await listControllersFor(admin(req), deps)).filter((c) => c.id === id);
    if (!controller) throw new NotFoundError('Controller');
    return controller;
  };

  const showImport = (req: Request, res: Response, status: number, controller: Controller, text: string, errors: Record<string, string>) => {
    const m = ui(languageOf(req));
    const a = controller.agreement;
    renderWebPage(req, res, status, 'admin-agreement-import', {
      title: m.importTitle, intro: m.importIntro, controllerName: controller.name,
      backHref: `/admin/controllers/${controller.id}`, backLabel: m.backToController,
      current: a ? m.importCurrent.replace('{title}', a.title) : m.importNoCurrent,
      currentSource: a?.sourceName ? m.agreementSourceNote.replace('{name}', a.sourceName) : '',
      action: `/admin/controllers/${controller.id}/agreement/import`,
      text, textError: errors.text ?? '', fileError: errors.file ?? '',
      ...errorSummary(m, errors),
    });
  };

  /** The review page; after a refused save the posted text is read again, so the marks match it. */
  const showReview = async (req: Request, res: Response, status: number, controller: Controller, body: FormBody, errors: Record<string, string>, source?: ReviewSource) => {
    let review = source;
    if (!review) {
      const text = typeof body.sourceText === 'string' ? body.sourceText : '';
      const name = str(body, 'sourceName') || ui(languageOf(req)).pastedTextName;
      review = { name, text: '', proposal: null };
      if (text.trim()) {
        try {
          const result = await importAgreement({ text, name }, admin(req));
          review = { name, text: result.draft.source.text, proposal: result.proposal };
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
        }
      }
    }
    renderWebPage(req, res, status, 'admin-agreement-review', buildReviewPage(languageOf(req), controller, review, body, errors));
  };

  router.get('/admin/controllers/:id/agreement/import', async (req, res) => {
    showImport(req, res, 200, await controllerOf(req), '', {});
  });

  router.post('/admin/controllers/:id/agreement/import', async (req, res) => {
    const user = admin(req);
    const controller = await controllerOf(req);
    const m = ui(languageOf(req));
    const body = (req.body ?? {}) as FormBody;
    const text = typeof body.text === 'string' ? body.text : '';
    const uploadError = res.locals[UPLOAD_ERROR] as string | undefined;
    if (uploadError) return showImport(req, res, uploadError === 'LIMIT_FILE_SIZE' ? 413 : 422, controller, text, { file: uploadError === 'LIMIT_FILE_SIZE' ? m.importTooLarge : m.importUnreadable });
    let input: ImportAgreementInput;
    if (req.file) input = { file: { buffer: req.file.buffer, fileName: req.file.originalname, mimeType: req.file.mimetype } };
    else if (text.trim()) input = { text, name: m.pastedTextName };
    else return showImport(req, res, 422, controller, text, { text: m.importNothing });
    try {
      const result = await importAgreement(input, user);
      const body = importToBody(result);
      await showReview(req, res, 200, controller, body, {}, { name: result.draft.source.name, text: result.draft.source.text, proposal: result.proposal });
    } catch (error) {
      if (error instanceof DomainError && error.status === 413) return showImport(req, res, 413, controller, text, { file: m.importInflatesTooMuch });
      if (!(error instanceof ValidationError)) throw error;
      const [field, detail] = Object.entries(error.fields ?? { text: error.message })[0];
      showImport(req, res, 422, controller, text, { [field === 'file' ? 'file' : 'text']: `${m.importUnreadable} ${detail}` });
    }
  });

  router.post('/admin/controllers/:id/agreement', async (req, res) => {
    const user = admin(req);
    const controller = await controllerOf(req);
    const lang = languageOf(req);
    if (res.locals[UPLOAD_ERROR]) throw new DomainError(413, 'too_large', ui(lang).badRequestMessage);
    const body = (req.body ?? {}) as FormBody;
    const review = toConfirmedInput(lang, body);
    const parsed = confirmedAgreementSchema.safeParse(review.input);
    if (!parsed.success) return showReview(req, res, 422, controller, body, reviewErrors(lang, parsed.error, review, body));
    if (Object.keys(review.errors).length > 0) return showReview(req, res, 422, controller, body, review.errors);
    try {
      await saveImportedAgreement(controller.id, parsed.data, user, deps);
      res.redirect(303, `/admin/controllers/${controller.id}?saved=1`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields ?? {}).map(([path, message]) => [review.fieldOf(path), message]));
      await showReview(req, res, 422, controller, body, errors);
    }
  });
  return router;
}
