// Three projects: `unit` is pure logic and runs anywhere in seconds, with no external program;
// `harness` checks the test machinery and the tree (the exit guard reporter, the e2e teardown, the
// programs the tests run, no import cycle in src/); `e2e` drives the bundled action against a real
// engine and registry (scripts/engine.sh) and must never skip itself.
const shared = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
};

export default {
  reporters: ['default', '<rootDir>/__tests__/summary-reporter.js', '<rootDir>/__tests__/exit-guard-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...shared, displayName: 'harness', testMatch: ['<rootDir>/__tests__/harness/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/e2e/global-setup.js',
    },
  ],
};
