// Two kinds of test, one command (`npm test`):
//  - unit: `*.spec.ts` beside pure code, no engines needed;
//  - integration: `*.int.spec.ts` and `*.e2e.spec.ts`, run against the real Kafka,
//    PostgreSQL and ClickHouse that the global setup starts when they are not already up.
const preset = require('./jest.preset');

module.exports = {
  // Jest reads testTimeout from the top level only (a project's value is ignored).
  testTimeout: 120000,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'],
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts', '**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/infra/testing/global-setup.ts',
      globalTeardown: '<rootDir>/infra/testing/global-teardown.ts',
    },
  ],
};
