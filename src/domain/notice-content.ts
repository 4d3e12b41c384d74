import type { NoticeKind } from '../../machines/breach-track.machine';
import type { Agreement, Controller, ProcessorContactPoint } from './directory.repository';
import type { IncidentRow, TrackRow } from './incident.repository';
import { describeDeadlineRule } from './deadlines';
import { NOTICE_FIELD_KEYS, type NoticeFieldKey } from './notice-fields';

/**
 * What a notice version says, frozen when it is sent: the ledger and proof of notice refer
 * to exactly this, whatever is edited later.
 */
export interface NoticeContent {
  reference: string;
  version: number;
  kind: NoticeKind;
  /** Sent automatically at the agreement's share of the term, with whatever was known. */
  preliminary: boolean;
  suspicion: boolean;
  summary: string;
  discoveredAt: string;
  discoveredBy: 'processor' | 'sub_processor';
  subProcessorName: string | null;
  subProcessorDiscoveredAt: string | null;
  fields: Record<NoticeFieldKey, unknown>;
  requiredFields: NoticeFieldKey[];
  processorName: string;
  contactPoint: ProcessorContactPoint;
  controllerName: string;
  language: 'nl' | 'en';
  agreementTitle: string;
  deadlineRule: string;
  deadlineClause: string | null;
  notifyDeadlineAt: string | null;
  lateReason: string | null;
  /** Why a notified suspicion was no breach after all (a retraction only). */
  retractReason?: string | null;
}

export function buildNoticeContent(args: {
  incident: IncidentRow;
  track: TrackRow;
  controller: Pick<Controller, 'name'>;
  agreement: Agreement;
  processorName: string;
  processorContactPoint: ProcessorContactPoint;
  version: number;
  kind: NoticeKind;
  preliminary?: boolean;
}): NoticeContent {
  const { incident, track, agreement } = args;
  const fields = Object.fromEntries(NOTICE_FIELD_KEYS.map((key) => [key, incident.fields[key] ?? null])) as Record<NoticeFieldKey, unknown>;
  // The contact point defaults to ours: a notice never goes out without one (BRIEF §3.10).
  if (fields.contactPoint === null) fields.contactPoint = args.processorContactPoint;
  return {
    reference: incident.reference,
    version: args.version,
    kind: args.kind,
    preliminary: args.preliminary ?? false,
    suspicion: track.establishedAt === null,
    summary: incident.summary,
    discoveredAt: incident.discoveredAt.toISOString(),
    discoveredBy: incident.discoveredBy,
    subProcessorName: incident.subProcessorName,
    subProcessorDiscoveredAt: incident.subProcessorDiscoveredAt?.toISOString() ?? null,
    fields,
    requiredFields: agreement.requiredFields,
    processorName: args.processorName,
    contactPoint: args.processorContactPoint,
    controllerName: args.controller.name,
    language: agreement.language,
    agreementTitle: agreement.title,
    deadlineRule: describeDeadlineRule(agreement, agreement.language),
    deadlineClause: agreement.deadlineClause,
    notifyDeadlineAt: track.notifyDeadlineAt?.toISOString() ?? null,
    lateReason: track.lateReason,
    ...(args.kind === 'retraction' ? { retractReason: track.retractReason } : {}),
  };
}

/** The part of a notice a reader compares between versions. */
export function comparableContent(content: NoticeContent): Record<string, unknown> {
  return {
    summary: content.summary,
    suspicion: content.suspicion,
    discoveredAt: content.discoveredAt,
    subProcessorName: content.subProcessorName,
    subProcessorDiscoveredAt: content.subProcessorDiscoveredAt,
    ...content.fields,
  };
}
