import { z } from 'zod';
import { decodeCursor } from '../register/register.repository';
import { isoDate, isoDateTime } from './date.schemas';
import { apReportViewSchema } from './incident.schemas';


/** One step of the AP report's life: the report itself, then supplements, corrections, a withdrawal. */
export const apReportSchema = z
  .object({
    kind: z.enum(['report', 'supplement', 'correction', 'withdrawal'], { message: 'kind must be report, supplement, correction or withdrawal' }),
    /** The AP's reference; a follow-up quotes the report's when left out. */
    meldnummer: z.string().trim().min(1, 'meldnummer must not be empty').max(100).optional(),
    /** When it was done in the AP's form. */
    at: isoDateTime,
    note: z.string().trim().min(3, 'note needs at least 3 characters').max(5000).optional(),
  })
  .strict()
  .refine((r) => r.kind !== 'report' || r.meldnummer !== undefined, { message: 'a report needs the meldnummer the AP gave', path: ['meldnummer'] })
  .refine((r) => r.kind === 'report' || r.note !== undefined, { message: 'say what was supplemented, corrected or why it was withdrawn', path: ['note'] });
export type ApReportInput = z.infer<typeof apReportSchema>;

export const registerQuerySchema = z
  .object({
    controllerId: z.uuid({ message: 'must be an id (uuid)' }).toLowerCase().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    state: z.enum(['detected', 'triage', 'dismissed', 'awaitingNotice', 'notified', 'awaitingAssessment', 'followUp', 'closed'], {
      message: 'state must be one of detected, triage, dismissed, awaitingNotice, notified, awaitingAssessment, followUp, closed',
    }).optional(),
    limit: z.coerce.number({ message: 'must be a number' }).int().min(1).max(500).default(100),
    after: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be the nextCursor of an earlier page').max(200)
      .refine((after) => decodeCursor(after) !== null, 'must be the nextCursor of an earlier page').optional(),
    format: z.enum(['json', 'csv'], { message: 'format must be json or csv' }).optional(),
    lang: z.enum(['nl', 'en'], { message: 'lang must be nl or en' }).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'to must not be before from', path: ['to'] });
export type RegisterQuery = z.infer<typeof registerQuerySchema>;

export const retentionCheckSchema = z.object({ apply: z.boolean({ message: 'apply must be true or false' }).default(false) }).strict();

export const sheetQuerySchema = z
  .object({
    format: z.enum(['json', 'html'], { message: 'format must be json or html' }).optional(),
    lang: z.enum(['nl', 'en'], { message: 'lang must be nl or en' }).optional(),
  })
  .strict();

/* What the DPO, register and admin API answer (see incident.schemas.ts). */
const at = z.iso.datetime();
const words = z.looseObject({ factor: z.string(), part: z.enum(['DPC', 'EI', 'CB', 'context']), delta: z.number().nullable() });
export const riskAssessmentViewSchema = z.object({
  id: z.uuid(),
  methodVersion: z.string(),
  criteria: z.record(z.string(), z.unknown()),
  severity: z.object({ dpc: z.number(), ei: z.number(), cb: z.number(), score: z.number(), band: z.string(), unprotectedScore: z.number().nullable() }),
  contributions: z.array(words),
  doubts: z.array(words),
  recommendation: z.looseObject({ action: z.string(), reportToAp: z.boolean(), informSubjects: z.boolean(), subjectNotice: z.enum(['individual', 'public']).nullable() }),
  assessedBy: z.string(),
  assessedAt: at,
});
export const riskAssessmentReadSchema = z.object({
  assessment: riskAssessmentViewSchema.nullable(),
  prefill: z.object({ criteria: z.record(z.string(), z.unknown()), sources: z.array(z.looseObject({})) }),
});
export const apReportHistorySchema = z.object({ apReports: z.array(apReportViewSchema), currentMeldnummer: z.string().nullable() });
export const apSheetViewSchema = z.object({
  reference: z.string(),
  language: z.enum(['nl', 'en']),
  controller: z.string(),
  generatedAt: at,
  chapters: z.array(z.object({ number: z.int(), key: z.string(), title: z.string(), fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string().nullable(), gap: z.boolean() })) })),
  gaps: z.array(z.string()),
  history: z.array(z.object({ kind: z.string(), kindLabel: z.string(), meldnummer: z.string(), at: z.string().describe('as the form wants it typed, in the sheet language'), note: z.string().nullable() })),
});
export const dataSubjectDraftSchema = z.object({
  language: z.enum(['nl', 'en']), channel: z.enum(['individual', 'public']), subject: z.string(), text: z.string(), missing: z.array(z.string()),
});
export const proofOfNoticeSchema = z.object({
  generatedAt: at,
  reference: z.string(),
  controller: z.string(),
  agreement: z.object({ title: z.string(), deadlineRule: z.string() }),
  track: z.object({
    id: z.uuid(), state: z.string(), notifyDeadlineAt: at.nullable(), firstNotifiedAt: at.nullable(), controllerAwareAt: at.nullable(), apDeadlineAt: at.nullable(), lateReason: z.string().nullable(),
  }),
  versions: z.array(z.object({
    version: z.int(), kind: z.string(), createdAt: at, contentHash: z.string(), changes: z.array(z.string()),
    deliveries: z.array(z.object({
      contact: z.string(), role: z.string(), channel: z.string(), recipient: z.string(), reason: z.string(), status: z.string(), attempts: z.int(),
      queuedAt: at, acceptedAt: at.nullable(), providerId: z.string().nullable(), deliveredAt: at.nullable(), failedAt: at.nullable(), sentContentHash: z.string().nullable(),
    })),
    acknowledgements: z.array(z.object({ contact: z.string(), at, ip: z.string().nullable() })),
  })),
});
const text = z.string().nullable();
export const registerEntrySchema = z.object({
  reference: z.string(), incidentId: z.uuid(), trackId: z.uuid(), controller: z.object({ id: z.uuid(), name: z.string() }), state: z.string(), overdue: z.boolean(),
  discoveredAt: at, occurredFrom: text, occurredUntil: text, summary: text, nature: text, dataCategories: text, specialCategories: text, subjectCount: text,
  consequences: text, measuresTaken: text, measuresPlanned: text,
  establishedAt: text, notifiedAt: text, controllerAwareAt: text, dismissReason: text, lateReason: text, closedAt: text,
  riskScore: z.number().nullable(), riskBand: text, recommendation: text, reportToAp: z.boolean().nullable(), apReasons: text, informSubjects: z.boolean().nullable(),
  subjectReasons: text, followsRecommendation: z.boolean().nullable(), deviationReason: text, decidedAt: text, apMeldnummer: text, reportedToApAt: text,
  apWithdrawnAt: text, detailsErasedAt: text,
});
export const registerPageSchema = z.object({ entries: z.array(registerEntrySchema), nextCursor: z.string().nullable() });
export const registerExportSchema = z.array(registerEntrySchema);
export const auditVerificationSchema = z.object({
  ok: z.boolean(), incidents: z.int(), events: z.int(), checkedAt: at,
  broken: z.array(z.object({ incidentId: z.uuid(), reference: z.string(), brokenAtSeq: z.int(), reason: z.string() })),
});
export const contractEndResultSchema = z.object({ agreementId: z.uuid(), contractEndedOn: z.string().nullable(), retentionMonthsAfterEnd: z.int().nullable() });
export const retentionCheckResultSchema = z.object({
  applied: z.boolean(),
  due: z.array(z.object({ incidentId: z.uuid(), reference: z.string(), controllers: z.array(z.string()), dueSince: z.string() })),
  erased: z.int(),
  withoutTerm: z.array(z.object({ agreementId: z.uuid(), controller: z.string(), contractEndedOn: z.string() })),
});
