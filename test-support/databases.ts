import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { wrapPool, type Database } from '../apps/server/src/db/client';
import { wrapPglite } from '../apps/server/src/db/client-pglite';
import { ThreadedPglite } from '../apps/server/src/db/pglite-threaded';

export type TestDbKind = 'pglite' | 'postgres';
export type Template = 'empty' | 'demo';

export const TEMPLATE_DIR = path.resolve(import.meta.dirname, '../.tmp/templates');

export function testDbKind(): TestDbKind {
  return process.env.GRIDWORK_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function templateDatabaseName(template: Template): string {
  return `gridwork_tpl_${template}_${process.env.GRIDWORK_TEST_RUN_ID ?? 'local'}`;
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every clone of this test run starts so, for the global teardown to drop what a crashed worker left. */
export const clonePrefix = () => `gridwork_t_${process.env.GRIDWORK_TEST_RUN_ID ?? 'local'}_`;

/** A fresh database for one test file, cloned from a migrated (and maybe seeded) template. */
export async function cloneTemplate(template: Template): Promise<Database> {
  if (testDbKind() === 'pglite') {
    const dump = fs.readFileSync(path.join(TEMPLATE_DIR, `${template}.tar.gz`));
    const client = await ThreadedPglite.open({ loadDataDir: dump });
    return wrapPglite(client);
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `${clonePrefix()}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName(template)}"`);
        break;
      } catch (error) {
        // Two clones of one template at the same instant can collide; try again shortly.
        if (attempt >= 10) throw error;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl(base, name), max: 10 });
  const database = wrapPool(pool);
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => cleanup.end());
    },
  };
}

export { databaseUrl };
