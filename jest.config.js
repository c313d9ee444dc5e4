/**
 * Two projects: `unit` (pure logic, no I/O) and `integration` (real Neo4j, real HTTP and
 * WebSocket). One embedded Neo4j is started for the whole run by the global setup.
 * @type {import('jest').Config}
 */
const tsJest = ['ts-jest', { diagnostics: false }];

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
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
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      setupFiles: ['reflect-metadata'],
    },
  ],
};
