import type { DataSource } from 'typeorm';
import { requireRole, PROCESSOR_ROLES, type AuthUser } from '../auth/auth-user';
import { listControllers, loadAgreement, loadProcessor } from '../domain/directory.repository';
import { NotFoundError } from '../domain/errors';
import { findIncident, tracksOf } from '../domain/incident.repository';
import { buildNoticeContent, comparableContent, type NoticeContent } from '../domain/notice-content';
import { diffContent } from '../domain/notice-fields';
import { buildNoticeView, buildSmsView } from '../notify/notice-view-model';
import { renderEmail, renderSms, type RenderedEmail } from '../notify/templates';

export interface NoticePreview {
  incidentId: string;
  trackId: string;
  controllerName: string;
  kind: 'initial' | 'supplement';
  version: number;
  overdue: boolean;
  recipients: Array<{ contactId: string; name: string; email: string; mobile: string | null; rendered: RenderedEmail; sms: string | null }>;
}

/**
 * Exactly what the next notice on a track would send, rendered by the same view model and
 * templates as the send job — built in memory, nothing written. Only the acknowledgement
 * link differs: each recipient's is signed when it is sent.
 */
export async function previewNotice(incidentId: string, trackId: string, user: AuthUser, deps: { dataSource: DataSource; publicUrl: string }, linkPlaceholder: string): Promise<NoticePreview> {
  requireRole(user, PROCESSOR_ROLES);
  const tx = deps.dataSource.manager;
  const incident = await findIncident(tx, incidentId);
  const track = incident && (await tracksOf(tx, incidentId)).find((tr) => tr.id === trackId);
  if (!incident || !track) throw new NotFoundError('Track');
  const version = track.snapshot.context.noticeVersion + 1;
  const kind = version === 1 ? 'initial' : 'supplement';
  const agreement = await loadAgreement(tx, track.agreementId);
  const processor = await loadProcessor(tx);
  const [controller] = await listControllers(tx, [track.controllerId]);
  const content = buildNoticeContent({
    incident, track, controller, agreement, version, kind,
    processorName: processor.name, processorContactPoint: processor.contactPoint,
  });
  const [previous] = await tx.query(`SELECT content FROM notice_versions WHERE track_id = $1 ORDER BY version DESC LIMIT 1`, [trackId]);
  const changes = previous ? diffContent(comparableContent(previous.content as NoticeContent), comparableContent(content)) : [];
  const ackUrl = `${deps.publicUrl}/ack/${linkPlaceholder}`;
  return {
    incidentId,
    trackId,
    controllerName: controller.name,
    kind,
    version,
    // Past the deadline the elapsed timer marks the track overdue within moments; ask for the reason already.
    overdue: track.overdue || (track.notifyDeadlineAt !== null && track.notifyDeadlineAt.getTime() <= Date.now()),
    recipients: agreement.contacts.filter((c) => c.receivesBreachNotice).map((c) => ({
      contactId: c.id,
      name: c.name,
      email: c.email,
      mobile: c.mobile,
      rendered: renderEmail('notice', buildNoticeView(content, changes, c.name, ackUrl)),
      sms: c.mobile ? renderSms('notice', buildSmsView(content, ackUrl)) : null,
    })),
  };
}
