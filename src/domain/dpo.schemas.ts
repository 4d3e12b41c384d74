import { z } from 'zod';
import { decodeCursor } from '../register/register.repository';
import { isoDate, isoDateTime } from './date.schemas';


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
