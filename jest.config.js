/**
 * Three projects; `npm test` runs all of them (see package.json "test").
 *
 * - `unit`: pure logic, no I/O and no database, safe to run in parallel: `npm run test:unit` uses
 *   two workers; `npm test` one, beside the integration suites (scripts/test.js).
 * - `integration`: real Neo4j, real HTTP and WebSocket against the one embedded Neo4j that the
 *   global setup starts and seeds with the demo alliance. Most suites write to that shared graph
 *   and others assert exact counts of it, so these suites run one at a time (`maxWorkers: 1`
 *   below; jest has no per-project `maxWorkers`, the top-level value applies to every project).
 * - `slow`: suites of 20 s or more that each start the Neo4j instances (and API processes) they
 *   need — the fuzz run, real `node dist/src/main.js` processes, Neo4j restarts and faults — so
 *   they need no shared graph and no global setup, and `npm test` runs them beside the
 *   integration suites (scripts/test.js). Kept apart so that `--selectProjects unit integration`
 *   gives quick feedback.
 *
 * TypeScript goes through @swc/jest (no type checking: `npm run build` type-checks). swc emits
 * legacy decorators with their design-type metadata, which type-graphql reads
 * (`emitDecoratorMetadata` in tsconfig.json); test/unit/schema-drift.test.ts fails if a type is lost.
 * @type {import('jest').Config}
 */
const swcJest = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** Suites of the `slow` project (paths under test/). */
const slowSuites = [
  'e2e/fuzz',
  'e2e/process',
  'e2e/readiness',
  'e2e/neo4j-faults',
  'e2e/notification-outage',
].map((name) => `<rootDir>/test/${name}.test.ts`);

const typescript = {
  transform: { '^.+\\.ts$': swcJest },
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  maxWorkers: 1,
  testTimeout: 60_000,
  projects: [
    { ...typescript, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...typescript,
      displayName: 'integration',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...slowSuites],
    },
    { ...typescript, displayName: 'slow', testMatch: slowSuites },
  ],
};
