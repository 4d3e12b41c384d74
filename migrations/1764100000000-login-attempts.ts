import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins, so that the rate limit holds across every instance sharing the database.
 * Keys are hashes (of the e-mail address, of the client address): no personal data at rest.
 */
export class LoginAttempts1764100000000 implements MigrationInterface {
  name = 'LoginAttempts1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_attempts_by_key ON login_attempts (key, attempted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS login_attempts`);
  }
}
