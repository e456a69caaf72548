import { defineConfig } from 'vitest/config'

/**
 * Workers and the scheduler refuse the development CUSTOMER_KEY_SECRET, so the suites that start
 * them as processes set one of their own; test/support/services.ts passes it on explicitly.
 */
const SERVICE_TEST_ENV = { CUSTOMER_KEY_SECRET: 'dering-test-customer-key-secret' }

export default defineConfig({
  test: {
    // On with --coverage (.ci/run): what the tests run in-process; CLI subprocesses are not counted.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'workers/**/*.ts'],
      reporter: ['text-summary', 'html'],
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/adapters/**/*.test.ts',
            'test/domain/**/*.test.ts',
            'test/jobs/**/*.test.ts',
            'test/report/**/*.test.ts',
            'test/sample/**/*.test.ts',
            'test/fuzz/**/*.test.ts',
            'test/queue/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/lint/**/*.test.ts',
            'test/db/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          env: SERVICE_TEST_ENV,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Real processes killed and services stopped: private Postgres and Redis servers.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          env: SERVICE_TEST_ENV,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
