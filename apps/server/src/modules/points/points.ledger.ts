import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { PointsEntryKind } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { AppError } from '../../platform/errors';
import { pointsAccounts, pointsLots, pointsPostings, pointsTransactions } from './points.tables';

/** The counterpart of each kind of movement, so that every transaction sums to zero. */
export type SystemAccount = 'issued' | 'spent' | 'expired' | 'adjustments';

export interface LedgerActor {
  readonly userId: string | null;
  readonly name: string | null;
}

export interface Posting {
  readonly residentId: string;
  readonly placePath: string;
  /** Signed: + credits the resident, − debits. Never 0. */
  readonly amount: number;
  readonly kind: PointsEntryKind;
  readonly counterpart: SystemAccount;
  readonly sourceType: string;
  readonly sourceId: string | null;
  readonly reason: string | null;
  readonly actor: LedgerActor | null;
  /** Same key, one effect. */
  readonly key: string;
  readonly reversesId?: string;
  /** Debit exactly this lot (expiry) instead of the soonest-expiring ones. */
  readonly lotId?: string;
  readonly expiresAt: Date;
}

export interface Posted {
  readonly entryId: string;
  readonly balance: number;
  readonly replayed: boolean;
}

async function systemAccountId(tx: Db, kind: SystemAccount): Promise<string> {
  await tx.insert(pointsAccounts).values({ systemKind: kind }).onConflictDoNothing();
  const [row] = await tx.select({ id: pointsAccounts.id }).from(pointsAccounts).where(eq(pointsAccounts.systemKind, kind));
  return row!.id;
}

async function residentAccount(tx: Db, residentId: string, placePath: string) {
  await tx.insert(pointsAccounts).values({ residentId, placePath }).onConflictDoNothing();
  const [row] = await tx.select().from(pointsAccounts).where(eq(pointsAccounts.residentId, residentId));
  return row!;
}

export async function balanceOf(db: Db, residentId: string): Promise<number> {
  const [row] = await db.select({ balance: pointsAccounts.balance }).from(pointsAccounts).where(eq(pointsAccounts.residentId, residentId));
  return row?.balance ?? 0;
}

/** Takes `amount` from the lots of an account, soonest expiry first (or from one given lot). */
async function debitLots(tx: Db, accountId: string, amount: number, lotId: string | undefined): Promise<void> {
  let left = amount;
  const lots = await tx
    .select({ id: pointsLots.id, remaining: pointsLots.remaining })
    .from(pointsLots)
    .where(lotId ? and(eq(pointsLots.id, lotId), gt(pointsLots.remaining, 0)) : and(eq(pointsLots.accountId, accountId), gt(pointsLots.remaining, 0)))
    .orderBy(asc(pointsLots.expiresAt), asc(pointsLots.createdAt))
    .for('update');
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    await tx.update(pointsLots).set({ remaining: sql`${pointsLots.remaining} - ${take}` }).where(eq(pointsLots.id, lot.id));
    left -= take;
  }
  // The lots always add up to the balance, which the account row already checked.
  if (left !== 0) throw new Error(`ledger lots short by ${left} on account ${accountId}`);
}

/**
 * Posts one transaction inside the caller's transaction: the resident's balance changes with a
 * conditional UPDATE (the row lock serialises concurrent spends; the CHECK constraint is the last
 * guard against a negative balance), a posting on each side, and the lots follow. A refusal throws,
 * so the caller's whole transaction — stock, redemption, anything — rolls back with it.
 */
export async function post(db: Db, p: Posting): Promise<Posted> {
  if (!Number.isInteger(p.amount) || p.amount === 0) throw new Error('a posting needs a non-zero integer amount');
  // Its own transaction (a savepoint inside the caller's): a refusal leaves no half-posted entry behind.
  return db.transaction((tx) => postIn(tx, p));
}

async function postIn(tx: Db, p: Posting): Promise<Posted> {
  const inserted = await tx
    .insert(pointsTransactions)
    .values({ key: p.key, kind: p.kind, sourceType: p.sourceType, sourceId: p.sourceId, reason: p.reason, actorId: p.actor?.userId ?? null, actorName: p.actor?.name ?? null, reversesId: p.reversesId ?? null })
    .onConflictDoNothing({ target: pointsTransactions.key })
    .returning({ id: pointsTransactions.id });
  if (inserted.length === 0) {
    const [existing] = await tx.select({ id: pointsTransactions.id }).from(pointsTransactions).where(eq(pointsTransactions.key, p.key));
    return { entryId: existing!.id, balance: await balanceOf(tx, p.residentId), replayed: true };
  }
  const transactionId = inserted[0]!.id;
  const account = await residentAccount(tx, p.residentId, p.placePath);
  const [updated] = await queryRows<{ balance: string | number }>(
    tx,
    sql`UPDATE points_accounts SET balance = balance + ${p.amount}, updated_at = now() WHERE id = ${account.id} AND balance + ${p.amount} >= 0 RETURNING balance`,
  );
  if (!updated) {
    throw new AppError(409, 'points_insufficient', { balance: await balanceOf(tx, p.residentId), needed: -p.amount });
  }
  const balance = Number(updated.balance);
  const counterpartId = await systemAccountId(tx, p.counterpart);
  await tx.insert(pointsPostings).values([
    { transactionId, accountId: account.id, amount: p.amount, balanceAfter: balance },
    { transactionId, accountId: counterpartId, amount: -p.amount, balanceAfter: null },
  ]);
  if (p.amount > 0) await tx.insert(pointsLots).values({ accountId: account.id, transactionId, amount: p.amount, remaining: p.amount, expiresAt: p.expiresAt });
  else await debitLots(tx, account.id, -p.amount, p.lotId);
  return { entryId: transactionId, balance, replayed: false };
}

/** Lots past their date with points left, oldest first. */
export async function expiredLots(tx: Db, now: Date, limit: number) {
  return tx
    .select({ id: pointsLots.id, remaining: pointsLots.remaining, residentId: pointsAccounts.residentId, placePath: pointsAccounts.placePath })
    .from(pointsLots)
    .innerJoin(pointsAccounts, eq(pointsAccounts.id, pointsLots.accountId))
    .where(and(gt(pointsLots.remaining, 0), lte(pointsLots.expiresAt, now)))
    .orderBy(asc(pointsLots.expiresAt))
    .limit(limit);
}

export async function expiringSoon(db: Db, residentId: string, before: Date): Promise<number> {
  const [row] = await queryRows<{ n: string | number | null }>(
    db,
    sql`SELECT sum(l.remaining) AS n FROM points_lots l JOIN points_accounts a ON a.id = l.account_id
        WHERE a.resident_id = ${residentId} AND l.remaining > 0 AND l.expires_at <= ${before}`,
  );
  return Number(row?.n ?? 0);
}

export async function findTransaction(db: Db, id: string) {
  const [row] = await db.select().from(pointsTransactions).where(eq(pointsTransactions.id, id));
  return row;
}

/** The resident side of a transaction: who and how much. */
export async function residentPostingOf(db: Db, transactionId: string) {
  const [row] = await db
    .select({ amount: pointsPostings.amount, residentId: pointsAccounts.residentId, placePath: pointsAccounts.placePath })
    .from(pointsPostings)
    .innerJoin(pointsAccounts, eq(pointsAccounts.id, pointsPostings.accountId))
    .where(and(eq(pointsPostings.transactionId, transactionId), sql`${pointsAccounts.residentId} IS NOT NULL`));
  return row;
}

export async function isReversed(db: Db, transactionId: string): Promise<boolean> {
  const [row] = await db.select({ id: pointsTransactions.id }).from(pointsTransactions).where(eq(pointsTransactions.reversesId, transactionId));
  return row !== undefined;
}

export const residentAccounts = (db: Db) => db.select().from(pointsAccounts).where(isNull(pointsAccounts.systemKind));
