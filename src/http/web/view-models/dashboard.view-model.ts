import { isControllerSide, type AuthUser } from '../../../auth/auth-user';
import type { Controller } from '../../../domain/directory.repository';
import type { IncidentView, TrackView } from '../../../domain/incident.views';
import { formatDateTime, type Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { countdown, type Countdown } from './countdown';
import { apClockStart, AP_HOURS } from './ap-clock';

const PRE_NOTICE = ['detected', 'triage', 'awaitingNotice'];
const FINISHED = ['closed', 'dismissed'];

export interface DashboardRow {
  href: string;
  reference: string;
  summary: string;
  controller: string;
  state: string;
  deadline: string;
  hasCountdown: boolean;
  countdown: Countdown | null;
  lastActivity: string;
  rank: number;
  sortAt: number;
}

function lastActivity(incident: IncidentView, track: TrackView): string {
  const moments = [incident.updatedAt, ...track.notices.map((n) => n.sentAt), ...track.acknowledgements.map((a) => a.at), track.assessment?.decidedAt ?? null];
  return moments.filter((x): x is string => Boolean(x)).sort().at(-1)!;
}

/**
 * Open tracks, most urgent first: notices still to send by deadline (overdue on top), then
 * those without a running clock, then the ones waiting on the controller. The controller side
 * sees its own tracks with its 72-hour clock instead.
 */
export function buildDashboardView(language: Language, user: AuthUser, incidents: IncidentView[], controllers: Controller[], nowMs: number) {
  const m = ui(language);
  const controllerSide = isControllerSide(user);
  const rows: DashboardRow[] = [];
  for (const incident of incidents) {
    for (const track of incident.tracks) {
      if (!controllerSide && FINISHED.includes(track.state)) continue;
      const warnShare = controllers.find((c) => c.id === track.controller.id)?.agreement?.warningShares[0] ?? 0.5;
      let clock: Countdown | null = null;
      let deadline = m.noDeadlineYet;
      let rank = 3;
      let sortAt = Date.parse(incident.createdAt);
      if (controllerSide) {
        const start = apClockStart(track);
        if (start && !track.assessment) {
          const end = new Date(Date.parse(start) + AP_HOURS * 3_600_000).toISOString();
          clock = countdown(m, start, end, 0.5, nowMs);
          deadline = m.apDeadline.replace('{at}', formatDateTime(language, end));
          rank = 0;
          sortAt = Date.parse(end);
        }
      } else if (PRE_NOTICE.includes(track.state) && track.clockStartedAt && track.notifyDeadlineAt) {
        clock = countdown(m, track.clockStartedAt, track.notifyDeadlineAt, warnShare, nowMs);
        deadline = formatDateTime(language, track.notifyDeadlineAt);
        rank = 0;
        sortAt = Date.parse(track.notifyDeadlineAt);
      } else if (PRE_NOTICE.includes(track.state)) {
        rank = 1;
      } else {
        rank = track.state === 'followUp' ? 3 : 2;
        deadline = track.firstNotifiedAt ? m.notifiedAt.replace('{at}', formatDateTime(language, track.firstNotifiedAt)) : '';
      }
      rows.push({
        href: `/incidents/${incident.id}#track-${track.id}`,
        reference: incident.reference,
        summary: incident.summary,
        controller: track.controller.name,
        state: m[`state_${track.state}` as keyof typeof m] ?? track.state,
        deadline,
        hasCountdown: clock !== null,
        countdown: clock,
        lastActivity: formatDateTime(language, lastActivity(incident, track)),
        rank,
        sortAt,
      });
    }
  }
  rows.sort((a, b) => a.rank - b.rank || a.sortAt - b.sortAt);
  return {
    title: controllerSide ? m.dashboardTitleController : m.dashboardTitle,
    rows,
    hasRows: rows.length > 0,
    canReport: !controllerSide,
  };
}
