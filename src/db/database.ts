import { DataSource } from 'typeorm';
import { runMigrations as runQueueMigrations } from 'graphile-worker';
import type { Config } from '../config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { migrations } from './migrations';

export interface Database {
  readonly dataSource: DataSource;
  readonly connectionString: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL (`DATABASE_URL`) or starts the embedded one, then brings the
 * schema up to date: our TypeORM migrations first, then the job queue's own.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedDbPort'>,
  options: { inMemory?: boolean; poolSize?: number } = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let connectionString = config.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbeddedPostgres({
      dataDir: options.inMemory ? undefined : config.dataDir,
      port: config.embeddedDbPort,
    });
    connectionString = embedded.connectionString;
  }
  const dataSource = new DataSource({
    type: 'postgres',
    url: connectionString,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 10 },
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    await runQueueMigrations({ connectionString });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    connectionString,
    embedded: embedded !== undefined,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
