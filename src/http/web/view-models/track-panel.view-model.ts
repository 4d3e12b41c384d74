import { isControllerSide, type AuthUser } from '../../../auth/auth-user';
import { describeDeadlineRule } from '../../../domain/deadlines';
import type { Controller } from '../../../domain/directory.repository';
import type { TrackView } from '../../../domain/incident.views';
import { formatDateTime, type Language } from '../../../i18n/messages';
import { ui, type UiMessages } from '../../../i18n/ui-messages';
import { apClockStart } from './ap-clock';
import { DEFAULT_REOPEN_DAYS } from '../../../../machines/breach-track.machine';
import { countdown } from './countdown';
import { riskSummary } from './risk-assessment.view-model';

const PRE_NOTICE = ['detected', 'triage', 'awaitingNotice'];
const ASSESSABLE = ['notified', 'awaitingAssessment', 'followUp'];
const CLOSABLE = ['awaitingAssessment', 'followUp'];

/**
 * Finishing and undoing (issue 12): confirming or retracting a notified suspicion, the final
 * notice, what closing still needs, dismissing deliberately and reopening within the period.
 */
function finishing(m: UiMessages, lang: Language, incidentId: string, track: TrackView, allowed: string[], nowMs: number, reopenDays: number) {
  const noticeHref = `/incidents/${incidentId}/tracks/${track.id}/notice`;
  const reopenUntil = track.state === 'dismissed' && track.closedAt ? Date.parse(track.closedAt) + reopenDays * 86_400_000 : null;
  const closeNeeds = CLOSABLE.includes(track.state) && !allowed.includes('CLOSE')
    ? [...(track.finalNoticeSent ? [] : [m.closeNeedsFinal]), ...(track.measuresRecorded ? [] : [m.closeNeedsMeasures])]
    : [];
  return {
    canConfirmNotified: allowed.includes('CONFIRM') && track.noticeVersion > 0,
    confirmHref: `${noticeHref}?action=confirm`,
    canFinal: allowed.includes('SUPPLEMENT'),
    finalHref: `${noticeHref}?action=final`,
    canRetract: allowed.includes('RETRACT'),
    canReopen: allowed.includes('REOPEN') && reopenUntil !== null && nowMs <= reopenUntil,
    reopenUntil: reopenUntil ? m.reopenUntil.replace('{at}', formatDateTime(lang, new Date(reopenUntil).toISOString())) : '',
    reopenedNote: track.reopenedAt ? m.reopenedNote.replace('{at}', formatDateTime(lang, track.reopenedAt)).replace('{reason}', track.reopenReason ?? '') : '',
    retractReason: track.retractReason ?? '',
    dismissConfirmLabel: m.dismissConfirmLabel.replace('{days}', String(reopenDays)),
    closeNeeds,
    hasCloseNeeds: closeNeeds.length > 0,
  };
}

export const label = (m: UiMessages, key: string, fallback: string): string => (m as unknown as Record<string, string>)[key] ?? fallback;

/** Per recipient and version: how delivery went, and whether that person acknowledged. */
function noticeRows(lang: Language, m: UiMessages, track: TrackView) {
  return track.notices.map((n) => {
    const ack = track.acknowledgements.find((a) => a.contact === n.contact && a.version === n.version);
    return {
      version: n.version,
      contact: n.contact,
      channel: label(m, `channel_${n.channel}`, n.channel),
      status: label(m, `notice_${n.status}`, n.status),
      problem: ['failed', 'unknown', 'bounced'].includes(n.status),
      sentAt: n.sentAt ? formatDateTime(lang, n.sentAt) : '—',
      acknowledged: ack ? formatDateTime(lang, ack.at) : m.notYet,
    };
  });
}

/** What one controller's track shows, and which of its actions this user may take now. */
export function buildTrackPanel(lang: Language, user: AuthUser, incidentId: string, track: TrackView, controllers: Controller[], nowMs: number, reopenDays = DEFAULT_REOPEN_DAYS) {
  const m = ui(lang);
  const agreement = controllers.find((c) => c.id === track.controller.id)?.agreement ?? null;
  const processorSide = !isControllerSide(user);
  const allowed = processorSide ? track.allowedEvents : [];
  const running = PRE_NOTICE.includes(track.state) && track.clockStartedAt && track.notifyDeadlineAt;
  const apStart = apClockStart(track);
  const assessment = track.assessment;
  return {
    id: track.id,
    anchor: `track-${track.id}`,
    controller: track.controller.name,
    state: label(m, `state_${track.state}`, track.state),
    overdue: track.overdue,
    rule: agreement ? describeDeadlineRule(agreement, lang) : track.deadlineRule,
    deadline: track.notifyDeadlineAt ? formatDateTime(lang, track.notifyDeadlineAt) : m.noDeadlineYet,
    hasCountdown: Boolean(running),
    countdown: running ? countdown(m, track.clockStartedAt!, track.notifyDeadlineAt!, agreement?.warningShares[0] ?? 0.5, nowMs) : null,
    facts: [
      [m.establishedAt, track.establishedAt],
      [m.firstNotifiedAt, track.firstNotifiedAt],
      [m.reachedAt, apStart],
      [m.acknowledgedAt, track.acknowledgedAt],
      [m.closedAt, track.closedAt],
    ].filter(([, v]) => v).map(([k, v]) => ({ label: k!, value: formatDateTime(lang, v!) })),
    dismissReason: track.dismissReason ?? '',
    lateReason: track.lateReason ?? '',
    notices: noticeRows(lang, m, track),
    hasNotices: track.notices.length > 0,
    proofHref: `/tracks/${track.id}/proof`,
    assessment: assessment
      ? {
          reportToAp: assessment.reportToAp ? m.yes : m.no,
          apReasons: assessment.apReasons,
          informSubjects: assessment.informSubjects ? m.yes : m.no,
          subjectReasons: assessment.subjectReasons,
          apReference: assessment.apReference ?? '—',
          reportedToApAt: assessment.reportedToApAt ? formatDateTime(lang, assessment.reportedToApAt) : '—',
          decided: m.decidedBy.replace('{name}', assessment.decidedBy).replace('{at}', formatDateTime(lang, assessment.decidedAt)),
          follows: assessment.followsRecommendation === null ? ''
            : assessment.followsRecommendation ? m.followsRecommendation : m.deviatesFromRecommendation.replace('{reason}', assessment.deviationReason ?? ''),
        }
      : null,
    riskText: track.risk ? riskSummary(lang, track.risk) : '',
    apReports: track.apReports.map((r) => ({
      kind: label(m, `apKind_${r.kind}`, r.kind), meldnummer: r.meldnummer, at: formatDateTime(lang, r.at), atIso: r.at, note: r.note ?? '',
    })),
    hasApReports: track.apReports.length > 0,
    currentMeldnummer: track.currentMeldnummer ? m.apCurrentMeldnummer.replace('{n}', track.currentMeldnummer) : '',
    canRisk: user.role === 'dpo' && ASSESSABLE.includes(track.state),
    riskHref: `/tracks/${track.id}/risk-assessment`,
    canFollowUp: user.role === 'dpo' && Boolean(assessment?.reportToAp),
    followUpHref: `/tracks/${track.id}/assessment#ap-follow-up`,
    hasApSheet: !PRE_NOTICE.includes(track.state) && track.state !== 'dismissed',
    apSheetHref: `/tracks/${track.id}/ap-sheet`,
    hasDraft: Boolean(assessment?.informSubjects),
    draftHref: `/tracks/${track.id}/data-subject-draft`,
    ...finishing(m, lang, incidentId, track, allowed, nowMs, reopenDays),
    canTriage: allowed.includes('TRIAGE'),
    canConfirm: allowed.includes('CONFIRM') && track.noticeVersion === 0,
    canDismiss: allowed.includes('DISMISS'),
    canNotify: allowed.includes('NOTIFY'),
    canSupplement: allowed.includes('SUPPLEMENT'),
    canClose: allowed.includes('CLOSE'),
    hasActions: allowed.length > 0 || (processorSide && CLOSABLE.includes(track.state)),
    noticeHref: `/incidents/${incidentId}/tracks/${track.id}/notice`,
    canAssess: user.role === 'dpo' && ASSESSABLE.includes(track.state),
    assessHref: `/tracks/${track.id}/assessment`,
  };
}
