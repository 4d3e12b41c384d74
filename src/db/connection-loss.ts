/**
 * The database went away (a restart, a failover, a dropped connection): nothing of the
 * transaction committed, and trying again once it is back is safe. One definition for the
 * API's 503, the job queue's retries, the ledger's last write and the process's last resort.
 */
export const DATABASE_UNAVAILABLE_CODES = [
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE',
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, recovering
  '08000', '08001', '08003', '08006', // connection exceptions
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && DATABASE_UNAVAILABLE_CODES.includes(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection is closed|connect ECONNREFUSED|terminating connection|Client has encountered a connection error/i.test(message);
}
