import { CONTROLLER_AUDIT_TYPES } from '../../src/domain/controller-visibility';
import { PageClient } from '../support/page-client';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { waitUntil } from '../support/wait';

/**
 * Nothing shown to a client before it is meant for them, and nothing shown as sent that was
 * not: the controller's DPO sees a track only from its notice on, then exactly what the notice
 * said (not the processor's later, unsent edits), and a message that only reached the outbox
 * (no SMTP, no Twilio here) as "only in the outbox, not sent".
 */
let t: TestService;
let support: string;
let dpo: string;
let incidentId: string;
let trackId: string;
let reference: string;
const SENT_SUMMARY = 'Back-upschijf met projectdossiers zoek';
const UNSENT_SUMMARY = 'Back-upschijf teruggevonden bij de koerier (nog niet gemeld)';

const dpoReads = () => ({
  list: t.as(dpo).get('/api/incidents'),
  detail: t.as(dpo).get(`/api/incidents/${incidentId}`),
  audit: t.as(dpo).get(`/api/incidents/${incidentId}/audit`),
  proof: t.as(dpo).get(`/api/tracks/${trackId}/proof`),
  apSheet: t.as(dpo).get(`/api/tracks/${trackId}/ap-sheet`),
  register: t.as(dpo).get('/api/register'),
  csv: t.as(dpo).get('/api/register.csv'),
  json: t.as(dpo).get('/api/register.json'),
});

beforeAll(async () => {
  // A worker and no providers: notices land in the outbox, as in the demo.
  t = await startTestService();
  support = await t.login(USERS.support);
  dpo = await t.login(USERS.dpoPolderpeil);
  const polderpeil = await controllerIdByName(t, 'Polderpeil');
  const created = await t.as(support).post('/api/incidents', {
    summary: SENT_SUMMARY, discoveredAt: new Date(Date.now() - 3_600_000).toISOString(), controllerIds: [polderpeil],
  });
  expect(created.status).toBe(201);
  incidentId = created.body.id;
  trackId = created.body.tracks[0].id;
  reference = created.body.reference;
  await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);
});
afterAll(async () => {
  await t?.stop();
});

describe('before the notice', () => {
  test('when the DPO reads anything of a confirmed but un-notified track, then it does not exist for them', async () => {
    // Act
    const r = dpoReads();
    const [list, detail, audit, proof, apSheet, register, csv, json] = await Promise.all([r.list, r.detail, r.audit, r.proof, r.apSheet, r.register, r.csv, r.json]);
    // Assert
    expect([detail.status, audit.status, proof.status, apSheet.status]).toEqual([404, 404, 404, 404]);
    expect(list.body.incidents).toEqual([]);
    expect(register.body.entries).toEqual([]);
    for (const res of [list, detail, audit, proof, apSheet, register, csv, json]) {
      expect(res.text).not.toContain(SENT_SUMMARY);
      expect(res.text).not.toContain(reference);
    }
  });

  test('when the DPO opens the dashboard and the incident page, then nothing of it shows', async () => {
    const page = new PageClient(t.http);
    await page.login(USERS.dpoPolderpeil);
    const dashboard = await page.get('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).not.toContain(SENT_SUMMARY);
    expect((await page.get(`/incidents/${incidentId}`)).status).toBe(404);
    expect((await page.get(`/tracks/${trackId}/ap-sheet`)).status).toBe(404);
  });
});

describe('after the notice', () => {
  beforeAll(async () => {
    await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200);
    await waitUntil(async () => (await t.sql(`SELECT count(*)::int AS n FROM notices WHERE track_id = $1 AND status <> 'sent'`, [trackId]))[0].n === 0, 20_000, 'notices in the outbox');
    // The processor edits after the notice: not sent yet, so not the controller's to see.
    await t.as(support).patch(`/api/incidents/${incidentId}`, { summary: UNSENT_SUMMARY }).expect(200);
  });

  test('when the DPO opens the incident, then it shows what the notice said, not the unsent edit, and no processor action', async () => {
    const res = await t.as(dpo).get(`/api/incidents/${incidentId}`);
    expect(res.status).toBe(200);
    expect(res.body.summary).toBe(SENT_SUMMARY);
    expect(res.text).not.toContain(UNSENT_SUMMARY);
    expect(res.body.tracks).toHaveLength(1);
    expect(res.body.tracks[0].allowedEvents).toEqual([]);
  });

  test('when a notice only reached the outbox, then the incident, the proof and the pages say so and never "sent"', async () => {
    // Act
    const [detail, proof] = await Promise.all([t.as(dpo).get(`/api/incidents/${incidentId}`), t.as(dpo).get(`/api/tracks/${trackId}/proof`)]);
    const page = new PageClient(t.http);
    await page.login(USERS.dpoPolderpeil);
    const html = await page.get(`/incidents/${incidentId}`);
    const printable = await t.as(dpo).get(`/api/tracks/${trackId}/proof?format=html`);
    // Assert
    const notices = detail.body.tracks[0].notices;
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n: any) => n.status === 'outbox' && n.sentAt === null)).toBe(true);
    const deliveries = proof.body.versions.flatMap((v: any) => v.deliveries);
    expect(deliveries.every((d: any) => d.status === 'outbox' && d.acceptedAt === null && typeof d.outboxAt === 'string')).toBe(true);
    expect(html.text).toContain('alleen in het postvak, niet verzonden');
    expect(html.text).not.toMatch(/<td>verstuurd<\/td>|<td>afgeleverd<\/td>/);
    expect(printable.text).toContain('alleen in het postvak, niet verzonden / only in the outbox, not sent');
  });

  test("when the DPO reads the audit trail, then only what was sent to them and their own steps, numbered 1, 2, 3 …, in words with no processor staff", async () => {
    const res = await t.as(dpo).get(`/api/incidents/${incidentId}/audit`);
    expect(res.status).toBe(200);
    expect(res.body.events.length).toBeGreaterThan(0);
    expect(res.body.events.every((e: any) => CONTROLLER_AUDIT_TYPES.has(e.type))).toBe(true);
    expect(res.body.events.map((e: any) => e.type)).not.toContain('track.confirm');
    expect(res.body.events.map((e: any) => e.seq)).toEqual(res.body.events.map((_: unknown, i: number) => i + 1));
    expect(res.text).not.toContain('Support'); // the processor's staff appear as their organisation
    const page = new PageClient(t.http);
    await page.login(USERS.dpoPolderpeil);
    const html = await page.get(`/incidents/${incidentId}`);
    expect(html.text).toContain('alleen in het postvak gezet, niet verzonden');
    expect(html.text).not.toContain('alert.queued');
    expect(html.text).not.toContain('Waarschuwing');
    expect(html.text).not.toContain('Bevestigd als datalek');
  });

  test('when the DPO reads the register and its exports and the AP sheet, then the entry is there with the facts as notified', async () => {
    const [register, csv, json, apSheet] = await Promise.all([
      t.as(dpo).get('/api/register'), t.as(dpo).get('/api/register.csv'), t.as(dpo).get('/api/register.json'), t.as(dpo).get(`/api/tracks/${trackId}/ap-sheet`),
    ]);
    expect(register.body.entries.map((e: any) => [e.reference, e.summary])).toEqual([[reference, SENT_SUMMARY]]);
    expect(csv.text).toContain(SENT_SUMMARY);
    expect(JSON.parse(json.text).map((e: any) => e.summary)).toEqual([SENT_SUMMARY]);
    expect(apSheet.status).toBe(200);
    for (const res of [register, csv, json, apSheet]) expect(res.text).not.toContain(UNSENT_SUMMARY);
  });

  test('when support reads the same incident, then it sees its own edit and the full trail with its hashes', async () => {
    const [detail, audit] = await Promise.all([t.as(support).get(`/api/incidents/${incidentId}`), t.as(support).get(`/api/incidents/${incidentId}/audit`)]);
    expect(detail.body.summary).toBe(UNSENT_SUMMARY);
    expect(audit.body.events.some((e: any) => e.type === 'track.confirm' && typeof e.hash === 'string')).toBe(true);
  });

  test('when support opens the incident page after editing, then it says what changed since the notice and links the proof; the DPO sees neither the edit nor the hint', async () => {
    const supportPage = new PageClient(t.http);
    await supportPage.login(USERS.support);
    const html = await supportPage.get(`/incidents/${incidentId}`);
    expect(html.text).toContain('Gewijzigd sinds melding 1: Samenvatting — stuur een aanvulling');
    expect(html.text).toContain(`href="/tracks/${trackId}/proof"`);
    expect((await supportPage.get(`/tracks/${trackId}/proof`)).text).toContain('alleen in het postvak, niet verzonden');
    const dpoPage = new PageClient(t.http);
    await dpoPage.login(USERS.dpoPolderpeil);
    const theirs = await dpoPage.get(`/incidents/${incidentId}`);
    expect(theirs.text).not.toContain('Gewijzigd sinds melding');
    expect(theirs.text).toContain(`href="/tracks/${trackId}/proof"`);
  });
});
