import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';

describe('dismissing a suspected leak', () => {
  let t: TestService;
  let support: string;

  beforeAll(async () => {
    t = await startTestService({ worker: false });
    support = await t.login(USERS.support);
  });
  afterAll(() => t?.stop());

  test('when support dismisses a suspicion with a reason, then it stays in the register, closed, with the reason and no notice', async () => {
    const polderpeil = await controllerIdByName(t, 'Polderpeil');
    const reported = await t.as(support).post('/api/incidents', {
      summary: 'Melding van klant: vreemde inlogpoging op account',
      discoveredAt: new Date().toISOString(),
      controllerIds: [polderpeil],
    });
    const incidentId = reported.body.id;
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'TRIAGE' }).expect(200);

    const dismissed = await t.as(support).post(`/api/incidents/${incidentId}/events`, {
      type: 'DISMISS',
      reason: 'Inlogpoging geblokkeerd door MFA; geen toegang tot persoonsgegevens',
    });

    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('closed');
    expect(dismissed.body.tracks[0]).toMatchObject({
      state: 'dismissed',
      dismissReason: 'Inlogpoging geblokkeerd door MFA; geen toegang tot persoonsgegevens',
      // Only undoing the dismissal (within the reopen period) is left.
      allowedEvents: ['REOPEN'],
      notices: [],
    });
    const register = await t.as(support).get('/api/incidents');
    expect(register.body.incidents.map((i: any) => i.id)).toContain(incidentId);
    const audit = await t.as(support).get(`/api/incidents/${incidentId}/audit`);
    const dismissal = audit.body.events.find((e: any) => e.type === 'track.dismiss');
    expect(dismissal.data).toMatchObject({ from: 'triage', to: 'dismissed', reason: 'Inlogpoging geblokkeerd door MFA; geen toegang tot persoonsgegevens' });
    expect(audit.body.events.at(-1).type).toBe('incident.closed');
    const timers = await t.sql(`SELECT cancelled_at FROM track_timers WHERE track_id = $1`, [dismissed.body.tracks[0].id]);
    expect(timers.every((r) => r.cancelled_at !== null)).toBe(true);
  });
});
