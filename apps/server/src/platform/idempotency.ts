import crypto from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AppError, badRequest, pgErrorOf } from './errors';
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

export interface IdempotencyClaim {
  readonly caller: string;
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** The key row with its answer, for `claimInsert`. */
export function claimRow(claim: IdempotencyClaim, answer: { status: number; body: unknown }) {
  return { caller: claim.caller, scope: claim.scope, key: claim.key, fingerprint: claim.fingerprint, status: answer.status, response: answer.body };
}

/**
 * The key row as an INSERT, to run in the same statement as the record it answers for (a
 * single-statement create needs no transaction; the row may hold `reusableStatement` slots). A
 * retry's INSERT fails on the key: catch that with `claimTaken` and answer with `storedAnswer`.
 */
export function claimInsert(db: Db, row: ReturnType<typeof claimRow>): SQL {
  return db.insert(idempotencyKeys).values(row).getSQL();
}

/** True when a statement failed because its key row is already there (a retry). */
export function claimTaken(error: unknown): boolean {
  const pg = pgErrorOf(error);
  return pg?.code === '23505' && pg.constraint === 'idempotency_keys_caller_scope_key_pk';
}

/** The answer stored under a key, or undefined; a key reused for a different body is refused. */
export async function storedAnswer(db: Db, claim: IdempotencyClaim): Promise<{ status: number; body: unknown } | undefined> {
  const [stored] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.caller, claim.caller), eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key)));
  if (!stored) return undefined;
  if (stored.fingerprint !== claim.fingerprint) throw new AppError(422, 'idempotency_key_reused');
  return { status: stored.status, body: stored.response };
}
