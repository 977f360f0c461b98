import fs from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

process.env.GRIDWORK_TEST_RUN_ID ??= String(process.pid);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
const withBrowser = fs.existsSync(chromium) && process.env.GRIDWORK_SKIP_E2E !== '1';
/** The round trip through LibreOffice needs `soffice` (CI installs libreoffice-calc-nogui). */
const withLibreOffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].some((p) => fs.existsSync(p));
const libreOfficeTests = '**/*.libreoffice.api.test.ts';

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
          exclude: [...configDefaults.exclude, ...(withLibreOffice ? [] : [libreOfficeTests])],
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
                exclude: [...configDefaults.exclude, ...(withLibreOffice ? [] : [libreOfficeTests])],
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
