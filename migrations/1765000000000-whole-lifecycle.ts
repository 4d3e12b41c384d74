import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: the machine owns every change of a track. Stored snapshots get the context the
 * machine now keeps (breach established, retracted, controller aware, the decision to
 * report, the AP report's life), derived from the facts already on record; tracks get the
 * facts of a retraction and a reopening; a decision may revise an earlier one.
 */
export class WholeLifecycle1765000000000 implements MigrationInterface {
  name = 'WholeLifecycle1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tracks
        ADD COLUMN retract_reason text,
        ADD COLUMN reopened_at timestamptz,
        ADD COLUMN reopen_reason text`);
    await q.query(`ALTER TABLE assessments ADD COLUMN revision integer NOT NULL DEFAULT 1`);
    await q.query(`
      UPDATE assessments a SET revision = n.revision
        FROM (SELECT id, row_number() OVER (PARTITION BY track_id ORDER BY decided_at, id)::int AS revision FROM assessments) n
       WHERE n.id = a.id`);
    await q.query(`
      UPDATE tracks t SET snapshot = jsonb_set(t.snapshot, '{context}', (t.snapshot -> 'context') || jsonb_build_object(
        'established', t.established_at IS NOT NULL,
        'retracted', false,
        'controllerAware', t.controller_aware_at IS NOT NULL,
        'reportsToAp', COALESCE((SELECT a.report_to_ap FROM assessments a WHERE a.track_id = t.id ORDER BY a.decided_at DESC LIMIT 1), false),
        'apReport', COALESCE((SELECT CASE WHEN r.kind = 'withdrawal' THEN 'withdrawn' ELSE 'inForce' END
                                FROM ap_reports r WHERE r.track_id = t.id ORDER BY r.done_at DESC, r.recorded_at DESC LIMIT 1), 'none')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE tracks SET snapshot = jsonb_set(snapshot, '{context}',
        (snapshot -> 'context') - 'established' - 'retracted' - 'controllerAware' - 'reportsToAp' - 'apReport')`);
    await q.query(`ALTER TABLE assessments DROP COLUMN revision`);
    await q.query(`ALTER TABLE tracks DROP COLUMN retract_reason, DROP COLUMN reopened_at, DROP COLUMN reopen_reason`);
  }
}
