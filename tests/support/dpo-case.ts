import { controllerIdByName, USERS, type TestService } from './test-service';
import { waitUntil } from './wait';

/**
 * A notified breach at Kinderopvang De Zonnebloem (childcare: children's data, a stolen
 * laptop), ready for its DPO: logged, confirmed, measures on record, notice sent and
 * accepted, so the controller's 72-hour AP clock runs.
 */
export async function notifiedChildcareCase(t: TestService): Promise<{ incidentId: string; trackId: string; reference: string }> {
  const support = await t.login(USERS.support);
  const zonnebloem = await controllerIdByName(t, 'Zonnebloem');
  const reported = await t.as(support).post('/api/incidents', {
    summary: 'Laptop van een medewerker met een export van de kindadministratie gestolen uit een auto',
    discoveredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    controllerIds: [zonnebloem],
    fields: {
      nature: { kinds: ['confidentiality'], actions: ['stolen'], description: 'Niet-versleutelde laptop met een export van het ouderportaal gestolen' },
      cause: 'Diefstal uit een geparkeerde auto',
      subjectCategories: ['kinderen', 'ouders'],
      subjectCount: { min: 120, max: 180 },
      dataCategories: ['naam', 'adres', 'geboortedatum', 'BSN'],
      specialCategories: [],
      recordCount: { exact: 180 },
      occurred: { from: new Date(Date.now() - 5 * 3600_000).toISOString() },
      encryption: { state: 'none' },
      consequences: 'Kans op identiteitsfraude en ongewenst contact',
      measures: { taken: 'Laptop op afstand geblokkeerd, aangifte gedaan', planned: 'Schijfversleuteling op alle laptops' },
    },
  });
  if (reported.status !== 201) throw new Error(`report failed: ${reported.status} ${JSON.stringify(reported.body)}`);
  const incidentId = reported.body.id as string;
  await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'CONFIRM' }).expect(200);
  const notified = await t.as(support).post(`/api/incidents/${incidentId}/events`, { type: 'NOTIFY' }).expect(200);
  const trackId = notified.body.tracks[0].id as string;
  await waitUntil(async () => (await t.sql(`SELECT controller_aware_at FROM tracks WHERE id = $1`, [trackId]))[0].controller_aware_at !== null, 15_000, 'the notice to be accepted');
  return { incidentId, trackId, reference: reported.body.reference };
}
