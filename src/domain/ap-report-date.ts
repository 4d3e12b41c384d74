import { ValidationError } from './errors';

const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The AP report was made after the controller became aware (or, without awareness on
 * record, after our first notice) and not in the future. Names the field, in both languages.
 */
export function checkApReportDate(field: string, at: Date, now: Date, awareSince: Date | null): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new ValidationError(`Check ${field}.`, { [field]: 'lies in the future / ligt in de toekomst' });
  }
  // Forms give minutes: the minute of awareness counts as after it.
  if (awareSince && at.getTime() < Math.floor(awareSince.getTime() / 60_000) * 60_000) {
    const when = awareSince.toISOString();
    throw new ValidationError(`Check ${field}.`, {
      [field]: `lies before the controller became aware of the breach (${when}) / ligt vóór het moment waarop de verwerkingsverantwoordelijke op de hoogte was (${when})`,
    });
  }
}
