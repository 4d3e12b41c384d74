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

// Commands after which nothing of the message has left yet. Not 'CONN': nodemailer labels a
// connection that breaks at any time, also mid-DATA, with that command.
const BEFORE_DATA = new Set(['EHLO', 'HELO', 'STARTTLS', 'AUTH PLAIN', 'AUTH LOGIN', 'MAIL FROM', 'RCPT TO', 'API']);
/** The system error under nodemailer's ECONNECTION when no connection was ever made. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * nodemailer errors: an SMTP reply code says what happened; a broken connection is retryable
 * only when it provably broke before the message left (never connected, no greeting, before
 * DATA). A connection that drops after the whole message went out but before the server's
 * 250 is ambiguous: the server may have it, so it is never sent again blindly.
 */
export function classifySmtpError(error: unknown): ProviderError {
  const e = error as { responseCode?: number; code?: string; originalCode?: string; command?: string; message?: string };
  const message = `smtp: ${e.code ?? 'error'}${e.originalCode ? `/${e.originalCode}` : ''}${e.responseCode ? ` ${e.responseCode}` : ''}${e.command ? ` at ${e.command}` : ''}`;
  if (typeof e.responseCode === 'number') return new ProviderError(e.responseCode >= 500 ? 'permanent' : 'retryable', message);
  if (e.code === 'EDNS' || e.code === 'ETLS' || e.code === 'EAUTH') return new ProviderError('retryable', message);
  if (e.originalCode && NEVER_CONNECTED.has(e.originalCode)) return new ProviderError('retryable', message);
  if (e.code === 'ETIMEDOUT' && /^(Connection timeout|Greeting never received)/.test(e.message ?? '')) return new ProviderError('retryable', message);
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
