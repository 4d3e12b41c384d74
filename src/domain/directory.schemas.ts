import { z } from 'zod';
import { NOTICE_FIELD_KEYS } from './notice-fields';

/**
 * Who is who, as the admin pages edit it: controller + its agreement, annex contacts, users.
 * The same schemas would serve an API for them.
 */
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const uuid = z.uuid({ message: 'must be an id (uuid)' }).toLowerCase();

/** E.164: a plus, a country code, at most 15 digits — what Twilio needs to send an SMS. */
export const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;

export const controllerAgreementSchema = z
  .object({
    name: text(200),
    kvkNumber: z.string().trim().regex(/^\d{8}$/, 'must be 8 digits').optional(),
    sector: optionalText(200),
    city: optionalText(200),
    agreement: z
      .object({
        title: text(300),
        language: z.enum(['nl', 'en']),
        deadlineHours: z.number().positive().max(24 * 30).nullable(), // null: "onverwijld"
        clockStart: z.enum(['processor_discovery', 'first_discovery', 'establishment']),
        notifySuspicion: z.boolean(),
        regardlessOfImpact: z.boolean(),
        triggerText: optionalText(2000),
        deadlineClause: optionalText(50),
        requiredFields: z.array(z.enum(NOTICE_FIELD_KEYS)),
        ackWindowHours: z.number().positive().max(24 * 14),
        warningShares: z.array(z.number().gt(0).lt(1)).max(5).refine((s) => s.every((v, i) => i === 0 || v > s[i - 1]), 'must rise, e.g. 0.5, 0.8'),
        dataCategories: z.array(text(200)),
        subjectCategories: z.array(text(200)),
      })
      .strict(),
  })
  .strict();
export type ControllerAgreementInput = z.infer<typeof controllerAgreementSchema>;

export const contactSchema = z
  .object({
    name: text(200),
    role: z.enum(['breach_contact', 'dpo', 'iso', 'director', 'support_desk']),
    email: z.email('must be an e-mail address'),
    phone: z.string().trim().regex(PHONE, 'must be a phone number').optional(),
    mobile: z.string().trim().regex(E164, 'must be an E.164 mobile number, e.g. +31612345678').optional(),
    position: z.number().int().min(1).max(99),
    standInForId: uuid.optional(),
    receivesBreachNotice: z.boolean(),
  })
  .strict();
export type ContactInput = z.infer<typeof contactSchema>;

export const createUserSchema = z
  .object({
    email: z.email('must be an e-mail address'),
    name: text(200),
    role: z.enum(['support', 'admin', 'controller', 'dpo']),
    controllerId: uuid.optional(),
    language: z.enum(['nl', 'en']),
    password: z.string().min(12, 'at least 12 characters').max(200),
  })
  .strict()
  .refine((u) => (u.role === 'controller' || u.role === 'dpo') === (u.controllerId !== undefined), {
    message: 'controller-side roles need a controller; processor roles have none',
    path: ['controllerId'],
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

/* What the directory API answers (see incident.schemas.ts). The agreement is the saved profile, described by its input above. */
export const controllerViewSchema = z.object({
  id: z.uuid(), name: z.string(), kvkNumber: z.string().nullable(), sector: z.string().nullable(), city: z.string().nullable(),
  externalKey: z.string().nullable(), active: z.boolean(),
  agreement: z.looseObject({ id: z.uuid(), language: z.enum(['nl', 'en']), contacts: z.array(z.looseObject({ name: z.string() })) }).nullable(),
});
export const controllerListSchema = z.object({ controllers: z.array(controllerViewSchema), page: z.int(), pageSize: z.int(), total: z.int() });
export const outboxSchema = z.object({
  messages: z.array(z.object({
    id: z.uuid(), channel: z.enum(['email', 'sms']), to: z.string(), subject: z.string().nullable(), text: z.string(), html: z.string().nullable(),
    noticeId: z.uuid().nullable(), createdAt: z.iso.datetime(),
  })),
});
