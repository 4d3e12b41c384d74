import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists at scale (benchmark 4, docs/PERFORMANCE.md §4): at 100 000 incidents
 * the dashboard read every incident to find the newest 200, and every acknowledgement to
 * find a page's. Plain CREATE INDEX (the embedded database has no CONCURRENTLY): on a large
 * register it holds writes back for the few seconds it takes.
 */
export class ListIndexes1764550000000 implements MigrationInterface {
  name = 'ListIndexes1764550000000';

  async up(q: QueryRunner): Promise<void> {
    // The support dashboard and GET /api/incidents: newest first, LIMIT 200, walked from the top.
    await q.query(`CREATE INDEX incidents_newest_first ON incidents (created_at DESC)`);
    // A controller's list: the incidents it has a track in, from the index alone.
    await q.query(`CREATE INDEX tracks_incidents_of_controller ON tracks (controller_id, incident_id)`);
    // The track views' acknowledgements per track (every list and incident page).
    await q.query(`CREATE INDEX acknowledgements_by_track ON acknowledgements (track_id, acknowledged_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS acknowledgements_by_track`);
    await q.query(`DROP INDEX IF EXISTS tracks_incidents_of_controller`);
    await q.query(`DROP INDEX IF EXISTS incidents_newest_first`);
  }
}
