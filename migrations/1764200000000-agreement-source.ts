import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement keeps the text it was imported from (and the file's name), so the admin and
 * a later reader can see where each term came from.
 */
export class AgreementSource1764200000000 implements MigrationInterface {
  name = 'AgreementSource1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreements ADD COLUMN source_text text, ADD COLUMN source_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreements DROP COLUMN IF EXISTS source_text, DROP COLUMN IF EXISTS source_name`);
  }
}
