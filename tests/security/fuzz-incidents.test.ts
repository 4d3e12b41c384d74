import { fuzzOperations } from './support/fuzz';
import { startTestService, USERS } from '../support/test-service';

/** Log-in and the incident commands (support). See support/fuzz.ts. */
fuzzOperations('fuzzing the log-in and incident endpoints', (op) => op.path.startsWith('/api/auth') || op.path.startsWith('/api/incidents'));

describe('a NUL character (found by the fuzzer: PostgreSQL refuses it, the answer was a 500)', () => {
  test('when a report carries one in a string, then 422 naming the field', async () => {
    const t = await startTestService({ worker: false });
    try {
      const token = await t.login(USERS.support);
      const res = await t.as(token).post('/api/incidents', { summary: 'Export\u0000 op een share', discoveredAt: new Date().toISOString(), controllerIds: [] });
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.fields)).toEqual(['summary']);
    } finally {
      await t.stop();
    }
  });
});
