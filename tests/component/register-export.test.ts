import v8 from 'node:v8';
import vm from 'node:vm';
import { controllerIdByName, startTestService, USERS, type TestService } from '../support/test-service';
import { countDownload } from '../support/download';

/**
 * The register export streams: 100 000 entries (about 100 MB of CSV) pass through while the
 * service's heap grows by far less than the export's size. Server and client share this
 * process, so the client only counts lines and never keeps the body.
 */
const ROWS = 100_000;

// Live memory, not garbage V8 has not collected yet: collect, then measure.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

describe('streamed register export', () => {
  let t: TestService;
  let admin: string;

  beforeAll(async () => {
    t = await startTestService({ worker: false, contract: true });
    admin = await t.login(USERS.admin);
    const controllerId = await controllerIdByName(t, 'Vonk');
    const [{ id: userId }] = await t.sql(`SELECT id FROM users WHERE role = 'support' LIMIT 1`);
    const [{ id: agreementId }] = await t.sql(`SELECT id FROM agreements WHERE controller_id = $1`, [controllerId]);
    await t.sql(
      `INSERT INTO incidents (reference, summary, discovered_at, discovered_by, fields, status, created_by)
       SELECT 'DL-1990-' || lpad(g::text, 6, '0'), 'Historische melding ' || g || ' ' || repeat('x', 800), now() - (g || ' minutes')::interval, 'processor',
              jsonb_build_object('consequences', 'Geen gevolgen bekend', 'measures', jsonb_build_object('taken', 'Afgehandeld')), 'closed', $1
         FROM generate_series(1, ${ROWS}) g`,
      [userId],
    );
    await t.sql(
      `INSERT INTO tracks (incident_id, controller_id, agreement_id, state, snapshot, closed_at)
       SELECT id, $1, $2, 'closed', '{}', now() FROM incidents WHERE reference LIKE 'DL-1990-%'`,
      [controllerId, agreementId],
    );
  }, 120_000);
  afterAll(() => t?.stop());

  test(`when ${ROWS} entries are exported as CSV, then all arrive and the heap stays far below the export's size`, async () => {
    const url = new URL('/api/register.csv', t.service.url!);
    const baseline = liveHeap();
    let peak = baseline;
    const sampler = setInterval(() => { peak = Math.max(peak, liveHeap()); }, 1000);
    const { lines, bytes } = await countDownload(url, admin);
    clearInterval(sampler);
    if (process.env.TEST_LOG) console.log({ lines, bytes, growth: peak - baseline });
    expect(lines).toBe(ROWS + 1); // the header and one line per entry
    expect(bytes).toBeGreaterThan(90_000_000);
    // Buffering the export would keep ≥ 90 MB alive (twice that as JS strings); streaming keeps about one batch.
    expect(peak - baseline).toBeLessThan(30_000_000);
  }, 180_000);
});
