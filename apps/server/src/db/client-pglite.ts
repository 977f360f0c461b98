import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { CHANNEL_NAME, MIGRATIONS_DIR, type Database, type Db } from './client';
import * as schema from './schema/index';
import { withPreparedStatements } from './pglite-prepared';
import { registerRawQuery } from './raw';

export function wrapPglite(client: PGlite, release: () => void = () => {}): Database {
  const prepared = withPreparedStatements(client);
  const db = drizzlePglite({ client: prepared, schema }) as unknown as Db;
  registerRawQuery(db, async ({ text, params }) => (await prepared.query<Record<string, unknown>>(text, [...params])).rows);
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: MIGRATIONS_DIR }),
    async listen(channel, onPayload) {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name ${channel}`);
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
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
