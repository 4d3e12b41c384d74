/** `npm run test:e2e`: the browser suite (Playwright driving Debian's Chromium), apart from `npm test`. */
module.exports = {
  testEnvironment: 'node',
  testTimeout: 120000,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
};
