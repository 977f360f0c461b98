import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PointsEntryKind } from '@gridwork/contracts';

/**
 * Accounts of the double-entry ledger: one per resident (balance kept, never negative) and one per
 * system counterpart ('issued', 'spent', 'expired', 'adjustments'), whose balances are not kept —
 * they would be hot rows every transaction waits on; the check sums their postings instead.
 */
export const pointsAccounts = pgTable(
  'points_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id').unique(),
    systemKind: text('system_kind').unique(),
    placePath: text('place_path'),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('points_accounts_resident_not_negative', sql`${t.residentId} IS NULL OR ${t.balance} >= 0`), index('points_accounts_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`)],
);

/** One business event (earn, spend, adjust, expire, reverse); its postings sum to zero. Append-only. */
export const pointsTransactions = pgTable(
  'points_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Same key, one effect: a retried or concurrent call finds the first transaction. */
    key: text('key').notNull().unique(),
    kind: text('kind').$type<PointsEntryKind>().notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id'),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    /** A transaction is reversed at most once. */
    reversesId: uuid('reverses_id').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('points_transactions_source_idx').on(t.sourceType, t.sourceId)],
);

export const pointsPostings = pgTable(
  'points_postings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transactionId: uuid('transaction_id').notNull(),
    accountId: uuid('account_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The resident account's balance right after this posting (null on system accounts). */
    balanceAfter: bigint('balance_after', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('points_postings_account_idx').on(t.accountId, t.id), index('points_postings_transaction_idx').on(t.transactionId)],
);

/**
 * What is left of each credit, for expiry: spending takes from the lot that expires first, and the
 * lots' remainders always add up to the balance.
 */
export const pointsLots = pgTable(
  'points_lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull(),
    transactionId: uuid('transaction_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    remaining: bigint('remaining', { mode: 'number' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('points_lots_remaining_in_range', sql`${t.remaining} >= 0 AND ${t.remaining} <= ${t.amount}`),
    index('points_lots_account_idx').on(t.accountId, t.expiresAt).where(sql`${t.remaining} > 0`),
    index('points_lots_expiry_idx').on(t.expiresAt).where(sql`${t.remaining} > 0`),
    uniqueIndex('points_lots_transaction_idx').on(t.transactionId),
  ],
);
