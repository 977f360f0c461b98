import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { olderThan } from '../../platform/pagination';
import type { Db } from '../../db/client';
import { storeDonations, storeGoods, storeRedemptions } from './store.tables';
import type { DonationRow, GoodsRow, RedemptionRow } from './store.views';

export async function insertGoods(tx: Db, values: typeof storeGoods.$inferInsert): Promise<GoodsRow> {
  const [row] = await tx.insert(storeGoods).values(values).returning();
  return row!;
}

export async function findGoods(tx: Db, id: string, forUpdate = false): Promise<GoodsRow | undefined> {
  const query = tx.select().from(storeGoods).where(eq(storeGoods.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findGoodsByIds(tx: Db, ids: readonly string[]): Promise<GoodsRow[]> {
  return ids.length === 0 ? [] : tx.select().from(storeGoods).where(inArray(storeGoods.id, [...new Set(ids)]));
}

/** Catalogue order: category, then name; the cursor is the last (category, name, id). */
export async function listGoods(db: Db, where: SQL[], limit: number, after?: readonly [string, string, string]): Promise<GoodsRow[]> {
  const c = [...where];
  if (after) c.push(sql`(${storeGoods.category}, ${storeGoods.name}, ${storeGoods.id}) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`);
  return db.select().from(storeGoods).where(and(...c)).orderBy(asc(storeGoods.category), asc(storeGoods.name), asc(storeGoods.id)).limit(limit);
}

export async function updateGoods(tx: Db, id: string, changes: Partial<typeof storeGoods.$inferInsert>): Promise<GoodsRow> {
  const [row] = await tx.update(storeGoods).set({ ...changes, updatedAt: new Date() }).where(eq(storeGoods.id, id)).returning();
  return row!;
}

/**
 * Takes `quantity` off the shelf only if that many are there. A concurrent taker waits on the row
 * lock and then re-checks the condition against the committed stock, so the last item goes once.
 */
export async function takeStock(tx: Db, id: string, quantity: number): Promise<GoodsRow | undefined> {
  const [row] = await tx
    .update(storeGoods)
    .set({ stock: sql`${storeGoods.stock} - ${quantity}`, updatedAt: new Date() })
    .where(and(eq(storeGoods.id, id), gte(storeGoods.stock, quantity)))
    .returning();
  return row;
}

export async function addStock(tx: Db, id: string, quantity: number): Promise<GoodsRow> {
  const [row] = await tx
    .update(storeGoods)
    .set({ stock: sql`${storeGoods.stock} + ${quantity}`, updatedAt: new Date() })
    .where(eq(storeGoods.id, id))
    .returning();
  return row!;
}

export async function insertDonation(tx: Db, values: typeof storeDonations.$inferInsert): Promise<DonationRow> {
  const [row] = await tx.insert(storeDonations).values(values).returning();
  return row!;
}

const newestFirst = (createdAt: typeof storeDonations.createdAt | typeof storeRedemptions.createdAt, id: typeof storeDonations.id | typeof storeRedemptions.id, after?: readonly [string, string]) =>
  after ? olderThan([createdAt, id], [new Date(after[0]), after[1]]) : undefined;

export async function listDonations(db: Db, where: SQL[], limit: number, after?: readonly [string, string]): Promise<DonationRow[]> {
  const c = [...where, newestFirst(storeDonations.createdAt, storeDonations.id, after)].filter((x): x is SQL => x !== undefined);
  return db.select().from(storeDonations).where(and(...c)).orderBy(desc(storeDonations.createdAt), desc(storeDonations.id)).limit(limit);
}

export async function insertRedemption(tx: Db, values: typeof storeRedemptions.$inferInsert): Promise<RedemptionRow> {
  const [row] = await tx.insert(storeRedemptions).values(values).returning();
  return row!;
}

export async function findRedemption(tx: Db, id: string, forUpdate = false): Promise<RedemptionRow | undefined> {
  const query = tx.select().from(storeRedemptions).where(eq(storeRedemptions.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function listRedemptions(db: Db, where: SQL[], limit: number, after?: readonly [string, string]): Promise<RedemptionRow[]> {
  const c = [...where, newestFirst(storeRedemptions.createdAt, storeRedemptions.id, after)].filter((x): x is SQL => x !== undefined);
  return db.select().from(storeRedemptions).where(and(...c)).orderBy(desc(storeRedemptions.createdAt), desc(storeRedemptions.id)).limit(limit);
}

export async function updateRedemption(tx: Db, id: string, changes: Partial<typeof storeRedemptions.$inferInsert>): Promise<RedemptionRow> {
  const [row] = await tx.update(storeRedemptions).set({ ...changes, updatedAt: new Date() }).where(eq(storeRedemptions.id, id)).returning();
  return row!;
}

export interface MonthWindow {
  readonly from: Date;
  readonly to: Date;
}

/** Goods donated per goods entry in the window. */
export async function donatedIn(db: Db, area: SQL, window: MonthWindow) {
  return db
    .select({ goodsId: storeDonations.goodsId, quantity: sql<number>`coalesce(sum(${storeDonations.quantity}), 0)::int`, count: sql<number>`count(*)::int`, valueFen: sql<number>`coalesce(sum(${storeDonations.valueFen}), 0)::bigint` })
    .from(storeDonations)
    .where(and(area, eq(storeDonations.kind, 'goods'), gte(storeDonations.createdAt, window.from), lt(storeDonations.createdAt, window.to)))
    .groupBy(storeDonations.goodsId);
}

export async function cashIn(db: Db, area: SQL, window: MonthWindow) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, valueFen: sql<number>`coalesce(sum(${storeDonations.valueFen}), 0)::bigint` })
    .from(storeDonations)
    .where(and(area, eq(storeDonations.kind, 'cash'), gte(storeDonations.createdAt, window.from), lt(storeDonations.createdAt, window.to)));
  return { count: Number(row?.count ?? 0), valueFen: Number(row?.valueFen ?? 0) };
}

/** Redeemed per goods entry in the window; cancelled redemptions gave everything back, so they do not count. */
export async function redeemedIn(db: Db, area: SQL, window: MonthWindow) {
  return db
    .select({ goodsId: storeRedemptions.goodsId, quantity: sql<number>`sum(${storeRedemptions.quantity})::int`, points: sql<number>`sum(${storeRedemptions.points})::int`, count: sql<number>`count(*)::int` })
    .from(storeRedemptions)
    .where(and(area, ne(storeRedemptions.status, 'cancelled'), gte(storeRedemptions.createdAt, window.from), lt(storeRedemptions.createdAt, window.to)))
    .groupBy(storeRedemptions.goodsId);
}
