import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { unlockAccount } from '../auth/login-throttle';
import { hashPassword } from '../auth/passwords';
import { findUserByEmail, findUserById, insertResetToken, lockResetToken, lockUser, markResetTokenUsed, setPasswordHash, type UserRow } from '../auth/user.repository';
import { inTransaction } from '../db/transaction';
import { ConflictError, GoneError, NotFoundError } from '../domain/errors';
import type { PasswordResetCompleteInput } from '../domain/user.schemas';
import { ui } from '../i18n/ui-messages';
import type { MailSender } from '../notify/senders';
import { renderEmail, type RenderedEmail } from '../notify/templates';

/**
 * A password reset by e-mailed one-time link: asked for by the user on the login page, or sent by
 * an admin. The link carries 32 random bytes; only their SHA-256 is stored, it works once and for
 * an hour, and a newer link replaces an older one. Setting the new password ends every session
 * and clears the account's failed-login counts.
 */
export const RESET_LINK_MINUTES = 60;

export interface ResetDeps {
  dataSource: DataSource;
  mail: MailSender;
  publicUrl: string;
  /**
   * Without SMTP, mail lands in the outbox, which support staff can read: a reset link there
   * would let them take over any account. Allowed outside production only (the demo).
   */
  outboxAllowed: boolean;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The reset e-mail: one function builds what is sent (and what a preview would show). */
export function passwordResetEmail(language: 'nl' | 'en', link: string): RenderedEmail {
  const m = ui(language);
  return renderEmail('alert', { language, subject: m.resetMailSubject, lines: [m.resetMailIntro, m.resetMailValidity, m.resetMailIgnore], link, linkLabel: m.resetMailLink });
}

async function sendResetLink(user: UserRow, deps: ResetDeps): Promise<void> {
  if (deps.mail.kind === 'outbox' && !deps.outboxAllowed) {
    throw new ConflictError('mail_not_configured', 'Password reset links need SMTP_URL: without it they would land in the outbox that support staff can read.');
  }
  const token = randomBytes(32).toString('base64url');
  await insertResetToken(deps.dataSource, user.id, hashOf(token), RESET_LINK_MINUTES);
  const email = passwordResetEmail(user.language, `${deps.publicUrl}/password-reset/${token}`);
  await deps.mail.send({ to: user.email, ...email });
}

/**
 * The user asks for a link. Unknown and deactivated addresses get the same answer and no mail,
 * so the form tells nobody which addresses have an account.
 */
export async function requestPasswordReset(email: string, deps: ResetDeps): Promise<void> {
  const user = await findUserByEmail(deps.dataSource, email);
  if (user?.active) await sendResetLink(user, deps);
}

/** An admin sends a user a link (the admin never learns or sets the password). */
export async function sendPasswordResetByAdmin(userId: string, admin: AuthUser, deps: ResetDeps): Promise<void> {
  requireRole(admin, ['admin']);
  const user = await findUserById(deps.dataSource, userId);
  if (!user) throw new NotFoundError('User');
  if (!user.active) throw new GoneError('user_inactive', 'This user is deactivated: activate the account first.');
  await sendResetLink(user, deps);
}

/** Whether a link can still be used, for the page that asks for the new password. */
export async function checkResetLink(token: string, deps: { dataSource: DataSource }): Promise<void> {
  const found = await lockResetToken(deps.dataSource, hashOf(token));
  assertUsable(found);
}

function assertUsable(found: Awaited<ReturnType<typeof lockResetToken>>): asserts found is { userId: string; state: 'usable' } {
  if (!found) throw new NotFoundError('Password reset link');
  if (found.state !== 'usable') throw new GoneError('link_expired', 'This password reset link was used or has expired: ask for a new one.');
}

export async function completePasswordReset(input: PasswordResetCompleteInput, deps: { dataSource: DataSource }): Promise<void> {
  const hash = await hashPassword(input.newPassword); // outside the transaction: bcrypt takes a while
  await inTransaction(deps.dataSource, async (tx) => {
    const found = await lockResetToken(tx, hashOf(input.token));
    assertUsable(found);
    const user = await lockUser(tx, found.userId);
    if (!user?.active) throw new GoneError('link_expired', 'This password reset link was used or has expired: ask for a new one.');
    await markResetTokenUsed(tx, hashOf(input.token));
    await setPasswordHash(tx, user.id, hash);
    await unlockAccount(tx, user.email);
  });
}
