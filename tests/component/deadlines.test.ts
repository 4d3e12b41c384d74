import { applyTrackTimer } from '../../src/use-cases/apply-track-timer.use-case';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/**
 * Deadlines are data; the job queue only wakes them and the reconciler catches what it
 * missed. No wall-clock sleeping: the clock is "moved" by moving due dates into the past.
 */
describe('notice deadlines', () => {
  let t: TestService;
  let support: string;
  let polderpeil: string;

  beforeAll(async () => {
    t = await startTestService({ worker: false });
    support = await t.login(USERS.support);
    polderpeil = await controllerIdByName(t, 'Polderpeil');
  });
  afterAll(() => t?.stop());

  async function report(hoursAgo: number): Promise<{ incidentId: string; trackId: string }> {
    const res = await t.as(support).post('/api/incidents', {
      summary: 'Back-up zonder versleuteling naar verkeerde opslag gekopieerd',
      discoveredAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
      controllerIds: [polderpeil],
    });
    expect(res.status).toBe(201);
    return { incidentId: res.body.id, trackId: res.body.tracks[0].id };
  }

  const auditTypes = async (incidentId: string): Promise<string[]> =>
    (await t.sql(`SELECT type FROM audit_events WHERE incident_id = $1 ORDER BY seq`, [incidentId])).map((r) => r.type);

  const timers = (trackId: string) =>
    t.sql(`SELECT name, applied_at, cancelled_at FROM track_timers WHERE track_id = $1 ORDER BY due_at`, [trackId]);

  /** "Let time pass": every pending timer of the track is due now, and so are its jobs. */
  async function moveClockPastDeadline(trackId: string, secondsPast = 1): Promise<void> {
    // Shift every timer by the same amount, so they keep their order and the deadline lies 1 s back.
    await t.sql(
      `UPDATE track_timers SET due_at = due_at - (SELECT max(due_at) FROM track_timers WHERE track_id = $1) + now() - make_interval(secs => $2)
        WHERE track_id = $1`,
      [trackId, secondsPast],
    );
    await t.sql(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key LIKE $1`, [`track:${trackId}:deadline:%`]);
  }

  test('when a track is logged, then its warnings and deadline are stored as timers with one job each', async () => {
    const { trackId } = await report(1);
    expect((await timers(trackId)).map((r) => r.name)).toEqual(['warning-50', 'warning-80', 'elapsed']);
    const jobs = await t.sql(`SELECT key FROM graphile_worker.jobs WHERE key LIKE $1 ORDER BY run_at`, [`track:${trackId}:deadline:%`]);
    expect(jobs.map((j) => j.key)).toEqual([`track:${trackId}:deadline:warning-50`, `track:${trackId}:deadline:warning-80`, `track:${trackId}:deadline:elapsed`]);
  });

  test('when the deadline passes while no worker runs, then a worker started later applies DEADLINE_ELAPSED exactly once', async () => {
    const { incidentId, trackId } = await report(2);
    await moveClockPastDeadline(trackId);
    expect(await auditTypes(incidentId)).not.toContain('track.deadline_elapsed');

    const worker = await t.startWorker();
    await waitUntil(async () => (await timers(trackId)).every((r) => r.applied_at !== null), 15_000, 'timers applied');
    await worker.stop();

    const types = await auditTypes(incidentId);
    expect(types.filter((type) => type === 'track.deadline_elapsed')).toHaveLength(1);
    expect(types.filter((type) => type === 'track.deadline_warning')).toHaveLength(2);
    const [track] = await t.sql(`SELECT overdue, state FROM tracks WHERE id = $1`, [trackId]);
    expect(track).toEqual({ overdue: true, state: 'detected' });
    const view = await t.as(support).get(`/api/incidents/${incidentId}`);
    expect(view.body.tracks[0].overdue).toBe(true);
  });

  test('when the same timer fires twice (a duplicate job, the reconciler), then the event is applied once', async () => {
    const { incidentId, trackId } = await report(3);
    await moveClockPastDeadline(trackId);
    const first = await applyTrackTimer(trackId, 'elapsed', { dataSource: t.service.db.dataSource, publicUrl: t.config.publicUrl });
    const second = await applyTrackTimer(trackId, 'elapsed', { dataSource: t.service.db.dataSource, publicUrl: t.config.publicUrl }, 'reconciler');
    expect([first, second]).toEqual(['applied', 'done']);
    expect((await auditTypes(incidentId)).filter((type) => type === 'track.deadline_elapsed')).toHaveLength(1);
  });

  test('when a timer job is lost, then the reconciler sweep applies the deadline once', async () => {
    const { incidentId, trackId } = await report(4);
    await moveClockPastDeadline(trackId, 60); // past the sweep's grace period
    await t.sql(`DELETE FROM graphile_worker._private_jobs WHERE key LIKE $1`, [`track:${trackId}:deadline:%`]);

    const worker = await t.startWorker();
    await worker.reconcile();
    await worker.reconcile();
    await worker.stop();

    expect((await timers(trackId)).every((r) => r.applied_at !== null)).toBe(true);
    const elapsed = await t.sql(
      `SELECT actor FROM audit_events WHERE incident_id = $1 AND type = 'track.deadline_elapsed'`,
      [incidentId],
    );
    expect(elapsed).toEqual([{ actor: { kind: 'system', name: 'reconciler' } }]);
  });

  test('when the deadline is not yet due, then neither a job nor the reconciler applies it', async () => {
    const { incidentId, trackId } = await report(1);
    const outcome = await applyTrackTimer(trackId, 'elapsed', { dataSource: t.service.db.dataSource, publicUrl: t.config.publicUrl });
    expect(outcome).toBe('not-due');
    const worker = await t.startWorker();
    await worker.reconcile();
    await worker.stop();
    expect(await auditTypes(incidentId)).not.toContain('track.deadline_elapsed');
  });

  test('when a notice goes out after the deadline, then a reason for the delay is required and printed in the notice', async () => {
    const { incidentId, trackId } = await report(30);
    await moveClockPastDeadline(trackId);
    await applyTrackTimer(trackId, 'elapsed', { dataSource: t.service.db.dataSource, publicUrl: t.config.publicUrl });
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);

    const refused = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' });
    expect(refused.status).toBe(409);
    expect(refused.body.fields).toEqual({ lateReason: expect.any(String) });

    const late = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY', lateReason: 'Sub-verwerker meldde het lek pas na 30 uur' });
    expect(late.status).toBe(200);
    expect(late.body.tracks[0]).toMatchObject({ state: 'notified', lateReason: 'Sub-verwerker meldde het lek pas na 30 uur' });
    const [version] = await t.sql(`SELECT late_reason, content FROM notice_versions WHERE track_id = $1`, [trackId]);
    expect(version.late_reason).toBe('Sub-verwerker meldde het lek pas na 30 uur');
    expect(version.content.lateReason).toBe('Sub-verwerker meldde het lek pas na 30 uur');
  });

  test('when a notice has gone out, then the deadline timers are cancelled and the acknowledgement window starts', async () => {
    const { incidentId, trackId } = await report(1);
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200);
    const rows = await timers(trackId);
    expect(rows.filter((r) => !r.name.startsWith('ack-')).every((r) => r.cancelled_at !== null)).toBe(true);
    expect(rows.filter((r) => r.name.startsWith('ack-')).map((r) => [r.name, r.cancelled_at])).toEqual([['ack-1', null], ['ack-2', null]]);
    const jobs = await t.sql(`SELECT key FROM graphile_worker.jobs WHERE key LIKE $1 ORDER BY key`, [`track:${trackId}:deadline:%`]);
    expect(jobs.map((j) => j.key)).toEqual([`track:${trackId}:deadline:ack-1`, `track:${trackId}:deadline:ack-2`]);
  });

  test('when support corrects the discovery moment before notifying, then the deadline and its timers move with it', async () => {
    const { incidentId, trackId } = await report(1);
    const corrected = new Date(Date.now() - 10 * 3600_000);
    corrected.setMilliseconds(0);
    const res = await t.as(support).patch(`/api/incidents/${incidentId}`, { discoveredAt: corrected.toISOString() });
    expect(res.status).toBe(200);
    const deadline = new Date(corrected.getTime() + 24 * 3600_000).toISOString();
    expect(res.body.tracks[0].notifyDeadlineAt).toBe(deadline);
    const [elapsed] = await t.sql(`SELECT due_at FROM track_timers WHERE track_id = $1 AND name = 'elapsed'`, [trackId]);
    expect(new Date(elapsed.due_at).toISOString()).toBe(deadline);
    const [job] = await t.sql(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`track:${trackId}:deadline:elapsed`]);
    expect(new Date(job.run_at).toISOString()).toBe(deadline);
    expect(await auditTypes(incidentId)).toContain('track.deadline_moved');
  });
});
