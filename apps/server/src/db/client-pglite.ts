import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { CHANNEL_NAME, MIGRATIONS_DIR, type Database, type Db } from './client';
import * as schema from './schema/index';
import type { ThreadedPglite } from './pglite-threaded';
import { registerRawQuery } from './raw';

export function wrapPglite(client: ThreadedPglite, release: () => void = () => {}): Database {
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
