/**
 * How a failed send must be treated. `retryable`: the provider did not accept it, try
 * again later. `permanent`: it refused this message for good. `ambiguous`: the request left
 * and no answer came: it may have been sent, so a person decides (never resent blindly).
 */
export type FailureKind = 'retryable' | 'permanent' | 'ambiguous';

export class ProviderError extends Error {
  constructor(readonly kind: FailureKind, message: string) {
    super(message);
    this.name = 'ProviderError';
  }
}

const BEFORE_DATA = new Set(['CONN', 'EHLO', 'HELO', 'STARTTLS', 'AUTH PLAIN', 'AUTH LOGIN', 'MAIL FROM', 'RCPT TO', 'API']);

/** nodemailer errors: an SMTP reply code says what happened; a broken connection depends on when. */
export function classifySmtpError(error: unknown): ProviderError {
  const e = error as { responseCode?: number; code?: string; command?: string; message?: string };
  const message = `smtp: ${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}${e.command ? ` at ${e.command}` : ''}`;
  if (typeof e.responseCode === 'number') return new ProviderError(e.responseCode >= 500 ? 'permanent' : 'retryable', message);
  if (e.code === 'ECONNECTION' || e.code === 'EDNS' || e.code === 'ETLS' || e.code === 'EAUTH') return new ProviderError('retryable', message);
  if (e.command && BEFORE_DATA.has(e.command.toUpperCase())) return new ProviderError('retryable', message);
  return new ProviderError('ambiguous', message);
}

/** twilio errors: an HTTP status means Twilio answered; a dropped request after sending is ambiguous. */
export function classifyTwilioError(error: unknown): ProviderError {
  const e = error as { status?: number; code?: string | number; message?: string };
  if (typeof e.status === 'number') {
    const kind = e.status === 429 || e.status >= 500 ? 'retryable' : 'permanent';
    return new ProviderError(kind, `twilio: HTTP ${e.status}${e.code ? ` code ${e.code}` : ''}`);
  }
  const code = String(e.code ?? '');
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ProviderError('retryable', `twilio: ${code}`);
  return new ProviderError('ambiguous', `twilio: ${code || 'no answer'}`);
}
