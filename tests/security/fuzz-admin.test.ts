import { fuzzOperations, isClientDirectory, JSON_BODY_OPERATIONS } from './support/fuzz';

/** The admin's endpoints: agreements, contract end, retention, webhooks, users. See support/fuzz.ts. */
fuzzOperations("fuzzing the admin's endpoints", (op) => !op.path.startsWith('/api/auth') && !op.path.startsWith('/api/incidents') && !op.path.startsWith('/api/tracks/') && !isClientDirectory(op));

test('the four fuzz files together cover every JSON endpoint with a body', () => {
  expect(JSON_BODY_OPERATIONS.length).toBe(28);
});
