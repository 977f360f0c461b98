import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { CHANNEL_NAME, MIGRATIONS_DIR, type Database, type Db } from './client';
import * as schema from './schema/index';
import type { ThreadedPglite } from './pglite-threaded';
import { registerRawQuery } from './raw';

/** The embedded database's session settings (see migration 0019): they last as long as the thread's one session. */
const EMBEDDED_SESSION_SETTINGS = `SET gridwork.audit_seal_at_insert = 'on'`;

export async function wrapPglite(client: ThreadedPglite, release: () => void = () => {}): Promise<Database> {
  await client.exec(EMBEDDED_SESSION_SETTINGS);
  // The drizzle driver uses only PGlite's query and transaction, which the threaded client answers alike.
  const driver = () => drizzlePglite({ client: client as unknown as PGlite, schema });
  const db = driver() as unknown as Db;
  registerRawQuery(db, async ({ text, params }) => (await client.query<Record<string, unknown>>(text, params)).rows);
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(driver(), { migrationsFolder: MIGRATIONS_DIR }),
    async listen(channel, onPayload) {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name ${channel}`);
      return client.listen(channel, onPayload);
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
