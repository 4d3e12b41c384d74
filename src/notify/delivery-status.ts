/**
 * The delivery status a person is shown. A message the outbox took (no SMTP server, no Twilio
 * account configured) was never handed to a provider: the ledger records the outbox's
 * acceptance as `sent` (so nothing resends it), but showing that as "sent" would be untrue.
 */
export type ShownDeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'bounced' | 'unknown' | 'outbox';

/** The outbox senders' provider ids (src/notify/senders.ts). */
export const OUTBOX_ID_PREFIX = 'outbox:';

export function isOutboxOnly(providerId: string | null | undefined): boolean {
  return typeof providerId === 'string' && providerId.startsWith(OUTBOX_ID_PREFIX);
}

export function shownDeliveryStatus(status: string, providerId: string | null | undefined): ShownDeliveryStatus {
  if (isOutboxOnly(providerId) && (status === 'sent' || status === 'delivered')) return 'outbox';
  return status as ShownDeliveryStatus;
}
