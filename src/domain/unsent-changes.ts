import type { Tx } from '../db/transaction';
import { latestSentContent } from './controller-visibility';
import type { IncidentView } from './incident.views';
import { comparableContent } from './notice-content';
import { diffContent } from './notice-fields';

export interface UnsentChanges {
  /** The version the controller last received. */
  version: number;
  /** What differs now from what that version said (comparableContent keys). */
  fields: string[];
}

/**
 * Per notified track: what the record says now that its latest notice did not, so the
 * processor sees a supplement is owed. Tracks without a notice, or without changes, are absent.
 */
export async function changesSinceLastNotice(tx: Tx, incident: IncidentView): Promise<Map<string, UnsentChanges>> {
  const sent = await latestSentContent(tx, incident.tracks.filter((t) => t.firstNotifiedAt).map((t) => t.id));
  const result = new Map<string, UnsentChanges>();
  for (const track of incident.tracks) {
    const told = sent.get(track.id);
    if (!told || typeof told.summary !== 'string') continue;
    const before = comparableContent(told);
    const now: Record<string, unknown> = {
      summary: incident.summary,
      suspicion: track.establishedAt === null,
      discoveredAt: incident.discoveredAt,
      subProcessorName: incident.discoveredBy.kind === 'sub_processor' ? incident.discoveredBy.name ?? null : null,
      subProcessorDiscoveredAt: incident.discoveredBy.kind === 'sub_processor' ? incident.discoveredBy.discoveredAt ?? null : null,
      ...Object.fromEntries(Object.keys(told.fields).map((key) => [key, incident.fields[key] ?? null])),
    };
    // A notice fills an empty contact point with the processor's own: not a change.
    if (now.contactPoint === null) now.contactPoint = before.contactPoint;
    const fields = diffContent(before, now).map((c) => c.field);
    if (fields.length > 0) result.set(track.id, { version: told.version, fields });
  }
  return result;
}
