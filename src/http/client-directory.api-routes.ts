import { Router } from 'express';
import {
  agreementsQuerySchema, contactsQuerySchema, createAgreementSchema, createContactSchema, createControllerSchema, createTemplateSchema,
  updateAgreementSchema, updateContactSchema, updateControllerSchema, updateTemplateSchema,
} from '../domain/client-directory.schemas';
import {
  createAgreementTemplate, listAgreementTemplates, previewTemplateChange, updateAgreementTemplate,
} from '../use-cases/manage-agreement-templates.use-case';
import { createAgreement, deactivateAgreement, listAgreementPage, readAgreement, updateAgreement } from '../use-cases/manage-agreements.use-case';
import { createContact, deactivateContact, getContact, listContactPage, updateContact } from '../use-cases/manage-contacts.use-case';
import { createController, deactivateController, readController, updateController } from '../use-cases/manage-controllers.use-case';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

/**
 * The client directory as an API (issue 15): controllers, agreements, agreement templates and
 * annex contacts. Reads follow GET /api/controllers (the controller side sees its own); writes
 * are the admin's. The paged list of controllers is GET /api/controllers (directory.api-routes).
 */
export function clientDirectoryApiRoutes(deps: AppDeps): Router {
  const router = Router();
  const admin = allowRoles('admin');

  router.post('/api/controllers', admin, async (req, res) => {
    res.status(201).json(await createController(parse(createControllerSchema, req.body), userOf(req), deps));
  });
  router.get('/api/controllers/:id', async (req, res) => {
    res.json(await readController(idParam(req.params.id, 'Controller'), userOf(req), deps));
  });
  router.patch('/api/controllers/:id', admin, async (req, res) => {
    const id = idParam(req.params.id, 'Controller');
    res.json(await updateController(id, parse(updateControllerSchema, req.body), userOf(req), deps));
  });
  router.post('/api/controllers/:id/deactivate', admin, async (req, res) => {
    res.json(await deactivateController(idParam(req.params.id, 'Controller'), userOf(req), deps));
  });

  router.get('/api/agreements', async (req, res) => {
    res.json(await listAgreementPage(parse(agreementsQuerySchema, req.query), userOf(req), deps));
  });
  router.post('/api/agreements', admin, async (req, res) => {
    res.status(201).json(await createAgreement(parse(createAgreementSchema, req.body), userOf(req), deps));
  });
  router.get('/api/agreements/:id', async (req, res) => {
    res.json(await readAgreement(idParam(req.params.id, 'Agreement'), userOf(req), deps));
  });
  router.patch('/api/agreements/:id', admin, async (req, res) => {
    const id = idParam(req.params.id, 'Agreement');
    res.json(await updateAgreement(id, parse(updateAgreementSchema, req.body), userOf(req), deps));
  });
  router.post('/api/agreements/:id/deactivate', admin, async (req, res) => {
    res.json(await deactivateAgreement(idParam(req.params.id, 'Agreement'), userOf(req), deps));
  });

  router.get('/api/agreement-templates', allowRoles('support', 'admin'), async (req, res) => {
    res.json({ templates: await listAgreementTemplates(userOf(req), deps) });
  });
  router.post('/api/agreement-templates', admin, async (req, res) => {
    res.status(201).json(await createAgreementTemplate(parse(createTemplateSchema, req.body), userOf(req), deps));
  });
  router.post('/api/agreement-templates/:id/preview', admin, async (req, res) => {
    const id = idParam(req.params.id, 'Template');
    res.json(await previewTemplateChange(id, parse(updateTemplateSchema, req.body), userOf(req), deps));
  });
  router.patch('/api/agreement-templates/:id', admin, async (req, res) => {
    const id = idParam(req.params.id, 'Template');
    res.json(await updateAgreementTemplate(id, parse(updateTemplateSchema, req.body), userOf(req), deps));
  });

  router.get('/api/contacts', async (req, res) => {
    res.json(await listContactPage(parse(contactsQuerySchema, req.query), userOf(req), deps));
  });
  router.post('/api/contacts', admin, async (req, res) => {
    res.status(201).json(await createContact(parse(createContactSchema, req.body), userOf(req), deps));
  });
  router.get('/api/contacts/:id', async (req, res) => {
    res.json(await getContact(idParam(req.params.id, 'Contact'), userOf(req), deps));
  });
  router.patch('/api/contacts/:id', admin, async (req, res) => {
    const id = idParam(req.params.id, 'Contact');
    res.json(await updateContact(id, parse(updateContactSchema, req.body), userOf(req), deps));
  });
  router.post('/api/contacts/:id/deactivate', admin, async (req, res) => {
    res.json(await deactivateContact(idParam(req.params.id, 'Contact'), userOf(req), deps));
  });
  return router;
}
