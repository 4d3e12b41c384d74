import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor login with a time-based code (issue 16). The secret is kept sealed (AES-256-GCM,
 * src/auth/totp.ts), never in plain text; a pending secret waits for its first code before it
 * counts. The last accepted time step makes a code usable once only.
 */
export class TwoFactor1765700000000 implements MigrationInterface {
  name = 'TwoFactor1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN totp_secret text, ADD COLUMN totp_pending text, ADD COLUMN totp_enabled_at timestamptz, ADD COLUMN totp_last_step bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_pending, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step`);
  }
}
