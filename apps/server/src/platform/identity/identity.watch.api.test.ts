import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { wrapPool, type Database } from '../../db/client';
import { queryRows } from '../../db/sql';
import { databaseUrl, testDbKind } from '../../../../../test-support/databases';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { testCipher, testConfig } from '../../../../../test-support/test-config';

// Sessions are kept in memory for a minute here, so that only hearing a change can end one sooner.
const KEPT_MS = 60_000;

const heard = async (app: FastifyInstance) => /^gridwork_session_changes_heard 1$/m.test((await app.inject({ method: 'GET', url: '/metrics' })).body);
const me = async (app: FastifyInstance, session: Client) => (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie! } })).statusCode;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { sessionCacheMs: KEPT_MS } });
});

if (testDbKind() === 'postgres') {
  describe('several instances on one PostgreSQL database', () => {
    // A second instance of the server on the same database; the test's own SQL plays a third.
    let other: { app: FastifyInstance; database: Database };
    beforeAll(async () => {
      const [current] = await queryRows<{ name: string }>(t.database.db, sql`SELECT current_database() AS name`);
      const database = wrapPool(new pg.Pool({ connectionString: databaseUrl(process.env.TEST_DATABASE_URL!, current!.name), max: 4 }));
      const app = await buildApp({ database, config: testConfig({ sessionCacheMs: KEPT_MS }), cipher: testCipher() });
      await app.ready();
      other = { app, database };
      // Listening starts in the background as the server starts.
      for (const started = Date.now(); !(await heard(other.app)); ) {
        if (Date.now() - started > 10_000) throw new Error('the second instance never listened');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    afterAll(async () => {
      await other.app.close();
      await other.database.close();
    });

    /** Signs in on the first instance; the second has read the session once and keeps it. */
    async function keptElsewhere(username: string) {
      const session = await t.login(username);
      expect(await me(other.app, session)).toBe(200);
      const [row] = await queryRows<{ token_hash: string }>(t.database.db, sql`SELECT token_hash FROM sessions ORDER BY created_at DESC LIMIT 1`);
      return { session, tokenHash: row!.token_hash };
    }

    it('keeps a checked session in memory instead of reading it on every request', async () => {
      const { session, tokenHash } = await keptElsewhere('resident');
      // Expired behind every instance's back, with no notification (only an ended session sends one):
      // the kept copy still answers, as it may for up to a minute here.
      await t.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = ${tokenHash}`);
      expect(await me(other.app, session)).toBe(200);
      // The first instance has not kept it (its last read was the login's write) and ends it.
      expect(await me(t.app, session)).toBe(401);
    });

    it('a session ended on another instance is refused at once, though sessions are kept for a minute', async () => {
      const { session, tokenHash } = await keptElsewhere('staff');
      await t.database.db.execute(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`);
      await expect.poll(() => me(other.app, session), { timeout: 5_000, interval: 20 }).toBe(401);
    });

    it('an account disabled on another instance is refused at once', async () => {
      const { session } = await keptElsewhere('gridA');
      await t.database.db.execute(sql`UPDATE users SET disabled = true WHERE username = 'gridA'`);
      await expect.poll(() => me(other.app, session), { timeout: 5_000, interval: 20 }).toBe(401);
      await t.database.db.execute(sql`UPDATE users SET disabled = false WHERE username = 'gridA'`);
    });

    it('stops keeping sessions while it cannot listen, and listens again', async () => {
      await t.database.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN gridwork_identity'`);
      await expect.poll(() => heard(other.app), { timeout: 5_000, interval: 10 }).toBe(false);
      await expect.poll(() => heard(other.app), { timeout: 10_000, interval: 50 }).toBe(true);
      // Listening again, it hears changes again.
      const { session, tokenHash } = await keptElsewhere('admin');
      await t.database.db.execute(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`);
      await expect.poll(() => me(other.app, session), { timeout: 5_000, interval: 20 }).toBe(401);
    });
  });
} else {
  describe('the embedded database, written by this process alone', () => {
    it('hears every change from the start', async () => {
      expect(await heard(t.app)).toBe(true);
    });

    it('a logout is refused at once, though sessions are kept for a minute', async () => {
      const session = await t.login('resident');
      expect(await me(t.app, session)).toBe(200);
      expect((await session.post('/api/v1/auth/logout')).statusCode).toBe(200);
      expect(await me(t.app, session)).toBe(401);
    });
  });
}
