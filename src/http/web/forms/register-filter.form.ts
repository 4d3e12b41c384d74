import type { FormBody } from './form-values';
import { str } from './form-values';

/** The register's GET form: controller, period, state; and the cursor of the next page. */
export const REGISTER_FILTERS = ['controllerId', 'from', 'to', 'state'] as const;

/** The query string → the shape of `registerQuerySchema`: empty choices ("all") and unknown parameters left out. */
export function toRegisterQuery(query: FormBody, options: { page: boolean }): Record<string, string> {
  const keys = options.page ? [...REGISTER_FILTERS, 'after'] : REGISTER_FILTERS;
  return Object.fromEntries(keys.map((key) => [key, str(query, key)]).filter(([, value]) => value !== ''));
}

/** The same filters as a query string, for the export links and the next page. */
export function filterQueryString(filters: Record<string, string>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of REGISTER_FILTERS) if (filters[key]) params.set(key, filters[key]);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
