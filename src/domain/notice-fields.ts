import { z } from 'zod';
import { isoDateTime } from './date.schemas';

/**
 * The content of a notice (BRIEF §3). Every field may be "not yet known": `null` (or the
 * field left out) says so explicitly, and the notice prints it as such.
 */
export const NOTICE_FIELD_KEYS = [
  'nature', 'cause', 'subjectCategories', 'subjectCount', 'dataCategories', 'specialCategories',
  'recordCount', 'occurred', 'encryption', 'consequences', 'measures', 'contactPoint', 'informedParties',
] as const;
export type NoticeFieldKey = (typeof NOTICE_FIELD_KEYS)[number];

const text = z.string().trim().min(1, 'must not be empty').max(10_000);
const label = z.string().trim().min(1, 'must not be empty').max(200);
const count = z.union([
  z.object({ exact: z.number().int().min(0) }).strict(),
  z
    .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
    .strict()
    .refine((c) => c.min <= c.max, { message: 'min must not exceed max', path: ['max'] }),
]);

export const noticeFieldSchemas = {
  nature: z
    .object({
      kinds: z.array(z.enum(['confidentiality', 'integrity', 'availability'])).min(1, 'name at least one of confidentiality, integrity, availability'),
      actions: z.array(z.enum(['read', 'copied', 'altered', 'deleted', 'destroyed', 'stolen', 'lost'])).default([]),
      description: text.optional(),
    })
    .strict(),
  cause: text,
  subjectCategories: z.array(label).min(1, 'name at least one category, or mark it not yet known'),
  subjectCount: count,
  dataCategories: z.array(label).min(1, 'name at least one category, or mark it not yet known'),
  specialCategories: z.array(label), // an empty list means: none (GDPR art. 9)
  recordCount: count,
  occurred: z
    .object({ from: isoDateTime, until: isoDateTime.optional() })
    .strict()
    .refine((o) => !o.until || Date.parse(o.until) >= Date.parse(o.from), { message: 'until must not be before from', path: ['until'] }),
  encryption: z
    .object({ state: z.enum(['encrypted', 'hashed', 'partly', 'none']), description: text.optional() })
    .strict(),
  consequences: text,
  measures: z.object({ taken: text, planned: text.optional() }).strict(),
  contactPoint: z
    .object({ name: label, role: label, email: z.email('must be an e-mail address'), phone: label })
    .strict(),
  informedParties: text,
} satisfies Record<NoticeFieldKey, z.ZodType>;

/** Each field: its value, or `null` for "not yet known". */
export const noticeFieldsSchema = z
  .object(
    Object.fromEntries(NOTICE_FIELD_KEYS.map((key) => [key, noticeFieldSchemas[key].nullable().optional()])) as {
      [K in NoticeFieldKey]: z.ZodOptional<z.ZodNullable<(typeof noticeFieldSchemas)[K]>>;
    },
  )
  .strict();

export type NoticeFields = z.infer<typeof noticeFieldsSchema>;

/** Stored form: every key present, `null` where not yet known. */
export function completeFields(fields: NoticeFields): Record<NoticeFieldKey, unknown> {
  return Object.fromEntries(NOTICE_FIELD_KEYS.map((key) => [key, fields[key] ?? null])) as Record<NoticeFieldKey, unknown>;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** What changed between two versions of the notice content, field by field. */
export function diffContent(previous: Record<string, unknown>, next: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(next)])];
  return keys
    .filter((key) => JSON.stringify(previous[key] ?? null) !== JSON.stringify(next[key] ?? null))
    .map((key) => ({ field: key, from: previous[key] ?? null, to: next[key] ?? null }));
}
