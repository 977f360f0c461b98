import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';
import { lockDataDir } from './lock';
import { registerRawQuery } from './raw';

export type Schema = typeof schema;
/** One handle type for both drivers (a union of the two breaks `.returning()`). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, 'migrations');

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Applies committed migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  /**
   * LISTEN on a channel (NOTIFY payloads arrive after the sender commits); returns the unlisten.
   * `onLost`: the listening connection failed, so notifications may be missed from then on.
   */
  listen(channel: string, onPayload: (payload: string) => void, onLost?: (error: Error) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

export function wrapPool(pool: pg.Pool): Database {
  // An idle connection that fails (the server restarted, the database was dropped) is taken out
  // of the pool, and the next query opens a new one; unheard, the error would end the process.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  // Named: each connection parses a reusable statement once.
  registerRawQuery(db, async ({ name, text, params }) => (await pool.query({ name, text, values: [...params] })).rows as Record<string, unknown>[]);
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const lockClient = await pool.connect();
      try {
        // Several app instances may start together: one migrates, the others wait.
        await lockClient.query('SELECT pg_advisory_lock(726201)');
        await migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await lockClient.query('SELECT pg_advisory_unlock(726201)').catch(() => undefined);
        lockClient.release();
      }
    },
    async listen(channel, onPayload, onLost) {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name ${channel}`);
      // LISTEN needs one connection of its own for as long as it listens, outside the pool.
      const listener = new pg.Client(pool.options);
      let ending = false;
      let lost = false;
      const lose = (error: Error) => {
        if (ending || lost) return;
        lost = true;
        onLost?.(error);
      };
      listener.on('error', lose);
      listener.on('end', () => lose(new Error('the listening connection ended')));
      await listener.connect();
      listener.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      try {
        await listener.query(`LISTEN ${channel}`);
      } catch (error) {
        ending = true;
        await listener.end().catch(() => undefined);
        throw error;
      }
      return async () => {
        ending = true;
        await listener.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
}

export interface OpenOptions {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Connections to PostgreSQL (`GRIDWORK_DB_POOL_SIZE`). */
  readonly poolSize: number;
  /** The embedded database's thread ended on its own (crashed): nothing can be stored from then on. */
  readonly onEmbeddedFailure?: (error: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
    await pool.query('SELECT 1');
    return wrapPool(pool);
  }
  const release = lockDataDir(options.dataDir);
  try {
    // The embedded database's code (~40 MB resident) is loaded only when it is used.
    const [{ ThreadedPglite }, { wrapPglite }] = await Promise.all([import('./pglite-threaded'), import('./client-pglite')]);
    const client = await ThreadedPglite.open({ dataDir: path.join(options.dataDir, 'pgdata'), onUnexpectedExit: options.onEmbeddedFailure });
    return await wrapPglite(client, release);
  } catch (error) {
    release();
    throw error;
  }
}

export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`SELECT 1`);
}
