import { ackPageSchema, agreementImportResultSchema, confirmedAgreementSchema, importAgreementTextSchema } from '../../domain/agreement.schemas';
import {
  apReportHistorySchema, apReportSchema, apSheetViewSchema, auditVerificationSchema, contractEndResultSchema, dataSubjectDraftSchema, proofOfNoticeSchema,
  registerExportSchema, registerPageSchema, registerQuerySchema, retentionCheckResultSchema, retentionCheckSchema, riskAssessmentReadSchema, riskAssessmentViewSchema, sheetQuerySchema,
} from '../../domain/dpo.schemas';
import {
  assessmentSchema, auditTrailSchema, incidentEventSchema, incidentListSchema, incidentViewSchema, loginResultSchema, loginSchema, messageSchema, reportIncidentSchema,
  sessionTokenSchema, updateIncidentSchema,
} from '../../domain/incident.schemas';
import { riskCriteriaSchema } from '../../risk/risk-criteria.schema';
import { contractEndSchema } from '../admin.api-routes';
import { z as zod } from 'zod';
import { createdWebhookSchema, createWebhookSchema, updateWebhookSchema, webhookListSchema, webhookViewSchema } from '../../use-cases/manage-webhooks.use-case';
import { controllerListSchema, controllerViewSchema, createUserSchema, outboxSchema } from '../../domain/directory.schemas';
import {
  changePasswordSchema, createdIdSchema, passwordResetCompleteSchema, passwordResetRequestSchema, totpConfirmSchema, totpEnabledSchema, totpEnrolmentSchema, totpResetSchema, unlockResultSchema, updatedUserSchema,
  updateUserSchema, userListSchema,
} from '../../domain/user.schemas';
import { controllerImportQuerySchema } from '../controller-import.api-routes';
import {
  agreementPageSchema, agreementsQuerySchema, agreementViewSchema, contactPageSchema, contactsQuerySchema, contactViewSchema, controllersQuerySchema, createAgreementSchema, createContactSchema, createControllerSchema,
  createTemplateSchema, updateAgreementSchema, updateContactSchema, updateControllerSchema, updateTemplateSchema,
  templateChangeSchema, templateListSchema, templateViewSchema,
} from '../../domain/client-directory.schemas';

/**
 * Every API operation, with the zod schemas of its input and of its answer: the OpenAPI
 * document is generated from these (and the component suites check real answers against it), never written by hand. A test fails when the app registers an
 * /api route that is missing here.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express path, e.g. /api/incidents/:id */
  path: string;
  summary: string;
  tag: string;
  roles: string;
  body?: zod.ZodType;
  query?: zod.ZodType;
  /** Other request body types the route also reads (a file upload, a provider's form post). */
  otherBodies?: Record<string, Record<string, unknown>>;
  /** Answers besides the error responses every operation has. */
  success: { status: number; description: string; schema?: zod.ZodType; contentType?: string; also?: Array<{ status: number; description: string }>; variants?: string[] };
  public?: boolean;
}

const json = (description: string, schema: zod.ZodType, status = 200) => ({ status, description, schema });
const formats = (description: string, schema: zod.ZodType, ...variants: string[]) => ({ status: 200, description, schema, variants });

/**
 * An answer not yet described field by field (the controller import's counts and row errors):
 * a JSON object whose fields the document does not pin down. Replace with a closed schema when it settles.
 */
const openAnswer = zod.looseObject({});

export const API_OPERATIONS: ApiOperation[] = [
  { method: 'post', path: '/api/auth/login', tag: 'auth', roles: 'anyone', public: true, summary: 'Log in: e-mail and password give a bearer token; an account with two-factor login answers 401 totp_required until the same request also carries totp (the current 6-digit code; each code works once)', body: loginSchema, success: json('token, expiry and the user', loginResultSchema) },
  { method: 'post', path: '/api/auth/password-reset', tag: 'auth', roles: 'anyone', public: true, summary: 'Ask for a one-time password reset link by e-mail (the same answer whether or not the address has an account)', body: passwordResetRequestSchema, success: json('accepted', messageSchema, 202) },
  { method: 'post', path: '/api/auth/password-reset/complete', tag: 'auth', roles: 'the e-mailed link', public: true, summary: "Set a new password with the link's token; ends every session of the user", body: passwordResetCompleteSchema, success: { status: 204, description: 'password set' } },
  { method: 'post', path: '/api/auth/logout', tag: 'auth', roles: 'all', summary: 'End this session: its token stops working at once', success: { status: 204, description: 'logged out' } },
  { method: 'post', path: '/api/auth/logout-everywhere', tag: 'auth', roles: 'all', summary: 'End every session of the user, on every device', success: { status: 204, description: 'logged out everywhere' } },
  { method: 'post', path: '/api/auth/password', tag: 'auth', roles: 'all', summary: 'Change your own password; every other session ends, this one gets a new token', body: changePasswordSchema, success: json('a new token and its expiry', sessionTokenSchema) },
  { method: 'post', path: '/api/auth/totp', tag: 'auth', roles: 'support, admin', summary: 'Start two-factor set-up: a new secret (base32 and otpauth:// URI) waits for its first code', success: json('secret and otpauthUri', totpEnrolmentSchema) },
  { method: 'post', path: '/api/auth/totp/confirm', tag: 'auth', roles: 'support, admin', summary: "Turn two-factor login on with the authenticator app's first code", body: totpConfirmSchema, success: json('enabled', totpEnabledSchema) },
  { method: 'get', path: '/api/admin/users', tag: 'admin', roles: 'admin', summary: 'Users with role, controller and whether they are active', success: json('users', userListSchema) },
  { method: 'post', path: '/api/admin/users', tag: 'admin', roles: 'admin', summary: 'Add a user (only the bcrypt hash of the password is kept)', body: createUserSchema, success: json('the new user id', createdIdSchema, 201) },
  { method: 'patch', path: '/api/admin/users/:id', tag: 'admin', roles: 'admin', summary: "Change a user's role or (de)activate the account; the user's sessions end at once", body: updateUserSchema, success: json('the user', updatedUserSchema) },
  { method: 'post', path: '/api/admin/users/:id/password-reset', tag: 'admin', roles: 'admin', summary: 'E-mail the user a one-time password reset link', success: json('sent', messageSchema, 202) },
  { method: 'post', path: '/api/admin/users/:id/unlock', tag: 'admin', roles: 'admin', summary: "Lift the login wait of the user's account at once", success: json('how many counted failures were cleared', unlockResultSchema) },
  { method: 'post', path: '/api/admin/users/:id/totp-reset', tag: 'admin', roles: 'admin', summary: "Turn the user's two-factor login off (a lost phone); the user can set it up again", success: json('the user id, totpEnabled false', totpResetSchema) },
  { method: 'get', path: '/api/controllers', tag: 'directory', roles: 'all (controller-side: own)', summary: 'Controllers with their agreement and annex contacts, paged and filtered', query: controllersQuerySchema, success: json('controllers', controllerListSchema) },
  { method: 'post', path: '/api/controllers', tag: 'directory', roles: 'admin', summary: 'Add a controller (optionally with its CRM key)', body: createControllerSchema, success: json('the controller', controllerViewSchema, 201) },
  { method: 'post', path: '/api/controllers/import', tag: 'directory', roles: 'admin', summary: 'Bulk import of controllers with their contacts from CSV or XLSX (multipart field "file"); dryRun=true checks only; keyed on the CRM id', query: controllerImportQuerySchema, success: json('counts and every error by row, column and reason (422 when the file has errors and nothing was written)', openAnswer) },
  { method: 'get', path: '/api/controllers/:id', tag: 'directory', roles: 'all (controller-side: own)', summary: 'One controller with its agreement and annex contacts', success: json('the controller', controllerViewSchema) },
  { method: 'patch', path: '/api/controllers/:id', tag: 'directory', roles: 'admin', summary: 'Change the fields given', body: updateControllerSchema, success: json('the controller', controllerViewSchema) },
  { method: 'post', path: '/api/controllers/:id/deactivate', tag: 'directory', roles: 'admin', summary: 'No new incidents for this controller; open tracks run on', success: json('the controller', controllerViewSchema) },
  { method: 'get', path: '/api/agreements', tag: 'directory', roles: 'all (controller-side: own)', summary: 'Agreements, paged and filtered (controller, template, active)', query: agreementsQuerySchema, success: json('agreements, page, pageSize, total', agreementPageSchema) },
  { method: 'post', path: '/api/agreements', tag: 'directory', roles: 'admin', summary: "A controller's active agreement: a template with deviations, or its own terms", body: createAgreementSchema, success: json('the agreement', agreementViewSchema, 201) },
  { method: 'get', path: '/api/agreements/:id', tag: 'directory', roles: 'all (controller-side: own)', summary: 'One agreement with its terms, template and deviations', success: json('the agreement', agreementViewSchema) },
  { method: 'patch', path: '/api/agreements/:id', tag: 'directory', roles: 'admin', summary: 'Change title, own terms, template or deviations; tracks already opened keep their terms (a new version is made)', body: updateAgreementSchema, success: json('the active version of the agreement', agreementViewSchema) },
  { method: 'post', path: '/api/agreements/:id/deactivate', tag: 'directory', roles: 'admin', summary: 'The controller has no active agreement afterwards; its tracks keep this one', success: json('the agreement', agreementViewSchema) },
  { method: 'get', path: '/api/agreement-templates', tag: 'directory', roles: 'support, admin', summary: 'Standard agreements with the number of controllers on each', success: json('templates', templateListSchema) },
  { method: 'post', path: '/api/agreement-templates', tag: 'directory', roles: 'admin', summary: 'A standard agreement many controllers share', body: createTemplateSchema, success: json('the template', templateViewSchema, 201) },
  { method: 'post', path: '/api/agreement-templates/:id/preview', tag: 'directory', roles: 'admin', summary: 'Who a template change would reach, and how; nothing is written', body: updateTemplateSchema, success: json('the affected controllers', templateChangeSchema) },
  { method: 'patch', path: '/api/agreement-templates/:id', tag: 'directory', roles: 'admin', summary: 'Change a template: every controller on it from now on (open tracks keep their terms)', body: updateTemplateSchema, success: json('the template and the affected controllers', templateChangeSchema) },
  { method: 'get', path: '/api/contacts', tag: 'directory', roles: 'all (controller-side: own)', summary: 'Annex contacts, paged and filtered (controller, role, text)', query: contactsQuerySchema, success: json('contacts, page, pageSize, total', contactPageSchema) },
  { method: 'post', path: '/api/contacts', tag: 'directory', roles: 'admin', summary: "An annex contact on the controller's active agreement (Dutch 06-numbers are normalised to E.164)", body: createContactSchema, success: json('the contact', contactViewSchema, 201) },
  { method: 'get', path: '/api/contacts/:id', tag: 'directory', roles: 'all (controller-side: own)', summary: 'One annex contact', success: json('the contact', contactViewSchema) },
  { method: 'patch', path: '/api/contacts/:id', tag: 'directory', roles: 'admin', summary: 'Change the fields given', body: updateContactSchema, success: json('the contact', contactViewSchema) },
  { method: 'post', path: '/api/contacts/:id/deactivate', tag: 'directory', roles: 'admin', summary: 'The person receives no more notices and stands in for nobody; what was sent stays on record', success: json('the contact', contactViewSchema) },
  { method: 'get', path: '/api/outbox', tag: 'directory', roles: 'support, admin', summary: 'Messages as they would have been sent without SMTP/Twilio', success: json('messages', outboxSchema) },
  { method: 'post', path: '/api/incidents', tag: 'incidents', roles: 'support, admin', summary: 'Log a (suspected) breach: one track per affected controller, deadlines from each agreement', body: reportIncidentSchema, success: json('the incident with its reference and tracks', incidentViewSchema, 201) },
  { method: 'get', path: '/api/incidents', tag: 'incidents', roles: 'all (controller-side: own tracks)', summary: 'Incidents, newest first', success: json('incidents', incidentListSchema) },
  { method: 'get', path: '/api/incidents/:id', tag: 'incidents', roles: 'all (controller-side: own tracks)', summary: 'One incident with its tracks, notices, acknowledgements and decisions', success: json('the incident', incidentViewSchema) },
  { method: 'patch', path: '/api/incidents/:id', tag: 'incidents', roles: 'support, admin', summary: 'Fill in or correct what is known; only the fields given change', body: updateIncidentSchema, success: json('the incident', incidentViewSchema) },
  { method: 'post', path: '/api/incidents/:id/events', tag: 'incidents', roles: 'support, admin', summary: 'Move the case on: TRIAGE, CONFIRM, DISMISS, NOTIFY, SUPPLEMENT, CLOSE', body: incidentEventSchema, success: json('the incident', incidentViewSchema) },
  { method: 'get', path: '/api/incidents/:id/audit', tag: 'incidents', roles: 'all (controller-side: own track)', summary: 'The audit trail in order, and whether its hash chain holds', success: json('events and chain check', auditTrailSchema) },
  { method: 'post', path: '/api/tracks/:id/assessment', tag: 'dpo', roles: 'dpo', summary: "The DPO's decision on reporting to the AP and informing data subjects", body: assessmentSchema, success: json('the incident', incidentViewSchema) },
  { method: 'get', path: '/api/tracks/:id/risk-assessment', tag: 'dpo', roles: 'dpo, support, admin', summary: 'The latest risk assessment and a prefill from the notice', success: json('assessment and prefill', riskAssessmentReadSchema) },
  { method: 'post', path: '/api/tracks/:id/risk-assessment', tag: 'dpo', roles: 'dpo', summary: 'Assess the risk (ENISA): score, band, recommendation with reasons', body: riskCriteriaSchema, success: json('the assessment', riskAssessmentViewSchema, 201) },
  { method: 'post', path: '/api/tracks/:id/ap-reports', tag: 'dpo', roles: 'dpo', summary: 'Record the AP report, a supplement, a correction or a withdrawal', body: apReportSchema, success: json('the report history', apReportHistorySchema, 201) },
  { method: 'get', path: '/api/tracks/:id/ap-sheet', tag: 'dpo', roles: 'dpo, support, admin', summary: "The AP form's chapters 1–10, pre-filled, gaps marked (?format=html prints)", query: sheetQuerySchema, success: formats('the sheet', apSheetViewSchema, 'text/html') },
  { method: 'get', path: '/api/tracks/:id/data-subject-draft', tag: 'dpo', roles: 'dpo, support, admin', summary: 'A draft message to the data subjects (art. 34(2))', query: sheetQuerySchema.pick({ lang: true }), success: json('the draft', dataSubjectDraftSchema) },
  { method: 'get', path: '/api/tracks/:id/proof', tag: 'evidence', roles: 'all (controller-side: own track)', summary: 'Proof of notice: versions, recipients, acceptance, delivery, acknowledgement, hashes (?format=html prints)', query: zod.object({ format: zod.enum(['json', 'html']).optional() }), success: formats('the proof', proofOfNoticeSchema, 'text/html') },
  { method: 'get', path: '/api/register', tag: 'register', roles: 'all (controller-side: own)', summary: 'The register of every security incident, filtered and paged', query: registerQuerySchema, success: formats('entries and the next cursor; with format=csv or json the whole register streamed', zod.union([registerPageSchema, registerExportSchema]), 'text/csv') },
  { method: 'get', path: '/api/register.csv', tag: 'register', roles: 'all (controller-side: own)', summary: 'The register as CSV, streamed', query: registerQuerySchema, success: { status: 200, description: 'CSV', contentType: 'text/csv' } },
  { method: 'get', path: '/api/register.json', tag: 'register', roles: 'all (controller-side: own)', summary: 'The register as JSON, streamed', query: registerQuerySchema, success: json('entries', registerExportSchema) },
  { method: 'get', path: '/api/admin/audit/verify', tag: 'admin', roles: 'admin', summary: "Re-check every incident's audit hash chain", success: json('the first broken link per incident', auditVerificationSchema) },
  { method: 'put', path: '/api/admin/agreements/:id/contract-end', tag: 'admin', roles: 'admin', summary: 'Record the end date of an agreement (starts the retention term)', body: contractEndSchema, success: json('the agreement', contractEndResultSchema) },
  { method: 'post', path: '/api/admin/retention/check', tag: 'admin', roles: 'admin', summary: 'List what is due for deletion; with apply: true, erase it keeping the register skeleton', body: retentionCheckSchema, success: json('due incidents', retentionCheckResultSchema) },
  { method: 'post', path: '/api/admin/webhooks', tag: 'admin', roles: 'admin', summary: 'Add a webhook (global or per controller) on track state changes; the HMAC secret is returned once', body: createWebhookSchema, success: json('the webhook with its secret', createdWebhookSchema, 201) },
  { method: 'get', path: '/api/admin/webhooks', tag: 'admin', roles: 'admin', summary: 'Webhooks with their failed and queued deliveries', success: json('webhooks', webhookListSchema) },
  { method: 'patch', path: '/api/admin/webhooks/:id', tag: 'admin', roles: 'admin', summary: 'Switch a webhook off (queued deliveries end unsent) or on again', body: updateWebhookSchema, success: json('the webhook', webhookViewSchema) },
  { method: 'delete', path: '/api/admin/webhooks/:id', tag: 'admin', roles: 'admin', summary: 'Delete a webhook with its delivery ledger', success: { status: 204, description: 'deleted' } },
  { method: 'post', path: '/api/agreements/import', tag: 'agreements', roles: 'admin', summary: "Read a DPA's text (JSON or a .txt/.docx/.pdf upload) into a proposed profile", body: importAgreementTextSchema,
    otherBodies: { 'multipart/form-data': { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: '.txt, .docx or .pdf' }, language: { type: 'string', enum: ['nl', 'en'] } } } }, success: json('the proposal', agreementImportResultSchema) },
  { method: 'post', path: '/api/controllers/:id/agreement', tag: 'agreements', roles: 'admin', summary: "Save the admin-confirmed profile as the controller's agreement", body: confirmedAgreementSchema, success: json('the controller', controllerViewSchema, 201) },
  { method: 'get', path: '/api/ack/:token', tag: 'acknowledgement', roles: 'the signed link', public: true, summary: 'What an acknowledgement link shows: every version of the notice', success: json('the notice versions', ackPageSchema) },
  { method: 'post', path: '/api/ack/:token', tag: 'acknowledgement', roles: 'the signed link', public: true, summary: 'Acknowledge receipt of the notice', success: json('the notice versions with the acknowledgement', ackPageSchema) },
  { method: 'post', path: '/api/twilio/status', tag: 'providers', roles: 'Twilio (X-Twilio-Signature)', public: true, summary: "Twilio's delivery status callback",
    otherBodies: { 'application/x-www-form-urlencoded': { type: 'object', required: ['MessageSid', 'MessageStatus'], properties: { MessageSid: { type: 'string' }, MessageStatus: { type: 'string' }, ErrorCode: { type: 'string' } }, additionalProperties: { type: 'string' } } },
    success: { status: 204, description: 'applied, or ignored as old news', also: [{ status: 202, description: 'held for a message not on record yet (applied by the worker once it is)' }] } },
];
