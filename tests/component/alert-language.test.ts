import { makeTimerDue } from '../support/clock';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/**
 * An alert speaks its recipient's language through and through: not only its sentences, but the
 * deadline and the agreement's rule it quotes (these were Dutch for everyone).
 */
let t: TestService;

beforeAll(async () => {
  t = await startTestService(); // a worker, no providers: alerts land in the outbox
});
afterAll(async () => {
  await t?.stop();
});

test('when the handler reads English and a deadline warning falls due, then the alert quotes the deadline and the rule in English', async () => {
  // Arrange: support works in English and logs a leak.
  await t.sql(`UPDATE users SET language = 'en' WHERE email = $1`, [USERS.support]);
  const support = await t.login(USERS.support);
  const created = await t.as(support).post('/api/incidents', {
    summary: 'Alert language: stolen laptop', discoveredAt: new Date(Date.now() - 600_000).toISOString(), controllerIds: [await controllerIdByName(t, 'Polderpeil')],
  });
  expect(created.status).toBe(201);
  const trackId = created.body.tracks[0].id as string;
  // Act
  await makeTimerDue(t, trackId, 'warning-50');
  await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM alerts WHERE track_id = $1 AND recipient_role = 'handler' AND status = 'sent'`, [trackId]))[0].n === 1, 20_000, 'the handler\'s alert');
  // Assert
  const [alert] = await t.sql(`SELECT subject, text_body FROM alerts WHERE track_id = $1 AND recipient_role = 'handler'`, [trackId]);
  expect(alert.subject).toContain('Deadline running');
  expect(alert.text_body).toContain('hours after');
  expect(alert.text_body).not.toMatch(/\buur\b|nadat|vaststellen|bekend werd/);
});
