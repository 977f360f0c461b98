import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DonationKind, DonorType, RedemptionChannel, RedemptionStatus } from '@gridwork/contracts';

/**
 * 爱心超市 goods: one catalogue per community (`place_path` is the community's path). Stock is
 * guarded twice: every decrement is a conditional UPDATE, and the CHECK refuses what slips past.
 */
export const storeGoods = pgTable(
  'store_goods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    pointsPrice: integer('points_price').notNull(),
    stock: integer('stock').notNull().default(0),
    unit: text('unit').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('store_goods_stock_not_negative', sql`${t.stock} >= 0`),
    check('store_goods_price_positive', sql`${t.pointsPrice} > 0`),
    // One entry per name in a store: a second 大米 would split its stock and its report line.
    uniqueIndex('store_goods_place_name_unique').on(t.placeId, t.name),
    index('store_goods_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.category, t.name),
  ],
);

/** Donations in: goods (add stock, with an estimated value) or cash (recorded only). Value in fen. */
export const storeDonations = pgTable(
  'store_donations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<DonationKind>().notNull(),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    donorType: text('donor_type').$type<DonorType>().notNull(),
    donorName: text('donor_name').notNull(),
    goodsId: uuid('goods_id'),
    quantity: integer('quantity'),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    purpose: text('purpose'),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('store_donations_shape', sql`(${t.kind} = 'goods' AND ${t.goodsId} IS NOT NULL AND ${t.quantity} > 0 AND ${t.valueFen} >= 0) OR (${t.kind} = 'cash' AND ${t.goodsId} IS NULL AND ${t.quantity} IS NULL AND ${t.valueFen} > 0)`),
    index('store_donations_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.createdAt),
    index('store_donations_goods_idx').on(t.goodsId, t.createdAt),
  ],
);

/**
 * A redemption (兑换): points spent through the ledger (`points_entry_id`) and stock taken in the
 * same transaction. `place_path` is the store's community: counter staff read their store's.
 */
export const storeRedemptions = pgTable(
  'store_redemptions',
  {
    id: uuid('id').primaryKey(),
    residentId: uuid('resident_id').notNull(),
    goodsId: uuid('goods_id').notNull(),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    quantity: integer('quantity').notNull(),
    pointsPrice: integer('points_price').notNull(),
    points: integer('points').notNull(),
    status: text('status').$type<RedemptionStatus>().notNull(),
    channel: text('channel').$type<RedemptionChannel>().notNull(),
    pointsEntryId: uuid('points_entry_id').notNull(),
    refundEntryId: uuid('refund_entry_id'),
    createdBy: uuid('created_by').notNull(),
    handledBy: uuid('handled_by'),
    handledByName: text('handled_by_name'),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by'),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('store_redemptions_amounts', sql`${t.quantity} > 0 AND ${t.pointsPrice} > 0 AND ${t.points} = ${t.quantity} * ${t.pointsPrice}`),
    index('store_redemptions_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.createdAt),
    index('store_redemptions_resident_idx').on(t.residentId, t.createdAt),
    index('store_redemptions_goods_idx').on(t.goodsId, t.createdAt),
  ],
);
