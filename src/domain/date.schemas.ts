import { z } from 'zod';

/**
 * The dates every input shares. zod already refuses what is not on the calendar (30 February,
 * 24:00); on top, nothing in this service happened before 2000: an earlier year (0000 above
 * all, which PostgreSQL does not even have) is a typing slip, not a date anyone means.
 */
export const EARLIEST_YEAR = 2000;

const sinceEarliestYear = (value: string) => Number(value.slice(0, 4)) >= EARLIEST_YEAR;
const tooEarly = `must not lie before the year ${EARLIEST_YEAR}`;

export const isoDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-22T09:30:00+01:00' })
  .refine(sinceEarliestYear, tooEarly);

export const isoDate = z.iso.date({ message: 'must be a date, e.g. 2026-11-22' }).refine(sinceEarliestYear, tooEarly);
