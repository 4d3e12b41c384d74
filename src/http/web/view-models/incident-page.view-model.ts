import { isControllerSide, type AuthUser } from '../../../auth/auth-user';
import type { AuditTrailView } from '../../../use-cases/read-audit-trail.use-case';
import type { Controller } from '../../../domain/directory.repository';
import type { IncidentView } from '../../../domain/incident.views';
import { NOTICE_FIELD_KEYS } from '../../../domain/notice-fields';
import { formatDateTime, t, type Language } from '../../../i18n/messages';
import { ui, type UiMessages } from '../../../i18n/ui-messages';
import { formatField } from '../../../notify/notice-view-model';
import { auditTimeline } from './audit-timeline.view-model';
import { buildTrackPanel, label } from './track-panel.view-model';
import { DEFAULT_REOPEN_DAYS } from '../../../../machines/breach-track.machine';

export interface ActionProblem {
  trackId: string | null;
  message: string;
  reason: string;
  /** From the incident-wide form: shown there, not on each track. */
  batch?: boolean;
  lines?: string[];
}

/** The incident-wide form: every open track pre-chosen; the machine decides per track. */
function bulkActions(incident: IncidentView) {
  return {
    action: `/incidents/${incident.id}/bulk`,
    tracks: incident.tracks.map((tr) => ({
      id: tr.id, controller: tr.controller.name, checked: !['closed', 'dismissed'].includes(tr.state),
    })),
  };
}

export function buildIncidentPage(lang: Language, user: AuthUser, incident: IncidentView, audit: Pick<AuditTrailView, 'chain' | 'events' | 'contacts'>, controllers: Controller[], nowMs: number, problem: ActionProblem | null, reopenDays?: number) {
  const m = ui(lang);
  const processorSide = !isControllerSide(user);
  const by = incident.discoveredBy;
  return {
    title: `${incident.reference} — ${incident.summary}`,
    reference: incident.reference,
    summary: incident.summary,
    status: label(m, `incident_${incident.status}`, incident.status),
    facts: [
      { label: m.discoveredAtLabel, value: formatDateTime(lang, incident.discoveredAt) },
      { label: m.discoveredByLabel, value: by.kind === 'sub_processor' ? `${m.discoveredBySub}: ${by.name ?? ''}` : m.discoveredByUs },
      ...(by.kind === 'sub_processor' && by.discoveredAt ? [{ label: m.subProcessorDiscoveredAt, value: formatDateTime(lang, by.discoveredAt) }] : []),
      { label: m.reportedAt, value: formatDateTime(lang, incident.createdAt) },
    ],
    fields: NOTICE_FIELD_KEYS.map((key) => {
      const value = formatField(lang, key, incident.fields[key]);
      return { label: t(lang, `field_${key}` as never), value: value ?? m.notYetKnown, notYetKnown: value === null };
    }),
    canEdit: processorSide && incident.status === 'open',
    editHref: `/incidents/${incident.id}/edit`,
    eventAction: `/incidents/${incident.id}/events`,
    tracks: incident.tracks.map((tr) => ({
      ...buildTrackPanel(lang, user, incident.id, tr, controllers, nowMs, reopenDays),
      problem: problem && !problem.batch && (problem.trackId === tr.id || problem.trackId === null) ? problem.message : '',
      reasonValue: problem && problem.trackId === tr.id ? problem.reason : '',
    })),
    bulk: processorSide && incident.tracks.length > 1 ? bulkActions(incident) : null,
    bulkProblem: problem?.batch ? problem.lines ?? [problem.message] : [],
    bulkDismissConfirm: m.dismissConfirmLabel.replace('{days}', String(reopenDays ?? DEFAULT_REOPEN_DAYS)),
    timeline: auditTimeline(lang, m, audit.events, incident.tracks, new Map(Object.entries(audit.contacts))),
    chainOk: audit.chain.ok,
    chainText: audit.chain.ok ? m.chainOk : m.chainBroken,
  };
}
