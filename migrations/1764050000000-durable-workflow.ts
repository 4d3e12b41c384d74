import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable workflow (issue 3): the controller's own AP clock on the track, an optional
 * automatic preliminary notice per agreement, delivery evidence on the ledger, and internal
 * alerts (warnings, escalations) as a ledger of their own.
 */
export class DurableWorkflow1764050000000 implements MigrationInterface {
  name = 'DurableWorkflow1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreements ADD COLUMN auto_notice_share numeric CHECK (auto_notice_share IS NULL OR (auto_notice_share > 0 AND auto_notice_share < 1))`);
    await q.query(`ALTER TABLE tracks ADD COLUMN controller_aware_at timestamptz, ADD COLUMN ap_deadline_at timestamptz`);
    await q.query(`ALTER TABLE notices ADD COLUMN reason text NOT NULL DEFAULT 'notice' CHECK (reason IN ('notice', 'stand_in', 'director', 'fallback'))`);
    await q.query(`ALTER TABLE notices ADD COLUMN provider_status text, ADD COLUMN status_updated_at timestamptz`);
    await q.query(`CREATE INDEX notices_by_provider_id ON notices (provider_id) WHERE provider_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incidents(id),
        track_id uuid REFERENCES tracks(id),
        kind text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        recipient_role text NOT NULL,
        subject text,
        text_body text NOT NULL,
        html_body text,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'bounced', 'unknown')),
        provider_id text,
        provider_status text,
        content_hash text,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        queued_at timestamptz NOT NULL DEFAULT now(),
        sending_at timestamptz,
        sent_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        status_updated_at timestamptz
      )`);
    await q.query(`CREATE INDEX alerts_by_incident ON alerts (incident_id, queued_at)`);
    await q.query(`CREATE INDEX alerts_by_provider_id ON alerts (provider_id) WHERE provider_id IS NOT NULL`);
    await q.query(`ALTER TABLE outbox_messages ADD COLUMN alert_id uuid REFERENCES alerts(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN alert_id`);
    await q.query(`DROP TABLE alerts`);
    await q.query(`DROP INDEX notices_by_provider_id`);
    await q.query(`ALTER TABLE notices DROP COLUMN reason, DROP COLUMN provider_status, DROP COLUMN status_updated_at`);
    await q.query(`ALTER TABLE tracks DROP COLUMN controller_aware_at, DROP COLUMN ap_deadline_at`);
    await q.query(`ALTER TABLE agreements DROP COLUMN auto_notice_share`);
  }
}
