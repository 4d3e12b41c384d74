import { z } from 'zod';

/**
 * The criteria a DPO weighs (BRIEF §4; EDPB guidelines 9/2022 and 01/2021; ENISA 2013).
 * Each answer is one of a few named extents, so that the score is reproducible and every
 * step can be explained in words. `unknown` is allowed where the facts may not be in yet:
 * the method then takes the cautious reading and says so ("when in doubt, report").
 */
export const DATA_NATURES = ['simple', 'behavioural', 'financial', 'sensitive', 'unknown'] as const;
export const CONFIDENTIALITY_EXTENTS = ['none', 'possible', 'disclosed'] as const;
export const RECIPIENTS = ['none', 'trusted', 'known', 'unknown'] as const;
export const INTEGRITY_EXTENTS = ['none', 'recoverable', 'unrecoverable'] as const;
export const AVAILABILITY_EXTENTS = ['none', 'temporary', 'prolonged', 'permanent'] as const;
export const IDENTIFICATION_LEVELS = ['negligible', 'limited', 'significant', 'maximum'] as const;
export const ENCRYPTION_STATES = ['none', 'partly', 'encrypted', 'hashed'] as const;
/** The DPO's judgement of the worst plausible harm (WP250 §IV.B "severity of consequences"); unknown: follow the data. */
export const CONSEQUENCES = ['unknown', 'negligible', 'limited', 'significant', 'severe'] as const;
export const EXPOSURE_DURATIONS = ['hours', 'days', 'weeks', 'unknown'] as const;
export const RECIPIENT_COUNTS = ['one', 'few', 'many', 'public', 'unknown'] as const;
/** What the data's unavailability did to the people: to their care, services or business with the controller. */
export const UNAVAILABILITY_IMPACTS = ['none', 'minor', 'significant', 'serious', 'unknown'] as const;

const tri = z.enum(['yes', 'no', 'unknown'], { message: 'must be yes, no or unknown' });
const count = z.number({ message: 'must be a number' }).int().min(0).max(1_000_000_000).nullable();

export const riskCriteriaSchema = z
  .object({
    confidentiality: z
      .object({
        /** possible = could have been read, no evidence; disclosed = proven read, copied, sent, published. */
        extent: z.enum(CONFIDENTIALITY_EXTENTS, { message: 'must be none, possible or disclosed' }),
        recipient: z.enum(RECIPIENTS, { message: 'must be none, trusted, known or unknown' }).default('none'),
        /** The recipient returned the data or credibly confirmed its deletion. */
        returnedOrDeleted: tri.default('no'),
      })
      .strict(),
    integrity: z.object({ extent: z.enum(INTEGRITY_EXTENTS, { message: 'must be none, recoverable or unrecoverable' }) }).strict(),
    availability: z
      .object({
        extent: z.enum(AVAILABILITY_EXTENTS, { message: 'must be none, temporary, prolonged or permanent' }),
        /** A backup from which the data was (or can be) restored. */
        backupAvailable: tri.default('unknown'),
      })
      .strict(),
    data: z
      .object({
        nature: z.enum(DATA_NATURES, { message: 'must be simple, behavioural, financial, sensitive or unknown' }),
        specialCategories: z.boolean().default(false),
        nationalId: z.boolean().default(false),
        credentials: z.boolean().default(false),
        /** Enough data per person to build a profile (habits, location, social or financial status). */
        profilingPossible: z.boolean().default(false),
        /** Already public or trivially found elsewhere: the breach adds little. */
        publiclyAvailable: z.boolean().default(false),
      })
      .strict(),
    subjectCount: count.default(null),
    recordCount: count.default(null),
    identification: z.enum(IDENTIFICATION_LEVELS, { message: 'must be negligible, limited, significant or maximum' }),
    vulnerableSubjects: tri,
    malicious: tri,
    encryption: z
      .object({
        state: z.enum(ENCRYPTION_STATES, { message: 'must be none, partly, encrypted or hashed' }),
        /** The key (or salt/password of a hash) leaked with the data, or may have. */
        keyCompromised: tri.default('no'),
      })
      .strict(),
    // The facts below were added with the EDPB-based method (docs/RISK-METHOD.md); an API client that
    // leaves them out gets "unknown" where the method can lean on the cautious reading for art. 33.
    consequences: z.enum(CONSEQUENCES, { message: 'must be unknown, negligible, limited, significant or severe' }).default('unknown'),
    /** The harm would last or cannot be undone (identity fraud, a disclosed diagnosis, physical danger). */
    permanentConsequences: tri.default('unknown'),
    /** How long the data lay open (for "possible" exposure: a lost device, an open link, a misconfigured share). */
    exposureDuration: z.enum(EXPOSURE_DURATIONS, { message: 'must be hours, days, weeks or unknown' }).default('unknown'),
    recipientCount: z.enum(RECIPIENT_COUNTS, { message: 'must be one, few, many, public or unknown' }).default('unknown'),
    /** Evidence that the data were already misused (fraud, phishing, a visit to an address). */
    misused: tri.default('unknown'),
    /** Accounts were taken over with the breached data. */
    accountTakeover: tri.default('unknown'),
    /** More or other data than known so far may be involved (the investigation is not finished). */
    moreDataPossible: tri.default('no'),
    unavailabilityImpact: z.enum(UNAVAILABILITY_IMPACTS, { message: 'must be none, minor, significant, serious or unknown' }).default('unknown'),
    /** The controller provides care or another service people depend on (hospital, youth care, utilities). */
    criticalService: z.boolean().default(false),
    /** A lost or stolen device was wiped remotely before anyone could read it. */
    remoteWipe: tri.default('unknown'),
    /** People in a second group whose exposure was lesser (e.g. only possibly seen, or fewer data items). */
    secondGroupCount: count.default(null),
    /** Art. 34(3)(b): later measures make the high risk no longer likely. */
    laterMeasuresRemoveHighRisk: z.boolean().default(false),
    /** Art. 34(3)(c): informing each person would take disproportionate effort. */
    disproportionateEffort: z.boolean().default(false),
    notes: z.string().trim().max(5000).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.confidentiality.extent === 'none' && c.confidentiality.recipient !== 'none') {
      ctx.addIssue({ code: 'custom', path: ['confidentiality', 'recipient'], message: 'a recipient only goes with a confidentiality breach' });
    }
    if (c.data.specialCategories && c.data.nature !== 'sensitive') {
      ctx.addIssue({ code: 'custom', path: ['data', 'nature'], message: 'special categories (art. 9) are sensitive data: set nature to sensitive' });
    }
  });

export type RiskCriteria = z.infer<typeof riskCriteriaSchema>;
export type RiskCriteriaInput = z.input<typeof riskCriteriaSchema>;
export type Tri = z.infer<typeof tri>;
