/**
 * `npm test` runs two projects: everything on a real PostgreSQL server (DATABASE_URL to
 * 127.0.0.1:5432, a fresh database per test file), and the core component suites again on
 * the embedded PGlite, where a transaction that waits on a second connection would hang.
 */
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testPathIgnorePatterns: ['/node_modules/', '/tests/bench/', '/tests/e2e/'],
};

const EMBEDDED_CORE = ['walking-skeleton', 'deadlines', 'audit-trail'];

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'all', roots: ['<rootDir>/tests'] },
    {
      ...common,
      displayName: 'embedded',
      roots: ['<rootDir>/tests/component'],
      testMatch: EMBEDDED_CORE.map((name) => `<rootDir>/tests/component/${name}.test.ts`),
      setupFiles: ['<rootDir>/tests/support/use-embedded-db.ts'],
    },
  ],
};
