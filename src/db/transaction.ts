import type { DataSource, EntityManager } from 'typeorm';

/** The one connection a command works on: every query inside a command goes through it. */
export type Tx = EntityManager;

/**
 * One command = one transaction. Serialization failures and deadlocks between instances are
 * retried a few times; everything else propagates.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < 5) continue;
      throw error;
    }
  }
}

/** The database clock, truncated to milliseconds so that it survives a round trip through JS. */
export async function dbNow(tx: Tx): Promise<Date> {
  const [row] = await tx.query(`SELECT date_trunc('milliseconds', now()) AS now`);
  return new Date(row.now);
}
