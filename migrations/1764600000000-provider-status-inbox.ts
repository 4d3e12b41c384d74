import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provider status callbacks that arrive before we have recorded the message's provider id
 * (Twilio can call back within milliseconds of accepting, before our `sent` commit). They are
 * held here and applied by the worker's sweep; Twilio does not send them a second time.
 */
export class ProviderStatusInbox1764600000000 implements MigrationInterface {
  name = 'ProviderStatusInbox1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_status_inbox (
        id bigserial PRIMARY KEY,
        provider_id text NOT NULL,
        provider_status text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX provider_status_inbox_by_provider_id ON provider_status_inbox (provider_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provider_status_inbox`);
  }
}
