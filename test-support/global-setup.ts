import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { wrapPool, type Database } from '../apps/server/src/db/client';
import { wrapPglite } from '../apps/server/src/db/client-pglite';
import { ThreadedPglite } from '../apps/server/src/db/pglite-threaded';
import { bootstrap } from '../apps/server/src/db/seed/bootstrap';
import { TEMPLATE_DIR, clonePrefix, databaseUrl, templateDatabaseName, testDbKind, type Template } from './databases';
import { testCipher, testConfig } from './test-config';

async function prepare(database: Database, template: Template): Promise<void> {
  await database.migrate();
  if (template === 'demo') await bootstrap(database.db, testConfig(), testCipher(), { demo: true, size: 'small', districtCode: '340406' });
}

/**
 * Migrates (and seeds) each template once per run; every test file then starts from a copy:
 * a PGlite data-dir dump, or a PostgreSQL `CREATE DATABASE … TEMPLATE`.
 */
export default async function setup(project?: TestProject): Promise<() => Promise<void>> {
  process.env.GRIDWORK_TEST_RUN_ID ??= `${process.pid}`;
  // A project's `env` reaches its test workers but not this main-process hook: read it from the project.
  const kind = project?.config.env?.GRIDWORK_TEST_DB === 'postgres' ? 'postgres' : testDbKind();
  const templates: Template[] = ['empty', 'demo'];
  if (kind === 'pglite') {
    fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
    for (const template of templates) {
      const client = await ThreadedPglite.open();
      const database = await wrapPglite(client);
      await prepare(database, template);
      fs.writeFileSync(path.join(TEMPLATE_DIR, `${template}.tar.gz`), await client.dumpDataDir());
      await database.close();
    }
    return async () => {};
  }
  const base = process.env.TEST_DATABASE_URL!;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  for (const template of templates) {
    const name = templateDatabaseName(template);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const database = wrapPool(new pg.Pool({ connectionString: databaseUrl(base, name), max: 4 }));
    await prepare(database, template);
    await database.close();
  }
  await admin.end();
  return async () => {
    const cleanup = new pg.Client({ connectionString: base });
    await cleanup.connect();
    for (const template of templates) await cleanup.query(`DROP DATABASE IF EXISTS "${templateDatabaseName(template)}" WITH (FORCE)`);
    // Each file drops its own clone; these are the ones a crashed or killed worker left behind.
    const { rows } = await cleanup.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [clonePrefix()]);
    for (const { datname } of rows) await cleanup.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await cleanup.end();
  };
}
