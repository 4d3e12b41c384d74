import { z } from 'zod';
import { totpCode } from './incident.schemas';

/** A user's lifecycle after creation (createUserSchema lives with the directory): one schema per input, API and pages alike. */
const uuid = z.uuid({ message: 'must be an id (uuid)' }).toLowerCase();
export const newPassword = z.string().min(12, 'at least 12 characters').max(200);

/** What an admin may change about a user: role (with its controller) and whether the account is active. */
export const updateUserSchema = z
  .object({
    role: z.enum(['support', 'admin', 'controller', 'dpo']).optional(),
    controllerId: uuid.nullable().optional(),
    active: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((u) => u.role !== undefined || u.active !== undefined, { message: 'give role or active', path: ['role'] })
  .refine((u) => u.role === undefined || (u.role === 'controller' || u.role === 'dpo') === Boolean(u.controllerId), {
    message: 'controller-side roles need a controller; processor roles have none',
    path: ['controllerId'],
  });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'is required').max(500), newPassword })
  .strict()
  .refine((p) => p.currentPassword !== p.newPassword, { message: 'must differ from the current password', path: ['newPassword'] });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const passwordResetRequestSchema = z.object({ email: z.email('must be an e-mail address') }).strict();

export const passwordResetCompleteSchema = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a reset link'), newPassword })
  .strict();
export type PasswordResetCompleteInput = z.infer<typeof passwordResetCompleteSchema>;

/** Confirms two-factor set-up with the app's first code. */
export const totpConfirmSchema = z.object({ code: totpCode }).strict();

/** The login page's second step: the signed challenge from the first step and the code. */
export const loginCodeSchema = z.object({ challenge: z.string().min(1, 'is required').max(300), totp: totpCode }).strict();

/* What the user API answers (see incident.schemas.ts for why these live beside the inputs). */
export const userListSchema = z.array(z.object({
  id: z.uuid(), email: z.string(), name: z.string(), role: z.string(), controllerId: z.uuid().nullable(), controllerName: z.string().nullable(), active: z.boolean(),
}));
export const updatedUserSchema = z.object({ id: z.uuid(), role: z.string(), active: z.boolean() });
export const unlockResultSchema = z.object({ cleared: z.int() });
export const createdIdSchema = z.object({ id: z.uuid() });
export const totpEnrolmentSchema = z.object({ secret: z.string().describe('base32, for typing into the app by hand'), otpauthUri: z.string() });
export const totpEnabledSchema = z.object({ enabled: z.literal(true) });
export const totpResetSchema = z.object({ id: z.uuid(), totpEnabled: z.literal(false) });
