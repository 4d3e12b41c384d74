import { z } from 'zod';
import { NOTICE_FIELD_KEYS } from './notice-fields';

/**
 * The agreement profile an admin confirms (after an import, or typed in): what the notice
 * deadline, trigger, content and recipients of one controller are.
 */
const text = z.string().trim().min(1, 'must not be empty').max(5000);
const label = z.string().trim().min(1, 'must not be empty').max(300);
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, e.g. +31612345678');

export const agreementContactSchema = z
  .object({
    key: z.string().trim().min(1).max(40),
    name: z.string({ message: 'name is required' }).trim().min(1, 'name is required').max(200),
    role: z.enum(['breach_contact', 'dpo', 'iso', 'director', 'support_desk']),
    email: z.email({ message: 'must be an e-mail address' }),
    phone: e164.nullish(),
    mobile: e164.nullish(),
    order: z.number().int().min(1).max(100),
    standInForKey: z.string().max(40).nullish(),
    receivesBreachNotice: z.boolean(),
  })
  .strict();

export const confirmedAgreementSchema = z
  .object({
    title: label,
    language: z.enum(['nl', 'en']),
    deadlineHours: z.number().positive('must be more than 0 hours').max(24 * 365).nullable(),
    clockStart: z.enum(['processor_discovery', 'first_discovery', 'establishment']),
    notifySuspicion: z.boolean(),
    regardlessOfImpact: z.boolean(),
    triggerText: text.nullish(),
    deadlineClause: z.string().trim().max(60).nullish(),
    requiredFields: z.array(z.enum(NOTICE_FIELD_KEYS)).min(1, 'name at least one notice field').refine((f) => new Set(f).size === f.length, 'a field is listed twice'),
    ackWindowHours: z.number().positive().max(24 * 14).default(2),
    warningShares: z.array(z.number().gt(0).lt(1)).max(5).default([0.5, 0.8]),
    dataCategories: z.array(label).max(200).default([]),
    subjectCategories: z.array(label).max(200).default([]),
    subProcessors: z.array(z.object({ name: label, address: label.optional() }).strict()).max(100).default([]),
    retentionMonthsAfterEnd: z.number().int().min(0).max(1200).nullable().default(null),
    escalationRule: text.nullable().default(null),
    contacts: z.array(agreementContactSchema).min(1, 'name at least one contact who receives the notice').max(50),
    source: z.object({ name: z.string().trim().min(1).max(300), text: z.string().min(1).max(10_000_000) }).strict().optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const keys = a.contacts.map((c) => c.key);
    a.contacts.forEach((c, i) => {
      if (keys.indexOf(c.key) !== i) ctx.addIssue({ code: 'custom', path: ['contacts', i, 'key'], message: 'key is used twice' });
      if (c.standInForKey && (!keys.includes(c.standInForKey) || c.standInForKey === c.key)) {
        ctx.addIssue({ code: 'custom', path: ['contacts', i, 'standInForKey'], message: 'must be the key of another contact' });
      }
    });
    if (!a.contacts.some((c) => c.receivesBreachNotice)) {
      ctx.addIssue({ code: 'custom', path: ['contacts'], message: 'at least one contact must receive the notice' });
    }
  });

export type ConfirmedAgreementInput = z.infer<typeof confirmedAgreementSchema>;

export const importAgreementTextSchema = z
  .object({
    text: z.string({ message: 'text is required: the agreement as plain text' }).max(10_000_000, 'text is too long'),
    name: z.string().trim().max(300).optional(),
  })
  .strict();

/* What the agreement import and the acknowledgement link answer (see incident.schemas.ts). */
export const agreementImportResultSchema = z.object({
  /** Each value found, with where in the text and how sure. */
  proposal: z.record(z.string(), z.unknown()),
  /** The agreement to confirm: correct it and POST it to /api/controllers/{id}/agreement. */
  draft: z.looseObject({ contacts: z.array(z.looseObject({})), source: z.object({ name: z.string(), text: z.string() }) }),
  needsReview: z.array(z.string()),
});
export const ackPageSchema = z.object({
  trackId: z.uuid(),
  contact: z.object({ id: z.uuid(), name: z.string() }),
  controllerName: z.string(),
  language: z.enum(['nl', 'en']),
  versions: z.array(z.object({
    version: z.int(), kind: z.string(), sentAt: z.iso.datetime(), content: z.record(z.string(), z.unknown()),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  })),
  acknowledgedAt: z.iso.datetime().nullable(),
});
