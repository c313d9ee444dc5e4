/**
 * Two projects: `unit` (pure logic, no I/O) and `integration` (real Neo4j, real HTTP and
 * WebSocket). The integration project's global setup starts one embedded Neo4j for the whole
 * run (and seeds the demo alliance); `npm run test:unit` needs no database.
 * @type {import('jest').Config}
 */
const tsJest = ['ts-jest', { diagnostics: false }];

module.exports = {
  maxWorkers: 1,
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      setupFiles: ['reflect-metadata'],
    },
  ],
};
