import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The DPO's side (issue 5): risk assessments with their recommendation, the decision's
 * relation to it, the AP report's follow-up (meldnummer, supplements, corrections,
 * withdrawal), the contract end date that starts the retention term, and the mark left on
 * an incident whose breach details were erased at the end of that term.
 */
export class DpoAssessment1764300000000 implements MigrationInterface {
  name = 'DpoAssessment1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE risk_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        track_id uuid NOT NULL REFERENCES tracks(id),
        criteria jsonb NOT NULL,
        method_version text NOT NULL,
        dpc numeric NOT NULL,
        ei numeric NOT NULL,
        cb numeric NOT NULL,
        score numeric NOT NULL,
        band text NOT NULL CHECK (band IN ('low', 'medium', 'high', 'very_high')),
        action text NOT NULL CHECK (action IN ('document_only', 'report_ap', 'report_ap_and_inform_subjects')),
        result jsonb NOT NULL,
        assessed_by uuid NOT NULL REFERENCES users(id),
        assessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX risk_assessments_by_track ON risk_assessments (track_id, assessed_at DESC)`);
    await q.query(`
      ALTER TABLE assessments
        ADD COLUMN risk_assessment_id uuid REFERENCES risk_assessments(id),
        ADD COLUMN follows_recommendation boolean,
        ADD COLUMN deviation_reason text,
        ADD COLUMN ap_late_reason text`);
    await q.query(`
      CREATE TABLE ap_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        track_id uuid NOT NULL REFERENCES tracks(id),
        kind text NOT NULL CHECK (kind IN ('report', 'supplement', 'correction', 'withdrawal')),
        meldnummer text NOT NULL,
        done_at timestamptz NOT NULL,
        note text,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ap_reports_by_track ON ap_reports (track_id, done_at, recorded_at)`);
    await q.query(`ALTER TABLE agreements ADD COLUMN contract_ended_on date`);
    await q.query(`ALTER TABLE incidents ADD COLUMN details_erased_at timestamptz`);
    // The register pages and streams by (created_at, id): keyset, never OFFSET.
    await q.query(`CREATE INDEX tracks_register_order ON tracks (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tracks_register_order`);
    await q.query(`ALTER TABLE incidents DROP COLUMN details_erased_at`);
    await q.query(`ALTER TABLE agreements DROP COLUMN contract_ended_on`);
    await q.query(`DROP TABLE ap_reports`);
    await q.query(`ALTER TABLE assessments DROP COLUMN risk_assessment_id, DROP COLUMN follows_recommendation, DROP COLUMN deviation_reason, DROP COLUMN ap_late_reason`);
    await q.query(`DROP TABLE risk_assessments`);
  }
}
