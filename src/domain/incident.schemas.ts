import { z } from 'zod';
import { isoDateTime } from './date.schemas';
import { noticeFieldsSchema } from './notice-fields';

/**
 * One schema per input; the API and the HTML forms both validate with these.
 */
const uuid = z.uuid({ message: 'must be an id (uuid)' }).toLowerCase(); // stored ids are lower case; compare like with like
const reasonText = (what: string) => z.string({ message: `${what} is required` }).trim().min(3, `${what} is required (at least 3 characters)`).max(5000);

export const discoveredBySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('processor') }).strict(),
  z
    .object({
      kind: z.literal('sub_processor'),
      name: z.string().trim().min(1, 'name the sub-processor').max(200),
      discoveredAt: isoDateTime.optional(),
    })
    .strict(),
], { message: 'must be {"kind":"processor"} or {"kind":"sub_processor","name":…}' });

export const reportIncidentSchema = z
  .object({
    summary: z.string({ message: 'summary is required' }).trim().min(5, 'summary is required (at least 5 characters)').max(2000),
    discoveredAt: isoDateTime,
    discoveredBy: discoveredBySchema.default({ kind: 'processor' }),
    controllerIds: z.array(uuid, { message: 'list the affected controllers' }).min(1, 'name at least one affected controller').max(500)
      .refine((ids) => new Set(ids).size === ids.length, 'a controller is listed twice'),
    fields: noticeFieldsSchema.default({}),
  })
  .strict();
export type ReportIncidentInput = z.infer<typeof reportIncidentSchema>;

export const updateIncidentSchema = z
  .object({
    summary: z.string().trim().min(5, 'summary must have at least 5 characters').max(2000).optional(),
    discoveredAt: isoDateTime.optional(),
    discoveredBy: discoveredBySchema.optional(),
    /** Only the fields given change; `null` marks a field "not yet known" again. */
    fields: noticeFieldsSchema.optional(),
    /** The version the editor saw: a stale edit gets a 409 instead of overwriting. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((u) => u.summary !== undefined || u.discoveredAt !== undefined || u.discoveredBy !== undefined || u.fields !== undefined, {
    message: 'nothing to change: give summary, discoveredAt, discoveredBy or fields',
    path: ['fields'],
  });
export type UpdateIncidentInput = z.infer<typeof updateIncidentSchema>;

/** One track, a chosen subset of the incident's tracks (all must take it), or none: every track that can. */
const target = { trackId: uuid.optional(), trackIds: z.array(uuid).min(1).max(10_000).optional() };
export const incidentEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TRIAGE'), ...target }).strict(),
  z.object({ type: z.literal('CONFIRM'), ...target }).strict(),
  z.object({ type: z.literal('DISMISS'), reason: reasonText('reason'), ...target }).strict(),
  z.object({ type: z.literal('NOTIFY'), lateReason: reasonText('lateReason').optional(), ...target }).strict(),
  z.object({ type: z.literal('SUPPLEMENT'), final: z.boolean().optional(), ...target }).strict(),
  z.object({ type: z.literal('CLOSE'), ...target }).strict(),
  z.object({ type: z.literal('RETRACT'), reason: reasonText('reason'), ...target }).strict(),
  z.object({ type: z.literal('REOPEN'), reason: reasonText('reason'), ...target }).strict(),
], { message: 'type must be one of TRIAGE, CONFIRM, DISMISS, NOTIFY, SUPPLEMENT, CLOSE, RETRACT, REOPEN' });
export type IncidentEventInput = z.infer<typeof incidentEventSchema>;

export const assessmentSchema = z
  .object({
    reportToAp: z.boolean({ message: 'say whether the controller reports to the AP (true/false)' }),
    apReasons: reasonText('apReasons'),
    informSubjects: z.boolean({ message: 'say whether the data subjects are informed (true/false)' }),
    subjectReasons: reasonText('subjectReasons'),
    apReference: z.string().trim().min(1).max(100).optional(),
    reportedToApAt: isoDateTime.optional(),
    /** Said by the DPO; checked against the latest risk assessment's recommendation. */
    followsRecommendation: z.boolean({ message: 'must be true or false' }).optional(),
    /** Required when the decision differs from the recommendation. */
    deviationReason: reasonText('deviationReason').optional(),
    /** Required when the AP report came after the controller's 72 hours (art. 33(1)). */
    apLateReason: reasonText('apLateReason').optional(),
  })
  .strict()
  .refine((a) => a.reportToAp || (a.apReference === undefined && a.reportedToApAt === undefined), {
    message: 'an AP meldnummer or report date only goes with reportToAp: true',
    path: ['apReference'],
  });
export type AssessmentInput = z.infer<typeof assessmentSchema>;

/** The 6-digit code of an authenticator app (two-factor login). */
export const totpCode = z.string().regex(/^\d{6}$/, 'must be the 6-digit code of the authenticator app');

export const loginSchema = z
  .object({
    email: z.email('must be an e-mail address'),
    password: z.string().min(1, 'password is required').max(500),
    /** Only for accounts with two-factor login (the API's second step). */
    totp: totpCode.optional(),
  })
  .strict();

/*
 * What the API answers. Described here once, next to the inputs, so the OpenAPI document
 * is generated from them and the component suites check every real answer against it.
 */
export const timestamp = z.iso.datetime();
const maybeTimestamp = timestamp.nullable();

export const apReportViewSchema = z.object({
  id: z.string(), kind: z.enum(['report', 'supplement', 'correction', 'withdrawal']), meldnummer: z.string(), at: timestamp,
  note: z.string().nullable(), recordedBy: z.string(), recordedAt: timestamp,
});

export const trackViewSchema = z.object({
  id: z.uuid(),
  controller: z.object({ id: z.uuid(), name: z.string() }),
  agreementId: z.uuid(),
  language: z.enum(['nl', 'en']),
  state: z.string(),
  overdue: z.boolean(),
  deadlineRule: z.string(),
  clockStartedAt: maybeTimestamp,
  notifyDeadlineAt: maybeTimestamp,
  establishedAt: maybeTimestamp,
  firstNotifiedAt: maybeTimestamp,
  acknowledgedAt: maybeTimestamp,
  dismissReason: z.string().nullable(),
  lateReason: z.string().nullable(),
  closedAt: maybeTimestamp,
  controllerAwareAt: maybeTimestamp,
  apDeadlineAt: maybeTimestamp,
  escalationStep: z.int(),
  finalNoticeSent: z.boolean(),
  /** Still a suspicion (not confirmed as a breach); a retraction closed it; a dismissal was undone. */
  suspicion: z.boolean(),
  retractReason: z.string().nullable(),
  reopenedAt: maybeTimestamp,
  reopenReason: z.string().nullable(),
  measuresRecorded: z.boolean(),
  decisionRevision: z.int(),
  noticeVersion: z.int(),
  allowedEvents: z.array(z.enum(['TRIAGE', 'CONFIRM', 'DISMISS', 'NOTIFY', 'SUPPLEMENT', 'CLOSE', 'RETRACT', 'REOPEN'])),
  notices: z.array(z.object({
    version: z.int(), channel: z.string(), contact: z.string(), reason: z.string(), status: z.string(), providerId: z.string().nullable(),
    sentAt: maybeTimestamp, deliveredAt: maybeTimestamp, attempts: z.int(), lastError: z.string().nullable(),
  })),
  acknowledgements: z.array(z.object({ version: z.int(), contact: z.string(), at: timestamp })),
  assessment: z.object({
    reportToAp: z.boolean(), apReasons: z.string(), informSubjects: z.boolean(), subjectReasons: z.string(),
    apReference: z.string().nullable(), reportedToApAt: maybeTimestamp, decidedAt: timestamp, decidedBy: z.string(),
    followsRecommendation: z.boolean().nullable(), deviationReason: z.string().nullable(), apLateReason: z.string().nullable(),
  }).nullable(),
  risk: z.object({ score: z.number(), band: z.string(), action: z.string(), assessedAt: timestamp }).nullable(),
  apReports: z.array(apReportViewSchema),
  currentMeldnummer: z.string().nullable(),
});

export const incidentViewSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  summary: z.string(),
  status: z.string(),
  discoveredAt: timestamp,
  discoveredBy: z.object({ kind: z.enum(['processor', 'sub_processor']), name: z.string().optional(), discoveredAt: maybeTimestamp.optional() }),
  fields: z.record(z.string(), z.unknown()),
  notYetKnown: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  version: z.int(),
  tracks: z.array(trackViewSchema),
});

export const incidentListSchema = z.object({ incidents: z.array(incidentViewSchema) });

const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: z.string(), role: z.string() }),
  z.object({ kind: z.literal('contact'), id: z.string() }),
  z.object({ kind: z.literal('system'), name: z.string() }),
]);

export const auditTrailSchema = z.object({
  reference: z.string(),
  /** Controller-side readers get only `ok`. */
  chain: z.looseObject({ ok: z.boolean() }),
  events: z.array(z.object({
    id: z.string(), incidentId: z.uuid(), trackId: z.uuid().nullable(), seq: z.int().optional(), type: z.string(), actor: actorSchema,
    data: z.record(z.string(), z.unknown()), occurredAt: timestamp, prevHash: z.string().nullable().optional(), hash: z.string().optional(),
    /** The person (for a controller-side reader: the processor's organisation for its staff). */
    actorName: z.string(),
  })),
  /** The names of the contacts the events mention (`data.contactId`, `data.contactIds`), by id. */
  contacts: z.record(z.string(), z.string()),
});

export const sessionTokenSchema = z.object({ token: z.string(), expiresAt: timestamp });
export const loginResultSchema = sessionTokenSchema.extend({
  user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.string(), controllerId: z.uuid().nullable(), language: z.string() }),
});

/** An answer that only says what happened (a 202 whose work goes on after it). */
export const messageSchema = z.object({ message: z.string() });

/** Every error, from the one error middleware. */
export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional().describe('each wrong input, by its path'),
});
