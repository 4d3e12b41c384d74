import type { DataSource } from 'typeorm';
import type { Tokens } from '../auth/tokens';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { MailSender } from '../notify/senders';

/** What the HTTP layer needs, handed in once at start-up. */
export interface AppDeps {
  config: Config;
  dataSource: DataSource;
  tokens: Tokens;
  logger: Logger;
  /** Password-reset links go out at once (the notice ledger is for notices and alerts). */
  mail: MailSender;
  /** Base of links in alerts and notices (config.publicUrl). */
  publicUrl: string;
  /** Shared with the worker in one process; created by the app when absent. */
  metrics?: Metrics;
}
