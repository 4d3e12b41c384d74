import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins are now counted per (client, account) pair as well as per account and per
 * address (issue 16). Each row also names its account's hash, so that an admin's unlock can clear
 * every count that concerns one account, whichever client it came from.
 */
export class LoginAttemptsByAccount1765500000001 implements MigrationInterface {
  name = 'LoginAttemptsByAccount1765500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE login_attempts ADD COLUMN account text`);
    await q.query(`CREATE INDEX login_attempts_by_account ON login_attempts (account)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS login_attempts_by_account`);
    await q.query(`ALTER TABLE login_attempts DROP COLUMN account`);
  }
}
