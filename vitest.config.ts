import fs from 'node:fs';
import { defineConfig } from 'vitest/config';

process.env.GRIDWORK_TEST_RUN_ID ??= String(process.pid);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
const withBrowser = fs.existsSync(chromium) && process.env.GRIDWORK_SKIP_E2E !== '1';

const serverTests = ['apps/**/*.test.ts', 'packages/**/*.test.ts'];
const databaseTests = ['apps/**/*.db.test.ts', 'apps/**/*.api.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        test: {
          name: 'pglite',
          include: serverTests,
          globalSetup: ['test-support/global-setup.ts'],
          env: { GRIDWORK_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      ...(withPostgres
        ? [
            {
              test: {
                name: 'postgres',
                include: databaseTests,
                globalSetup: ['test-support/global-setup.ts'],
                env: { GRIDWORK_TEST_DB: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
      ...(withBrowser
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.e2e.test.ts'],
                globalSetup: ['test-support/global-setup.ts'],
                env: { GRIDWORK_TEST_DB: 'pglite', CHROMIUM_PATH: chromium },
                testTimeout: 120_000,
                hookTimeout: 180_000,
              },
            },
          ]
        : []),
    ],
  },
});
