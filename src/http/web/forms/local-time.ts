/**
 * `<input type="datetime-local">` sends wall-clock time without a zone. The people using the
 * pages are in the Netherlands, so it means Amsterdam time; the schemas want ISO with offset.
 */
const ZONE = 'Europe/Amsterdam';

function zoneOffsetMs(at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** "2026-11-22T09:30" (Amsterdam) → "2026-11-22T08:30:00.000Z"; anything unreadable is passed on for the schema to refuse. */
export function localToIso(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return value;
  const wall = Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +(match[6] ?? 0));
  const guess = new Date(wall - zoneOffsetMs(new Date(wall)));
  return new Date(wall - zoneOffsetMs(guess)).toISOString();
}

/** The other way, to fill a datetime-local input from a stored instant. */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return new Date(at.getTime() + zoneOffsetMs(at)).toISOString().slice(0, 16);
}
