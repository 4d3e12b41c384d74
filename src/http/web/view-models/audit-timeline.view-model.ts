import type { AuditEventView } from '../../../use-cases/read-audit-trail.use-case';
import type { IncidentView } from '../../../domain/incident.views';
import { formatDateTime, type Language } from '../../../i18n/messages';
import type { UiMessages } from '../../../i18n/ui-messages';
import { isOutboxOnly } from '../../../notify/delivery-status';
import { label } from './track-panel.view-model';
import { fieldName } from './unsent-changes.view-model';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.split(`{${k}}`).join(String(v)), text);

/**
 * One audit event in words: what happened to which notice, for whom, over which channel, and
 * what the provider said. Never the event's internal name: an event this file does not know
 * reads as "recorded" with its time and actor.
 */
function describe(lang: Language, m: UiMessages, e: AuditEventView, contactName: (id: unknown) => string): string {
  const d = e.data;
  const version = typeof d.version === 'number' ? d.version : '';
  const channel = typeof d.channel === 'string' ? label(m, `channel_${d.channel}`, '') : '';
  const contact = contactName(d.contactId);
  switch (e.type) {
    case 'notice.queued':
      return fill(m.audit_says_notice_queued, { version, n: Array.isArray(d.recipients) ? d.recipients.length : 0 });
    case 'notice.sent':
      if (isOutboxOnly(typeof d.provider_id === 'string' ? d.provider_id : null)) return fill(m.audit_says_notice_outbox, { version, contact, channel });
      return fill(d.channel === 'sms' ? m.audit_says_notice_sent_sms : m.audit_says_notice_sent_email, { version, contact, channel });
    case 'notice.delivered':
      return fill(m.audit_says_notice_delivered, { version, contact, channel });
    case 'notice.failed':
      return fill(m.audit_says_notice_failed, { version, contact, channel });
    case 'notice.unknown':
      return fill(m.audit_says_notice_unknown, { version, contact, channel });
    case 'notice.escalated':
      return fill(m.audit_says_notice_escalated, { version, names: Array.isArray(d.contactIds) ? d.contactIds.map(contactName).join(', ') : '' });
    case 'notice.fallback':
      return fill(m.audit_says_notice_fallback, { contact });
    case 'track.controller_aware':
      return fill(m.audit_says_controller_aware, { at: typeof d.apDeadlineAt === 'string' ? formatDateTime(lang, d.apDeadlineAt) : '' });
    case 'incident.updated': {
      const fields = Array.isArray(d.changes) ? d.changes.map((c: any) => fieldName(lang, String(c?.field ?? c), m)).join(', ') : '';
      return fill(m.audit_says_incident_updated, { fields });
    }
    default:
      break;
  }
  if (e.type.startsWith('alert.')) {
    const outcome = e.type.slice('alert.'.length);
    return fill(m.audit_says_alert, { kind: label(m, `alertKind_${String(d.kind)}`, m.alertKind_other), outcome: label(m, `notice_${outcome}`, '') }).replace(/ — $/, '');
  }
  if (e.type.startsWith('ap.')) return fill(m.audit_says_ap, { kind: label(m, `apKind_${e.type.slice(3)}`, ''), n: typeof d.meldnummer === 'string' ? d.meldnummer : '' });
  const known = label(m, `audit_${e.type.replace(/\./g, '_')}`, '');
  if (known) {
    const to = typeof d.to === 'string' ? label(m, `state_${d.to}`, '') : '';
    return to && d.from !== d.to ? `${known} (${m.movedTo.replace('{state}', to)})` : known;
  }
  return m.audit_says_other;
}

/** The audit trail as a person reads it: when, what in words, who (a person), which controller. */
export function auditTimeline(lang: Language, m: UiMessages, events: AuditEventView[], tracks: IncidentView['tracks'], contactNames: Map<string, string>) {
  const contactName = (id: unknown) => (typeof id === 'string' ? contactNames.get(id) ?? '' : '');
  return events.map((e) => ({
    seq: e.seq,
    at: formatDateTime(lang, e.occurredAt),
    atIso: e.occurredAt,
    what: describe(lang, m, e, contactName),
    who: e.actorName || (e.actor.kind === 'contact' ? m.actorContact : m.actorSystem),
    controller: tracks.find((tr) => tr.id === e.trackId)?.controller.name ?? '',
    detail: '',
  }));
}
