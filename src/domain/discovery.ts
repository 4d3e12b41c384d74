import { ValidationError } from './errors';

const CLOCK_SKEW_MS = 5 * 60_000;

/** The moments that can start a notice clock must make sense, whether reported or edited. */
export function checkDiscoveryMoments(now: Date, discoveredAt: Date, subProcessorDiscoveredAt: Date | null): void {
  const fields: Record<string, string> = {};
  if (discoveredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) fields.discoveredAt = 'lies in the future';
  if (subProcessorDiscoveredAt && subProcessorDiscoveredAt > discoveredAt) {
    fields['discoveredBy.discoveredAt'] = 'lies after discoveredAt: the sub-processor cannot have found it after it became known to us';
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(`Check ${Object.keys(fields).join(', ')}.`, fields);
}
