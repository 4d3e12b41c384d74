import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that can be revoked and a user lifecycle (issue 16). A token names its session row
 * and the user's token version; every request checks both against these rows, so logout,
 * deactivation, a role change or a new password end sessions at once instead of after 8 hours.
 * Reset links are stored as hashes only: a database dump does not hand out passwords.
 */
export class RevocableSessions1765500000000 implements MigrationInterface {
  name = 'RevocableSessions1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN token_version integer NOT NULL DEFAULT 0,
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN password_changed_at timestamptz`);
    await q.query(`
      CREATE TABLE user_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_sessions_by_user ON user_sessions (user_id)`);
    await q.query(`
      CREATE TABLE password_reset_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_by_user ON password_reset_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS password_reset_tokens`);
    await q.query(`DROP TABLE IF EXISTS user_sessions`);
    await q.query(`ALTER TABLE users DROP COLUMN active, DROP COLUMN token_version, DROP COLUMN deactivated_at, DROP COLUMN password_changed_at`);
  }
}
