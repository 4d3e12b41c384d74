/** `npm run test:chaos`: kill -9 trials on real service processes (minutes), apart from `npm test`. */
module.exports = {
  testEnvironment: 'node',
  testTimeout: 120000,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/tests/chaos'],
  testMatch: ['**/*.chaos.ts'],
};
