import type { DataSource } from 'typeorm';
import type { Tokens } from '../auth/tokens';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** What the HTTP layer needs, handed in once at start-up. */
export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  tokens: Tokens;
  logger: Logger;
  /** Base of links in alerts and notices (config.publicUrl). */
  publicUrl: string;
}
