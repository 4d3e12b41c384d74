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
  if (awareSince && at < awareSince) {
    const when = awareSince.toISOString();
    throw new ValidationError(`Check ${field}.`, {
      [field]: `lies before the controller became aware of the breach (${when}) / ligt vóór het moment waarop de verwerkingsverantwoordelijke op de hoogte was (${when})`,
    });
  }
}
