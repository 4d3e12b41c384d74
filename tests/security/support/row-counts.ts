import type { TestService } from '../../support/test-service';

/** Every table a command may write to, and the job queue: counted in one query. */
export const WATCHED_TABLES = [
  'incidents', 'tracks', 'notices', 'notice_versions', 'acknowledgements', 'audit_events', 'assessments', 'risk_assessments', 'ap_reports',
  'webhooks', 'users', 'controllers', 'agreements', 'agreement_templates', 'contacts', 'outbox_messages', 'graphile_worker.jobs', 'user_sessions', 'password_reset_tokens',
] as const;

const QUERY = `SELECT ${WATCHED_TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS "${table}"`).join(', ')},
  (SELECT coalesce(sum(version), 0)::int FROM incidents) AS "incident versions",
  (SELECT string_agg(state, ',' ORDER BY id) FROM tracks) AS "track states"`;

export async function rowCounts(t: Pick<TestService, 'sql'>): Promise<Record<string, number | string>> {
  const [row] = await t.sql(QUERY);
  return row;
}
