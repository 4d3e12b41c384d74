import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { NOTICE_FIELD_KEYS } from './notice-fields';

/**
 * The client directory's API (issue 15): controllers, their agreements (own terms, or a
 * shared template with per-client deviations), annex contacts, and the list queries. The
 * same schemas serve the API, the bulk import's rows and the OpenAPI document.
 */
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const uuid = z.uuid({ message: 'must be an id (uuid)' }).toLowerCase();

/**
 * A mobile number as Twilio needs it (E.164). A Dutch 06-number is accepted and normalised
 * (06 12345678 → +31612345678); anything else must already carry its country code.
 */
export function normaliseMobile(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), 'NL');
  if (!parsed || !parsed.isValid()) return null;
  // A landline cannot take an SMS; where the numbering plan cannot tell (FIXED_LINE_OR_MOBILE), it may.
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.number;
}
export const MOBILE_MESSAGE = 'must be a mobile number in E.164 form (+31612345678) or a Dutch 06-number';
export const mobileNumber = z.string().trim().max(30).transform((value, ctx) => {
  const e164 = normaliseMobile(value);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: MOBILE_MESSAGE });
    return z.NEVER;
  }
  return e164;
});
export const phoneNumber = z.string().trim().max(30).transform((value, ctx) => {
  const parsed = parsePhoneNumberFromString(value, 'NL');
  if (!parsed || !parsed.isValid()) {
    ctx.addIssue({ code: 'custom', message: 'must be a phone number, e.g. +31201234567 or 020 1234567' });
    return z.NEVER;
  }
  return parsed.number;
});

/** The terms an agreement sets: what a template shares and what a controller may deviate in. */
export const agreementTermsShape = {
  language: z.enum(['nl', 'en']),
  deadlineHours: z.number().positive('must be more than 0 hours').max(24 * 30).nullable(), // null: "onverwijld"
  clockStart: z.enum(['processor_discovery', 'first_discovery', 'establishment']),
  notifySuspicion: z.boolean(),
  regardlessOfImpact: z.boolean(),
  triggerText: z.string().trim().max(2000).nullable(),
  deadlineClause: z.string().trim().max(60).nullable(),
  requiredFields: z.array(z.enum(NOTICE_FIELD_KEYS)).max(NOTICE_FIELD_KEYS.length).refine((f) => new Set(f).size === f.length, 'a field is listed twice'),
  ackWindowHours: z.number().positive().max(24 * 14),
  warningShares: z.array(z.number().gt(0).lt(1)).max(5).refine((s) => s.every((v, i) => i === 0 || v > s[i - 1]), 'must rise, e.g. 0.5, 0.8'),
  autoNoticeShare: z.number().gt(0).lt(1).nullable(),
  dataCategories: z.array(text(200)).max(200),
  subjectCategories: z.array(text(200)).max(200),
};
export const agreementTermsSchema = z.object(agreementTermsShape).strict();
export type AgreementTerms = z.infer<typeof agreementTermsSchema>;
export const TERM_KEYS = Object.keys(agreementTermsShape) as (keyof AgreementTerms)[];
export const partialTermsSchema = agreementTermsSchema.partial();
export type PartialTerms = z.infer<typeof partialTermsSchema>;

const atLeastOne = (o: object) => Object.keys(o).length > 0;

// ---------------------------------------------------------------- controllers
const kvkNumber = z.string().trim().regex(/^\d{8}$/, 'must be 8 digits');
const externalKey = z.string().trim().min(1, 'is required').max(100);
export const createControllerSchema = z
  .object({
    name: text(200),
    kvkNumber: kvkNumber.nullish(),
    sector: z.string().trim().max(200).nullish(),
    city: z.string().trim().max(200).nullish(),
    externalKey: externalKey.nullish(),
  })
  .strict();
export type CreateControllerInput = z.infer<typeof createControllerSchema>;
export const updateControllerSchema = createControllerSchema.partial().strict().refine(atLeastOne, 'change at least one field');
export type UpdateControllerInput = z.infer<typeof updateControllerSchema>;

// ---------------------------------------------------------------- agreements
/** A controller's agreement: a template (with deviations) or its own full terms. */
export const createAgreementSchema = z
  .object({
    controllerId: uuid,
    title: text(300).optional(),
    templateId: uuid.optional(),
    terms: agreementTermsSchema.optional(),
    deviations: partialTermsSchema.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (!a.templateId && !a.terms) ctx.addIssue({ code: 'custom', path: ['terms'], message: 'give the terms, or a templateId' });
    if (a.templateId && a.terms) ctx.addIssue({ code: 'custom', path: ['terms'], message: 'an agreement on a template takes deviations, not terms' });
    if (!a.templateId && a.deviations) ctx.addIssue({ code: 'custom', path: ['deviations'], message: 'deviations need a templateId' });
    if (!a.templateId && !a.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required without a template' });
  });
export type CreateAgreementInput = z.infer<typeof createAgreementSchema>;

/** `terms` changes an agreement's own terms; `deviations` replaces what it deviates in from its template. */
export const updateAgreementSchema = z
  .object({
    title: text(300).optional(),
    templateId: uuid.nullable().optional(),
    terms: partialTermsSchema.optional(),
    deviations: partialTermsSchema.optional(),
  })
  .strict()
  .refine(atLeastOne, 'change at least one field');
export type UpdateAgreementInput = z.infer<typeof updateAgreementSchema>;

// ---------------------------------------------------------------- templates
export const createTemplateSchema = z
  .object({ key: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,59}$/, 'lower-case letters, digits, . _ -; at most 60'), title: text(300), terms: agreementTermsSchema })
  .strict();
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;
export const updateTemplateSchema = z
  .object({ title: text(300).optional(), terms: partialTermsSchema.optional() })
  .strict()
  .refine(atLeastOne, 'change at least one field');
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;

// ---------------------------------------------------------------- contacts
const contactShape = {
  name: text(200),
  role: z.enum(['breach_contact', 'dpo', 'iso', 'director', 'support_desk']),
  email: z.email('must be an e-mail address').max(320),
  phone: phoneNumber.nullish(),
  mobile: mobileNumber.nullish(),
  position: z.number().int().min(1).max(99),
  standInForId: uuid.nullish(),
  receivesBreachNotice: z.boolean(),
};
export const createContactSchema = z.object({ controllerId: uuid, ...contactShape }).strict();
export type CreateContactInput = z.infer<typeof createContactSchema>;
export const updateContactSchema = z.object(contactShape).partial().strict().refine(atLeastOne, 'change at least one field');
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

// ---------------------------------------------------------------- list queries
const page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
};
const activeFilter = z.enum(['true', 'false', 'all']).default('true');
export const controllersQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    active: activeFilter,
    templateId: uuid.optional(),
    externalKey: externalKey.optional(),
    ...page,
    // The list without paging was the whole directory; a client that asks nothing still gets up to 500.
    pageSize: z.coerce.number().int().min(1).max(500).default(500),
  })
  .strict();
export type ControllersQuery = z.infer<typeof controllersQuerySchema>;
export const agreementsQuerySchema = z
  .object({ controllerId: uuid.optional(), templateId: uuid.optional(), active: activeFilter, ...page })
  .strict();
export type AgreementsQuery = z.infer<typeof agreementsQuerySchema>;
export const contactsQuerySchema = z
  .object({
    controllerId: uuid.optional(),
    role: contactShape.role.optional(),
    q: z.string().trim().max(200).optional(),
    active: activeFilter,
    ...page,
  })
  .strict();
export type ContactsQuery = z.infer<typeof contactsQuerySchema>;

/* What the client directory API answers (see incident.schemas.ts). */
export const contactViewSchema = z.object({
  id: z.uuid(), agreementId: z.uuid(), controllerId: z.uuid(), name: z.string(), role: z.string(), email: z.string(), phone: z.string().nullable(),
  mobile: z.string().nullable(), position: z.int(), standInForId: z.uuid().nullable(), receivesBreachNotice: z.boolean(), active: z.boolean(),
});
export const contactPageSchema = z.object({ contacts: z.array(contactViewSchema), page: z.int(), pageSize: z.int(), total: z.int() });
/** The terms of an agreement or template, by term name (the inputs above say which terms there are). */
const termsMapSchema = z.record(z.string(), z.unknown());
export const agreementViewSchema = z.object({
  id: z.uuid(), controllerId: z.uuid(), title: z.string(), active: z.boolean(), templateId: z.uuid().nullable(), templateVersion: z.int().nullable(),
  deviations: termsMapSchema, terms: termsMapSchema,
});
export const agreementPageSchema = z.object({ agreements: z.array(agreementViewSchema), page: z.int(), pageSize: z.int(), total: z.int() });
export const templateViewSchema = z.object({ id: z.uuid(), key: z.string(), title: z.string(), terms: termsMapSchema, version: z.int(), active: z.boolean() });
export const templateListSchema = z.object({ templates: z.array(templateViewSchema.extend({ controllers: z.int().describe('controllers with an active agreement on it') })) });
export const templateChangeSchema = z.object({
  template: templateViewSchema,
  affected: z.array(z.object({
    controllerId: z.uuid(), controllerName: z.string(), agreementId: z.uuid(),
    changes: z.array(z.object({ term: z.string(), from: z.unknown(), to: z.unknown() })),
    keptByDeviation: z.array(z.string()),
    openTracks: z.int(),
  })),
  unchanged: z.int(),
});
