import { optional, str, type FormBody } from './form-values';

/** The action buttons' forms → the shape of `incidentEventSchema` (strict: only the keys a type takes). */
export function toEventInput(body: FormBody): unknown {
  const type = str(body, 'type');
  const trackId = optional(str(body, 'trackId'));
  if (type === 'DISMISS' || type === 'RETRACT' || type === 'REOPEN') return { type, trackId, reason: str(body, 'reason') };
  if (type === 'NOTIFY') return { type, trackId, lateReason: optional(str(body, 'lateReason')) };
  return { type, trackId };
}
