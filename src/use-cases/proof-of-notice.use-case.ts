import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { describeDeadlineRule } from '../domain/deadlines';
import { listControllers } from '../domain/directory.repository';
import { findIncident } from '../domain/incident.repository';
import { accessibleTrack } from '../domain/track-access';
import { isOutboxOnly, shownDeliveryStatus } from '../notify/delivery-status';

export interface ProofOfNotice {
  generatedAt: string;
  reference: string;
  controller: string;
  agreement: { title: string; deadlineRule: string };
  track: { id: string; state: string; notifyDeadlineAt: string | null; firstNotifiedAt: string | null; controllerAwareAt: string | null; apDeadlineAt: string | null; lateReason: string | null };
  versions: Array<{
    version: number;
    kind: string;
    createdAt: string;
    /** SHA-256 over the frozen content of the version (canonical JSON). */
    contentHash: string;
    changes: string[];
    deliveries: Array<{
      /** `outbox`: only in the outbox, never handed to a mail server or SMS provider. */
      contact: string; role: string; channel: string; recipient: string; reason: string; status: string; attempts: number;
      queuedAt: string; acceptedAt: string | null; outboxAt: string | null; providerId: string | null; deliveredAt: string | null; failedAt: string | null;
      /** SHA-256 of exactly what was sent to this recipient. */
      sentContentHash: string | null;
    }>;
    acknowledgements: Array<{ contact: string; at: string; ip: string | null }>;
  }>;
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/** Every version sent on a track, to whom, accepted, delivered, acknowledged: with hashes. */
export async function proofOfNotice(trackId: string, user: AuthUser, deps: { dataSource: DataSource }): Promise<ProofOfNotice> {
  const tx = deps.dataSource.manager;
  const track = await accessibleTrack(tx, trackId, user);
  const incident = (await findIncident(tx, track.incidentId))!;
  const [controller] = await listControllers(tx, [track.controllerId]);
  const versions = await tx.query(`SELECT * FROM notice_versions WHERE track_id = $1 ORDER BY version`, [trackId]);
  const notices = await tx.query(
    `SELECT n.*, k.name AS contact_name, k.role AS contact_role FROM notices n JOIN contacts k ON k.id = n.contact_id
      WHERE n.track_id = $1 ORDER BY n.version, n.queued_at, k.position, n.channel`,
    [trackId],
  );
  const acks = await tx.query(
    `SELECT a.*, k.name AS contact_name FROM acknowledgements a JOIN contacts k ON k.id = a.contact_id WHERE a.track_id = $1 ORDER BY a.acknowledged_at`,
    [trackId],
  );
  return {
    generatedAt: new Date().toISOString(),
    reference: incident.reference,
    controller: controller.name,
    agreement: { title: controller.agreement?.title ?? '', deadlineRule: controller.agreement ? describeDeadlineRule(controller.agreement, 'en') : '' },
    track: {
      id: track.id, state: track.state, notifyDeadlineAt: iso(track.notifyDeadlineAt), firstNotifiedAt: iso(track.firstNotifiedAt),
      controllerAwareAt: iso(track.controllerAwareAt), apDeadlineAt: iso(track.apDeadlineAt), lateReason: track.lateReason,
    },
    versions: versions.map((v: any) => ({
      version: v.version,
      kind: v.content?.kind ?? v.kind,
      createdAt: iso(v.created_at)!,
      contentHash: createHash('sha256').update(stableStringify(v.content)).digest('hex'),
      changes: (v.changes as Array<{ field: string }>).map((c) => c.field),
      deliveries: notices
        .filter((n: any) => n.version === v.version)
        .map((n: any) => ({
          contact: n.contact_name, role: n.contact_role, channel: n.channel, recipient: n.recipient, reason: n.reason, status: shownDeliveryStatus(n.status, n.provider_id),
          attempts: n.attempts, queuedAt: iso(n.queued_at)!, providerId: n.provider_id,
          // Only a provider accepts: what only reached the outbox says when it landed there instead.
          acceptedAt: isOutboxOnly(n.provider_id) ? null : iso(n.sent_at), outboxAt: isOutboxOnly(n.provider_id) ? iso(n.sent_at) : null,
          deliveredAt: iso(n.delivered_at), failedAt: iso(n.failed_at), sentContentHash: n.content_hash,
        })),
      acknowledgements: acks
        .filter((a: any) => a.notice_version === v.version)
        .map((a: any) => ({ contact: a.contact_name, at: iso(a.acknowledged_at)!, ip: a.ip })),
    })),
  };
}
