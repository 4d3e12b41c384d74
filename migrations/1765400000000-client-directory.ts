import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Onboarding a client base (issue 15): controllers get the CRM's key (an import is an update
 * the second time) and can be deactivated; contacts can be deactivated without losing the
 * notices sent to them; agreement templates carry the terms many controllers share, each
 * controller's agreement naming its template and the terms it deviates in.
 */
export class ClientDirectory1765400000000 implements MigrationInterface {
  name = 'ClientDirectory1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE controllers ADD COLUMN external_key text, ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN deactivated_at timestamptz, ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE UNIQUE INDEX controllers_external_key ON controllers (processor_id, external_key) WHERE external_key IS NOT NULL`);
    await q.query(`CREATE INDEX controllers_by_name ON controllers (lower(name))`);
    await q.query(`ALTER TABLE contacts ADD COLUMN active boolean NOT NULL DEFAULT true, ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      CREATE TABLE agreement_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        processor_id uuid NOT NULL REFERENCES processors(id),
        key text NOT NULL,
        title text NOT NULL,
        terms jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (processor_id, key)
      )`);
    await q.query(`ALTER TABLE agreements ADD COLUMN template_id uuid REFERENCES agreement_templates(id),
      ADD COLUMN template_version integer, ADD COLUMN deviations jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX agreements_by_template ON agreements (template_id) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreements DROP COLUMN template_id, DROP COLUMN template_version, DROP COLUMN deviations`);
    await q.query(`DROP TABLE agreement_templates`);
    await q.query(`ALTER TABLE contacts DROP COLUMN active, DROP COLUMN updated_at`);
    await q.query(`DROP INDEX controllers_by_name`);
    await q.query(`ALTER TABLE controllers DROP COLUMN external_key, DROP COLUMN active, DROP COLUMN deactivated_at, DROP COLUMN updated_at`);
  }
}
