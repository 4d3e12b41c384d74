import type { z } from 'zod';
import type { incidentViewSchema, trackViewSchema } from './incident.schemas';
import { acceptedEventTypes, canApply } from '../../machines/track-workflow';
import type { TrackEvent } from '../../machines/breach-track.machine';
import { isControllerSide, type AuthUser } from '../auth/auth-user';
import type { Tx } from '../db/transaction';
import { describeDeadlineRule } from './deadlines';
import { listControllers } from './directory.repository';
import { NotFoundError } from './errors';
import { apReportsOf, currentMeldnummer, latestRiskAssessments, type ApReport } from './dpo-records.repository';
import { findIncident, tracksOf, type IncidentRow, type TrackRow } from './incident.repository';
import { NOTICE_FIELD_KEYS } from './notice-fields';
import type { NoticeContent } from './notice-content';
import { incidentAsSent, latestSentContent, visibleTo } from './controller-visibility';
import { isOutboxOnly, shownDeliveryStatus } from '../notify/delivery-status';

/** What the API shows of an incident (controller-side users see their own track only): the schema the OpenAPI document publishes. */
export type IncidentView = z.infer<typeof incidentViewSchema>;
export type TrackView = z.infer<typeof trackViewSchema>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The events a person may send now (for the UI and the API's hints); deadline events are the system's. */
function allowedEvents(track: TrackRow, measuresRecorded: boolean): TrackView['allowedEvents'] {
  const probes: Array<Extract<TrackEvent, { type: TrackView['allowedEvents'][number] }>> = [
    { type: 'TRIAGE' }, { type: 'CONFIRM' }, { type: 'DISMISS', reason: 'probe' },
    { type: 'NOTIFY', lateReason: track.overdue ? 'probe' : undefined }, { type: 'SUPPLEMENT' }, { type: 'CLOSE', measuresRecorded },
    { type: 'RETRACT', reason: 'probe' }, { type: 'REOPEN', reason: 'probe', withinPeriod: true },
  ];
  const accepted = acceptedEventTypes(track.snapshot);
  return probes.filter((e) => accepted.includes(e.type) && canApply(track.snapshot, e)).map((e) => e.type);
}

export async function loadIncidentView(tx: Tx, incidentId: string, user: AuthUser): Promise<IncidentView> {
  const incident = await findIncident(tx, incidentId);
  if (!incident) throw new NotFoundError('Incident');
  const tracks = (await tracksOf(tx, incidentId, { controllerId: isControllerSide(user) ? user.controllerId! : undefined })).filter((t) => visibleTo(user, t));
  // A controller-side user sees no other controller's cases, nor its own before the notice.
  if (tracks.length === 0) throw new NotFoundError('Incident');
  const views = await trackViews(tx, tracks, () => incident.fields.measures != null);
  if (!isControllerSide(user)) return { ...incidentFacts(incident), tracks: views };
  const sent = (await latestSentContent(tx, [tracks[0].id])).get(tracks[0].id);
  return asToldToController(incident, sent, views);
}

/**
 * What a controller-side reader sees of an incident: the facts as its latest notice told them
 * (edits not yet sent are the processor's), its own track without the processor's actions.
 */
export function asToldToController(incident: IncidentRow, sent: NoticeContent | undefined, tracks: TrackView[]): IncidentView {
  return {
    ...incidentFacts(incidentAsSent(incident, sent)),
    tracks: tracks.map((track) => ({
      ...track,
      allowedEvents: [],
      notices: track.notices.map((n) => ({ ...n, lastError: null })),
    })),
  };
}

export function incidentFacts(incident: IncidentRow): Omit<IncidentView, 'tracks'> {
  return {
    id: incident.id,
    reference: incident.reference,
    summary: incident.summary,
    status: incident.status,
    discoveredAt: incident.discoveredAt.toISOString(),
    discoveredBy:
      incident.discoveredBy === 'sub_processor'
        ? { kind: 'sub_processor', name: incident.subProcessorName ?? undefined, discoveredAt: iso(incident.subProcessorDiscoveredAt) }
        : { kind: 'processor' },
    fields: incident.fields,
    notYetKnown: NOTICE_FIELD_KEYS.filter((key) => incident.fields[key] === null || incident.fields[key] === undefined),
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    version: incident.version,
  };
}

/** `measuresRecorded` tells per track whether its incident has measures on record (CLOSE needs them). */
export async function trackViews(tx: Tx, tracks: TrackRow[], measuresRecorded: (track: TrackRow) => boolean): Promise<TrackView[]> {
  if (tracks.length === 0) return [];
  const ids = tracks.map((t) => t.id);
  const controllers = await listControllers(tx, [...new Set(tracks.map((t) => t.controllerId))]);
  const notices = await tx.query(
    `SELECT n.*, c.name AS contact_name FROM notices n JOIN contacts c ON c.id = n.contact_id
      WHERE n.track_id = ANY($1::uuid[]) ORDER BY n.version, c.position, n.channel`,
    [ids],
  );
  const acks = await tx.query(
    `SELECT a.*, c.name AS contact_name FROM acknowledgements a JOIN contacts c ON c.id = a.contact_id
      WHERE a.track_id = ANY($1::uuid[]) ORDER BY a.acknowledged_at`,
    [ids],
  );
  const assessments = await tx.query(
    `SELECT DISTINCT ON (a.track_id) a.*, u.name AS decided_by_name FROM assessments a JOIN users u ON u.id = a.decided_by
      WHERE a.track_id = ANY($1::uuid[]) ORDER BY a.track_id, a.decided_at DESC`,
    [ids],
  );
  const risks = await latestRiskAssessments(tx, ids);
  const apReports = await apReportsOf(tx, ids);
  // Rows grouped by track once (in their query order), not searched per track: lists show hundreds of tracks.
  const noticesOf = groupByTrack(notices);
  const acksOf = groupByTrack(acks);
  const assessmentOf = new Map(assessments.map((a: any) => [a.track_id, a]));
  const controllerById = new Map(controllers.map((c) => [c.id, c]));
  return tracks.map((track) => {
    const risk = risks.get(track.id);
    const controller = controllerById.get(track.controllerId)!;
    const agreement = controller.agreement;
    const assessment: any = assessmentOf.get(track.id);
    return {
      id: track.id,
      controller: { id: controller.id, name: controller.name },
      agreementId: track.agreementId,
      language: agreement?.language ?? 'nl',
      state: track.state,
      overdue: track.overdue,
      deadlineRule: agreement ? describeDeadlineRule(agreement, 'en') : '',
      clockStartedAt: iso(track.clockStartedAt),
      notifyDeadlineAt: iso(track.notifyDeadlineAt),
      establishedAt: iso(track.establishedAt),
      firstNotifiedAt: iso(track.firstNotifiedAt),
      acknowledgedAt: iso(track.acknowledgedAt),
      dismissReason: track.dismissReason,
      lateReason: track.lateReason,
      closedAt: iso(track.closedAt),
      controllerAwareAt: iso(track.controllerAwareAt),
      apDeadlineAt: iso(track.apDeadlineAt),
      escalationStep: track.snapshot.context.escalationStep ?? 0,
      finalNoticeSent: track.snapshot.context.finalSent ?? false,
      suspicion: !(track.snapshot.context.established ?? track.establishedAt !== null),
      retractReason: track.retractReason,
      reopenedAt: iso(track.reopenedAt),
      reopenReason: track.reopenReason,
      measuresRecorded: measuresRecorded(track),
      decisionRevision: assessment?.revision ?? 0,
      noticeVersion: track.snapshot.context.noticeVersion,
      allowedEvents: allowedEvents(track, measuresRecorded(track)),
      notices: (noticesOf.get(track.id) ?? [])
        .map((n: any) => ({
          version: n.version,
          channel: n.channel,
          contact: n.contact_name,
          reason: n.reason,
          // `outbox`: never handed to a provider, so neither "sent" nor a time it was sent.
          status: shownDeliveryStatus(n.status, n.provider_id),
          providerId: n.provider_id,
          sentAt: n.sent_at && !isOutboxOnly(n.provider_id) ? new Date(n.sent_at).toISOString() : null,
          deliveredAt: n.delivered_at ? new Date(n.delivered_at).toISOString() : null,
          attempts: n.attempts,
          lastError: n.last_error,
        })),
      acknowledgements: (acksOf.get(track.id) ?? [])
        .map((a: any) => ({ version: a.notice_version, contact: a.contact_name, at: new Date(a.acknowledged_at).toISOString() })),
      assessment: assessment
        ? {
            reportToAp: assessment.report_to_ap,
            apReasons: assessment.ap_reasons,
            informSubjects: assessment.inform_subjects,
            subjectReasons: assessment.subject_reasons,
            apReference: assessment.ap_reference,
            reportedToApAt: assessment.reported_to_ap_at ? new Date(assessment.reported_to_ap_at).toISOString() : null,
            decidedAt: new Date(assessment.decided_at).toISOString(),
            decidedBy: assessment.decided_by_name,
            followsRecommendation: assessment.follows_recommendation,
            deviationReason: assessment.deviation_reason,
            apLateReason: assessment.ap_late_reason,
          }
        : null,
      risk: risk
        ? { score: risk.result.severity.score, band: risk.result.severity.band, action: risk.result.recommendation.action, assessedAt: risk.assessedAt }
        : null,
      apReports: apReports.get(track.id)!,
      currentMeldnummer: currentMeldnummer(apReports.get(track.id)!),
    };
  });
}

function groupByTrack(rows: any[]): Map<string, any[]> {
  const groups = new Map<string, any[]>();
  for (const row of rows) {
    const group = groups.get(row.track_id);
    if (group) group.push(row);
    else groups.set(row.track_id, [row]);
  }
  return groups;
}
