import crypto from 'node:crypto';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { DEFAULT_POINTS_EXPIRY_DAYS, type CreatePointsEntry, type LedgerCheck, type PointsAccount, type PointsEntry } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { assertRecordAccess, auditContextOf, requirePermission, scopeCondition, type Actor, type Scope } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import type { Job } from '../../platform/jobs/scheduler';
import { decodeCursor, encodeCursor } from '../../platform/pagination';
import type { ResidentsService } from '../residents/residents.service';
import * as ledger from './points.ledger';
import { pointsAccounts, pointsLots, pointsPostings, pointsTransactions } from './points.tables';

/** What other modules pass to move points (event hours, redemptions …). */
export interface Movement {
  readonly residentId: string;
  /** Positive: how many points. */
  readonly amount: number;
  readonly sourceType: string;
  readonly sourceId: string | null;
  readonly reason: string | null;
  readonly actor: ledger.LedgerActor | null;
  /** Same key, one effect (e.g. `attendance:<id>`, `redemption:<id>`). */
  readonly key: string;
}

export interface PointsDeps {
  readonly db: Db;
  readonly residents: ResidentsService;
  /** Days until earned points expire. */
  readonly expiryDays?: number;
}

const DAY = 86_400_000;

export function createPointsService({ db, residents, expiryDays = DEFAULT_POINTS_EXPIRY_DAYS }: PointsDeps) {
  const expiry = (from = new Date()) => new Date(from.getTime() + expiryDays * DAY);

  async function placeOf(tx: Db, residentId: string): Promise<string> {
    const resident = await residents.brief(residentId, tx);
    if (!resident) throw notFound();
    return resident.placePath;
  }

  function positive(amount: number) {
    if (!Number.isInteger(amount) || amount <= 0) throw new Error('a movement needs a positive integer amount');
    return amount;
  }

  /** The resident themselves, or staff with `points.read` over where they live; else 404. */
  async function readableAccount(actor: Actor, residentId: string) {
    const resident = await residents.brief(residentId);
    const own = (await residents.residentIdOf(actor.userId)) === residentId;
    if (!own) assertRecordAccess(actor, resident?.placePath, 'points.read');
    if (!resident) throw notFound();
    return resident;
  }

  async function entries(residentId: string, cursor: string | undefined, limit: number): Promise<{ items: PointsEntry[]; nextCursor: string | null }> {
    const after = decodeCursor(cursor, 1)?.map(Number) as [number] | undefined;
    const rows = await db
      .select({
        postingId: pointsPostings.id,
        amount: pointsPostings.amount,
        balanceAfter: pointsPostings.balanceAfter,
        createdAt: pointsPostings.createdAt,
        id: pointsTransactions.id,
        kind: pointsTransactions.kind,
        sourceType: pointsTransactions.sourceType,
        sourceId: pointsTransactions.sourceId,
        reason: pointsTransactions.reason,
        actorName: pointsTransactions.actorName,
        reversesId: pointsTransactions.reversesId,
        expiresAt: pointsLots.expiresAt,
      })
      .from(pointsPostings)
      .innerJoin(pointsAccounts, eq(pointsAccounts.id, pointsPostings.accountId))
      .innerJoin(pointsTransactions, eq(pointsTransactions.id, pointsPostings.transactionId))
      .leftJoin(pointsLots, eq(pointsLots.transactionId, pointsTransactions.id))
      .where(and(eq(pointsAccounts.residentId, residentId), after ? lt(pointsPostings.id, after[0]) : undefined))
      .orderBy(desc(pointsPostings.id))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        kind: r.kind,
        amount: r.amount,
        balanceAfter: r.balanceAfter ?? 0,
        sourceType: r.sourceType,
        sourceId: r.sourceId,
        reason: r.reason,
        actorName: r.actorName,
        expiresAt: r.expiresAt?.toISOString() ?? null,
        reversesId: r.reversesId,
        createdAt: r.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.postingId]) : null,
    };
  }

  async function reverseIn(tx: Db, actor: ledger.LedgerActor | null, transactionId: string, reason: string): Promise<ledger.Posted> {
    const original = await ledger.findTransaction(tx, transactionId);
    if (!original) throw notFound();
    if (original.kind === 'reverse' || original.kind === 'expire') throw unprocessable('points_not_reversible');
    const side = await ledger.residentPostingOf(tx, transactionId);
    if (!side?.residentId) throw notFound();
    if (await ledger.isReversed(tx, transactionId)) throw conflict('points_already_reversed');
    return ledger.post(tx, {
      residentId: side.residentId,
      placePath: side.placePath ?? '',
      amount: -side.amount,
      kind: 'reverse',
      counterpart: side.amount > 0 ? 'issued' : 'spent',
      sourceType: 'reversal',
      sourceId: transactionId,
      reason,
      actor,
      key: `reverse:${transactionId}`,
      reversesId: transactionId,
      expiresAt: expiry(),
    });
  }

async function account(actor: Actor, residentId: string, query: { cursor?: string; limit: number }): Promise<PointsAccount> {
    const resident = await readableAccount(actor, residentId);
    const page = await entries(residentId, query.cursor, query.limit);
    return {
      residentId,
      residentName: resident.name,
      balance: await ledger.balanceOf(db, residentId),
      expiringSoon: await ledger.expiringSoon(db, residentId, new Date(Date.now() + 30 * DAY)),
      entries: page.items,
      nextCursor: page.nextCursor,
    };
  }

  return {
    balanceOf: (residentId: string, tx: Db = db) => ledger.balanceOf(tx, residentId),

    /** Points earned (volunteer hours, good deeds); they expire after the configured period. */
    async earn(tx: Db, m: Movement): Promise<ledger.Posted> {
      return ledger.post(tx, { ...m, amount: positive(m.amount), placePath: await placeOf(tx, m.residentId), kind: 'earn', counterpart: 'issued', expiresAt: expiry() });
    },

    /** Points spent (redemptions): refused with 409 points_insufficient, rolling back the caller's transaction. */
    async spend(tx: Db, m: Movement): Promise<ledger.Posted> {
      return ledger.post(tx, { ...m, amount: -positive(m.amount), placePath: await placeOf(tx, m.residentId), kind: 'spend', counterpart: 'spent', expiresAt: expiry() });
    },

    /** Points given back (a cancelled redemption), posted as a reversal of spending. */
    async refund(tx: Db, m: Movement): Promise<ledger.Posted> {
      return ledger.post(tx, { ...m, amount: positive(m.amount), placePath: await placeOf(tx, m.residentId), kind: 'reverse', counterpart: 'spent', expiresAt: expiry() });
    },

    account,

    /** The signed-in resident's own account. */
    async mine(actor: Actor, query: { cursor?: string; limit: number }): Promise<PointsAccount> {
      const residentId = await residents.residentIdOf(actor.userId);
      if (!residentId) throw unprocessable('resident_no_account');
      return account(actor, residentId, query);
    },

    /** 调整: a staff entry with a reason; the same Idempotency-Key gives the same entry. */
    async adjust(actor: Actor, input: z.output<typeof CreatePointsEntry>, idempotencyKey: string | undefined) {
      requirePermission(actor, 'points.adjust');
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'points.adjust', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const resident = await residents.brief(input.residentId, tx);
          assertRecordAccess(actor, resident?.placePath, 'points.read', 'points.adjust');
          const posted = await ledger.post(tx, {
            residentId: input.residentId,
            placePath: resident!.placePath,
            amount: input.amount,
            kind: 'adjust',
            counterpart: 'adjustments',
            sourceType: 'staff-adjustment',
            sourceId: null,
            reason: input.reason,
            actor: { userId: actor.userId, name: actor.displayName },
            key: `adjust:${crypto.randomUUID()}`,
            expiresAt: expiry(),
          });
          await writeAudit(tx, auditContextOf(actor), { action: 'points.adjust', entityType: 'points_transaction', entityId: posted.entryId, after: { residentId: input.residentId, amount: input.amount, reason: input.reason } });
          const entry = (await entriesOf(tx, input.residentId, posted.entryId))!;
          return { status: 201, body: entry };
        }),
      );
    },

    /** 冲正: the exact opposite of an entry, once; refused if it would overdraw. */
    async reverse(actor: Actor, transactionId: string, reason: string) {
      return db.transaction(async (tx) => {
        const side = await ledger.residentPostingOf(tx, transactionId);
        assertRecordAccess(actor, side?.placePath ?? undefined, 'points.read', 'points.adjust');
        const posted = await reverseIn(tx, { userId: actor.userId, name: actor.displayName }, transactionId, reason);
        await writeAudit(tx, auditContextOf(actor), { action: 'points.reverse', entityType: 'points_transaction', entityId: posted.entryId, after: { reverses: transactionId, reason } });
        return (await entriesOf(tx, side!.residentId!, posted.entryId))!;
      });
    },

    /** Points residents of a subtree spent in the period, net of refunds (for statistics). */
    async spentUnder(scope: Scope, pathPrefix: string | undefined, from: Date, to: Date): Promise<number> {
      const [row] = await queryRows<{ n: string | number | null }>(
        db,
        sql`SELECT sum(CASE WHEN t.kind = 'spend' THEN -p.amount WHEN t.kind = 'reverse' AND t.source_type = 'redemption-cancel' THEN -p.amount ELSE 0 END) AS n
            FROM points_postings p JOIN points_accounts a ON a.id = p.account_id JOIN points_transactions t ON t.id = p.transaction_id
            WHERE a.resident_id IS NOT NULL AND p.created_at >= ${from} AND p.created_at < ${to}
              AND ${scopeCondition(scope, sql`a.place_path`)} AND ${pathPrefix ? sql`a.place_path LIKE ${`${pathPrefix}%`}` : sql`true`}`,
      );
      return Number(row?.n ?? 0);
    },

    /** Proves the ledger: balances equal their postings, transactions sum to zero, lots add up. */
    check: () => checkLedger(db),
  };
}

async function entriesOf(tx: Db, residentId: string, transactionId: string): Promise<PointsEntry | undefined> {
  const [row] = await tx
    .select({
      amount: pointsPostings.amount,
      balanceAfter: pointsPostings.balanceAfter,
      createdAt: pointsPostings.createdAt,
      kind: pointsTransactions.kind,
      sourceType: pointsTransactions.sourceType,
      sourceId: pointsTransactions.sourceId,
      reason: pointsTransactions.reason,
      actorName: pointsTransactions.actorName,
      reversesId: pointsTransactions.reversesId,
      expiresAt: pointsLots.expiresAt,
    })
    .from(pointsPostings)
    .innerJoin(pointsAccounts, eq(pointsAccounts.id, pointsPostings.accountId))
    .innerJoin(pointsTransactions, eq(pointsTransactions.id, pointsPostings.transactionId))
    .leftJoin(pointsLots, eq(pointsLots.transactionId, pointsTransactions.id))
    .where(and(eq(pointsPostings.transactionId, transactionId), eq(pointsAccounts.residentId, residentId)));
  if (!row) return undefined;
  return { id: transactionId, ...row, balanceAfter: row.balanceAfter ?? 0, expiresAt: row.expiresAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() };
}

export async function checkLedger(db: Db): Promise<LedgerCheck> {
  const mismatched = await queryRows<{ id: string }>(
    db,
    sql`SELECT a.id FROM points_accounts a
        LEFT JOIN (SELECT account_id, sum(amount) AS total FROM points_postings GROUP BY account_id) p ON p.account_id = a.id
        LEFT JOIN (SELECT account_id, sum(remaining) AS total FROM points_lots GROUP BY account_id) l ON l.account_id = a.id
        WHERE a.resident_id IS NOT NULL AND (a.balance <> coalesce(p.total, 0) OR a.balance <> coalesce(l.total, 0) OR a.balance < 0)`,
  );
  const unbalanced = await queryRows<{ id: string }>(
    db,
    sql`SELECT t.id FROM points_transactions t LEFT JOIN points_postings p ON p.transaction_id = t.id
        GROUP BY t.id HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.id) <> 2`,
  );
  const [counts] = await queryRows<{ accounts: number; transactions: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM points_accounts WHERE resident_id IS NOT NULL)::int AS accounts, (SELECT count(*) FROM points_transactions)::int AS transactions`,
  );
  return {
    ok: mismatched.length === 0 && unbalanced.length === 0,
    accounts: counts?.accounts ?? 0,
    transactions: counts?.transactions ?? 0,
    mismatchedAccounts: mismatched.map((r) => r.id),
    unbalancedTransactions: unbalanced.map((r) => r.id),
    checkedAt: new Date().toISOString(),
  };
}

export type PointsService = ReturnType<typeof createPointsService>;

/** Expires what is left of lots past their date, one idempotent transaction per lot. */
export const pointsExpiryJob: Job = {
  name: 'points-expiry',
  lockKey: 726_305,
  everyMs: 3_600_000,
  async run(tx, now) {
    let expired = 0;
    for (const lot of await ledger.expiredLots(tx, now, 1_000)) {
      await ledger.post(tx, {
        residentId: lot.residentId!,
        placePath: lot.placePath ?? '',
        amount: -lot.remaining,
        kind: 'expire',
        counterpart: 'expired',
        sourceType: 'expiry',
        sourceId: lot.id,
        reason: '积分过期',
        actor: null,
        key: `expire:${lot.id}:${lot.remaining}`,
        lotId: lot.id,
        expiresAt: now,
      });
      expired += lot.remaining;
    }
    return { expired };
  },
};

/** The nightly proof that every balance equals the sum of its entries; a failure is logged as an error. */
export const ledgerCheckJob: Job = {
  name: 'points-ledger-check',
  lockKey: 726_306,
  everyMs: 24 * 3_600_000,
  async run(tx) {
    const result = await checkLedger(tx);
    if (!result.ok) throw new Error(`points ledger check failed: accounts ${result.mismatchedAccounts.join(',')} transactions ${result.unbalancedTransactions.join(',')}`);
    return { accounts: result.accounts, transactions: result.transactions };
  },
};
