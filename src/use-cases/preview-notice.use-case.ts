import type { DataSource } from 'typeorm';
import { applyEvent } from '../../machines/track-workflow';
import type { NoticeKind, TrackEvent } from '../../machines/breach-track.machine';
import { requireRole, PROCESSOR_ROLES, type AuthUser } from '../auth/auth-user';
import { dbNow } from '../db/transaction';
import type { Agreement } from '../domain/directory.repository';
import { listControllers } from '../domain/directory.repository';
import { NotFoundError, ValidationError } from '../domain/errors';
import { findIncident, tracksOf, type IncidentRow, type TrackRow } from '../domain/incident.repository';
import { renderNoticeEmail, renderNoticeSms } from '../notify/notice-message';
import type { RenderedEmail } from '../notify/templates';
import { withEventFacts } from '../workflow/apply-track-event';
import { composeNotice } from '../workflow/notice-effects';

export type PreviewAction = 'notice' | 'final' | 'confirm';

export interface NoticePreview {
  incidentId: string;
  trackId: string;
  controllerName: string;
  kind: NoticeKind;
  /** The event that sends it (for the form). */
  event: 'NOTIFY' | 'SUPPLEMENT' | 'CONFIRM';
  version: number;
  language: 'nl' | 'en';
  notifyDeadlineAt: string | null;
  overdue: boolean;
  recipients: Array<{ contactId: string; name: string; email: string; mobile: string | null; rendered: RenderedEmail; sms: string | null }>;
}

/**
 * Exactly what the next notice on a track would send: the machine says which notice the
 * action sends (kind, version), and the same composer and renderer as the send job build it,
 * in memory, on the database clock; nothing is written. Only the acknowledgement link
 * differs: each recipient's is signed when it is sent.
 */
export async function previewNotice(
  incidentId: string, trackId: string, user: AuthUser, deps: { dataSource: DataSource; publicUrl: string }, linkPlaceholder: string, action: PreviewAction = 'notice',
): Promise<NoticePreview> {
  const [preview] = await previewNotices(incidentId, [trackId], user, deps, linkPlaceholder, action);
  return preview;
}

/** The combined preview of an incident-wide action: one per chosen track, agreements loaded once. */
export async function previewNotices(
  incidentId: string, trackIds: string[], user: AuthUser, deps: { dataSource: DataSource; publicUrl: string }, linkPlaceholder: string, action: PreviewAction = 'notice',
): Promise<NoticePreview[]> {
  requireRole(user, PROCESSOR_ROLES);
  const tx = deps.dataSource.manager;
  const at = await dbNow(tx);
  const incident = await findIncident(tx, incidentId);
  if (!incident) throw new NotFoundError('Incident');
  const all = await tracksOf(tx, incidentId);
  const tracks = trackIds.map((id) => all.find((t) => t.id === id));
  if (tracks.some((t) => !t)) throw new NotFoundError('Track');
  const agreements = new Map<string, Agreement>();
  const previews: NoticePreview[] = [];
  for (const track of tracks as TrackRow[]) previews.push(await previewOne({ tx, agreements }, incident, track, at, deps.publicUrl, linkPlaceholder, action));
  return previews;
}

async function previewOne(
  ctx: { tx: DataSource['manager']; agreements: Map<string, Agreement> }, incident: IncidentRow, track: TrackRow, at: Date, publicUrl: string, linkPlaceholder: string, action: PreviewAction,
): Promise<NoticePreview> {
  const event = eventFor(track, action, at);
  // Past the deadline the elapsed timer marks the track overdue within moments: preview with a
  // stand-in reason, the page asks for the real one.
  const probe = event.type === 'NOTIFY' && !applyEvent(track.snapshot, event) ? { ...event, lateReason: '…' } : event;
  const step = applyEvent(track.snapshot, probe);
  const effect = step?.effects.find((e) => e.type === 'sendNotice');
  // Refused now (e.g. a suspicion this agreement does not want notified): show what it would
  // say; sending is refused with the reason.
  const send = effect?.type === 'sendNotice' ? effect.params : { kind: (event.type === 'NOTIFY' ? 'initial' : 'supplement') as NoticeKind, preliminary: false };
  const version = step ? step.snapshot.context.noticeVersion : track.snapshot.context.noticeVersion + 1;
  if (event.type === 'SUPPLEMENT' && track.snapshot.context.noticeVersion === 0) {
    throw new ValidationError('Nothing to preview.', { trackIds: 'this track has no notice to supplement yet' });
  }
  const next: TrackRow = withEventFacts(step ? { ...track, snapshot: step.snapshot } : track, event, at);
  const composed = await composeNotice(ctx, incident, next, version, send.kind, send.preliminary === true);
  const [controller] = await listControllers(ctx.tx, [track.controllerId]);
  const ackUrl = `${publicUrl}/ack/${linkPlaceholder}`;
  return {
    incidentId: incident.id,
    trackId: track.id,
    controllerName: controller.name,
    kind: send.kind,
    event: event.type as NoticePreview['event'],
    version,
    language: composed.content.language,
    notifyDeadlineAt: track.notifyDeadlineAt?.toISOString() ?? null,
    overdue: track.overdue || (track.notifyDeadlineAt !== null && track.notifyDeadlineAt <= at),
    recipients: composed.recipients.map((c) => ({
      contactId: c.id,
      name: c.name,
      email: c.email,
      mobile: c.mobile,
      rendered: renderNoticeEmail(composed.content, composed.changes, c.name, ackUrl),
      sms: c.mobile ? renderNoticeSms(composed.content, ackUrl) : null,
    })),
  };
}

function eventFor(track: TrackRow, action: PreviewAction, _at: Date): TrackEvent {
  if (action === 'confirm') return { type: 'CONFIRM' };
  if (track.snapshot.context.noticeVersion === 0) return { type: 'NOTIFY' };
  return action === 'final' ? { type: 'SUPPLEMENT', final: true } : { type: 'SUPPLEMENT' };
}
