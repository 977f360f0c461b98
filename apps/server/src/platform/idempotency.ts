import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AppError, badRequest } from './errors';
import { idempotencyKeys } from './idempotency.tables';

const KEY_PATTERN = /^[\x21-\x7e]{8,100}$/;

export interface IdempotentResult<T> {
  readonly status: number;
  readonly body: T;
  /** True when this is the stored answer of an earlier call with the same key. */
  readonly replayed: boolean;
}

export function fingerprintOf(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

/** Reads and checks the `Idempotency-Key` header (absent: undefined). */
export function idempotencyKeyFrom(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !KEY_PATTERN.test(key)) throw badRequest('idempotency_key_invalid');
  return key;
}

/**
 * Runs `create` at most once per (caller, scope, key), inside the caller's transaction. The key row
 * is inserted first, so a concurrent retry waits on it and then reads the stored answer; a failed
 * `create` rolls the key back with everything else.
 */
export async function once<T>(
  tx: Db,
  claim: { caller: string; scope: string; key: string | undefined; fingerprint: string },
  create: () => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (!claim.key) return { ...(await create()), replayed: false };
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ caller: claim.caller, scope: claim.scope, key: claim.key, fingerprint: claim.fingerprint, status: 0, response: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  const where = and(eq(idempotencyKeys.caller, claim.caller), eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
  if (inserted.length === 0) {
    const [stored] = await tx.select().from(idempotencyKeys).where(where);
    if (!stored || stored.fingerprint !== claim.fingerprint) throw new AppError(422, 'idempotency_key_reused');
    return { status: stored.status, body: stored.response as T, replayed: true };
  }
  const result = await create();
  await tx.update(idempotencyKeys).set({ status: result.status, response: sql`${JSON.stringify(result.body)}::jsonb` }).where(where);
  return { ...result, replayed: false };
}
