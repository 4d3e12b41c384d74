import { Router, type Request, type Response } from 'express';
import { requireRole } from '../../auth/auth-user';
import { describeDeadlineRule } from '../../domain/deadlines';
import { contactSchema, controllerAgreementSchema } from '../../domain/directory.schemas';
import { ValidationError } from '../../domain/errors';
import { ui } from '../../i18n/ui-messages';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import { saveContact } from '../../use-cases/save-contact.use-case';
import { saveController } from '../../use-cases/save-controller.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { adminFieldOf, contactToBody, controllerToBody, NEW_CONTROLLER_BODY, toContactInput, toControllerInput } from './forms/admin.forms';
import { formErrors, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { contactControls, controllerControls, errorSummary } from './view-models/admin.view-model';
import { label } from './view-models/track-panel.view-model';
import { NotFoundError } from '../../domain/errors';

/** Admin: controllers with their agreement, and the annex contacts. */
export function adminPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const admin = (req: Request) => {
    const user = pageUser(req);
    requireRole(user, ['admin']);
    return user;
  };
  const controllerOf = async (req: Request, id: string) => {
    const [controller] = (await listControllersFor(admin(req), deps)).filter((c) => c.id === id);
    if (!controller) throw new NotFoundError('Controller');
    return controller;
  };
  const fieldErrors = (error: ValidationError) => Object.fromEntries(Object.entries(error.fields ?? {}).map(([k, v]) => [adminFieldOf(k), v]));

  router.get('/admin/controllers', async (req, res) => {
    const lang = languageOf(req);
    const m = ui(lang);
    const controllers = await listControllersFor(admin(req), deps);
    renderWebPage(req, res, 200, 'admin-list', {
      title: m.adminControllersTitle, intro: m.adminControllerIntro, newHref: '/admin/controllers/new', newLabel: m.adminNewController,
      importHref: '/admin/controllers/import', importLabel: m.importControllersLink,
      list: {
        heading: m.adminControllersTitle,
        columns: [m.colName, m.colAgreement, m.colRule, m.colContacts, m.edit],
        rows: controllers.map((c) => ({
          cells: [c.name, c.agreement?.title ?? '—', c.agreement ? describeDeadlineRule(c.agreement, lang) : '—', String(c.agreement?.contacts.length ?? 0)],
          href: `/admin/controllers/${c.id}`, linkText: `${m.edit}: ${c.name}`,
        })),
      },
    });
  });

  const showController = async (req: Request, res: Response, status: number, id: string | null, body: FormBody, errors: Record<string, string>, notice = '') => {
    const lang = languageOf(req);
    const m = ui(lang);
    const controller = id ? await controllerOf(req, id) : null;
    renderWebPage(req, res, status, 'form-page', {
      title: id ? m.adminEditController : m.adminNewController, intro: m.adminControllerIntro, notice,
      backHref: '/admin/controllers', backLabel: m.backToControllers,
      action: id ? `/admin/controllers/${id}` : '/admin/controllers/new', submitLabel: m.save,
      controls: controllerControls(lang, m, body, errors), ...errorSummary(m, errors),
      importHref: id ? `/admin/controllers/${id}/agreement/import` : '', importLabel: m.agreementImportLink,
      importNote: controller?.agreement?.sourceName ? m.agreementSourceNote.replace('{name}', controller.agreement.sourceName) : '',
      list: controller?.agreement ? {
        heading: m.contactsHeading,
        columns: [m.position, m.colName, m.colRole, m.colEmail, m.mobile, m.edit],
        rows: controller.agreement.contacts.map((k) => ({
          cells: [String(k.position), k.name, label(m, `contact_${k.role}`, k.role), k.email, k.mobile ?? '—'],
          href: `/admin/controllers/${controller.id}/contacts/${k.id}`, linkText: `${m.edit}: ${k.name}`,
        })),
        addHref: `/admin/controllers/${controller.id}/contacts/new`, addLabel: m.addContact,
      } : null,
    });
  };

  router.get('/admin/controllers/new', async (req, res) => {
    admin(req); // an empty form, but an admin page all the same: nobody else sees it
    await showController(req, res, 200, null, NEW_CONTROLLER_BODY, {});
  });
  router.get('/admin/controllers/:id', async (req, res) => {
    const id = idParam(req.params.id, 'Controller');
    await showController(req, res, 200, id, controllerToBody(await controllerOf(req, id)), {}, req.query.saved ? ui(languageOf(req)).saved : '');
  });

  const postController = async (req: Request, res: Response, id: string | null) => {
    const user = admin(req);
    const body = req.body as FormBody;
    const parsed = controllerAgreementSchema.safeParse(toControllerInput(body));
    if (!parsed.success) return showController(req, res, 422, id, body, formErrors(languageOf(req), parsed.error, adminFieldOf));
    try {
      const savedId = await saveController(id, parsed.data, user, deps);
      res.redirect(303, `/admin/controllers/${savedId}?saved=1`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await showController(req, res, 422, id, body, fieldErrors(error));
    }
  };
  router.post('/admin/controllers/new', (req, res) => postController(req, res, null));
  router.post('/admin/controllers/:id', (req, res) => postController(req, res, idParam(req.params.id, 'Controller')));

  const showContact = async (req: Request, res: Response, status: number, controllerId: string, contactId: string | null, body: FormBody, errors: Record<string, string>) => {
    const m = ui(languageOf(req));
    const controller = await controllerOf(req, controllerId);
    const others = (controller.agreement?.contacts ?? []).filter((k) => k.id !== contactId);
    renderWebPage(req, res, status, 'form-page', {
      title: contactId ? m.contactTitleEdit : m.contactTitleNew, intro: controller.name, notice: '',
      backHref: `/admin/controllers/${controllerId}`, backLabel: m.backToController,
      action: `/admin/controllers/${controllerId}/contacts/${contactId ?? 'new'}`, submitLabel: m.save,
      controls: contactControls(m, body, errors, others), ...errorSummary(m, errors), list: null,
    });
  };
  const contactIds = (req: Request) => ({
    controllerId: idParam(req.params.id, 'Controller'),
    contactId: req.params.contactId === 'new' ? null : idParam(req.params.contactId, 'Contact'),
  });

  router.get('/admin/controllers/:id/contacts/:contactId', async (req, res) => {
    const { controllerId, contactId } = contactIds(req);
    const controller = await controllerOf(req, controllerId);
    const contact = controller.agreement?.contacts.find((k) => k.id === contactId);
    if (contactId && !contact) throw new NotFoundError('Contact');
    await showContact(req, res, 200, controllerId, contactId, contact ? contactToBody(contact) : { role: 'breach_contact', position: '1', receivesBreachNotice: 'yes' }, {});
  });

  router.post('/admin/controllers/:id/contacts/:contactId', async (req, res) => {
    const user = admin(req);
    const { controllerId, contactId } = contactIds(req);
    const body = req.body as FormBody;
    const parsed = contactSchema.safeParse(toContactInput(body));
    if (!parsed.success) return showContact(req, res, 422, controllerId, contactId, body, formErrors(languageOf(req), parsed.error, adminFieldOf));
    try {
      await saveContact({ controllerId, contactId }, parsed.data, user, deps);
      res.redirect(303, `/admin/controllers/${controllerId}?saved=1`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await showContact(req, res, 422, controllerId, contactId, body, fieldErrors(error));
    }
  });
  return router;
}
