import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { open311ApiKeys } from './open311.tables';

export type ApiKeyRow = typeof open311ApiKeys.$inferSelect;

/** The demo install's client key (printed at start and documented; never use it in production). */
export const DEMO_OPEN311_KEY = 'gridwork-demo-open311-key';
export const DEMO_OPEN311_KEY_NAME = 'Demo Open311 client';

/** Only this hash is stored, so a leaked database does not leak usable keys. */
export const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('base64url');
export const prefixOf = (key: string) => key.slice(0, 8);

/** An enabled key matching `key`, or undefined. */
export async function findEnabledKey(db: Db, key: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(open311ApiKeys).where(eq(open311ApiKeys.keyHash, hashKey(key)));
  return row?.enabled ? row : undefined;
}

export async function insertKey(db: Db, row: { name: string; key: string; placeId: string }): Promise<void> {
  await db
    .insert(open311ApiKeys)
    .values({ name: row.name, keyHash: hashKey(row.key), keyPrefix: prefixOf(row.key), placeId: row.placeId })
    .onConflictDoNothing();
}
