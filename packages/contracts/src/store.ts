import { z } from 'zod';
import { Id, PageQuery } from './common';

/** 爱心超市: a community's goods catalogue, bought with points earned by service. */

/** Points are whole numbers; a price of 0 or below would give goods away through the ledger. */
export const PointsPrice = z.number().int().min(1).max(100_000);
/** A money amount in yuan with at most two decimals (fen), kept as whole fen in the database. */
export const Yuan = z
  .number()
  .min(0)
  .max(100_000_000)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: 'at most two decimals (fen)' });

const GoodsName = z.string().trim().min(1).max(40);
const Category = z.string().trim().min(1).max(20);
const Unit = z.string().trim().min(1).max(10);
const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const StoreGoods = z.object({
  id: Id,
  placeId: Id,
  placeName: z.string(),
  name: z.string(),
  category: z.string(),
  pointsPrice: z.number().int(),
  stock: z.number().int(),
  unit: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoreGoods = z.infer<typeof StoreGoods>;

export const CreateStoreGoods = z.strictObject({
  /** The community whose store this is. */
  placeId: Id,
  name: GoodsName,
  category: Category,
  pointsPrice: PointsPrice,
  /** Opening stock (bought by the community); donations add to it later. */
  stock: z.number().int().min(0).max(1_000_000).default(0),
  unit: Unit,
  active: z.boolean().default(true),
});
export type CreateStoreGoods = z.input<typeof CreateStoreGoods>;

/** Stock is not edited here: it moves only through donations and redemptions, so the report adds up. */
export const UpdateStoreGoods = z
  .strictObject({ name: GoodsName, category: Category, pointsPrice: PointsPrice, unit: Unit, active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateStoreGoods = z.input<typeof UpdateStoreGoods>;

export const StoreGoodsListQuery = PageQuery.extend({
  placeId: Id.optional(),
  category: Category.optional(),
  active: BooleanQuery.optional(),
  /** Part of the name (the counter's search box). */
  q: z.string().trim().min(1).max(40).optional(),
});
export type StoreGoodsListQuery = z.input<typeof StoreGoodsListQuery>;

/** Who gave: a resident, a partner unit (共驻共建单位) or anyone else. */
export const DONOR_TYPES = ['resident', 'partner_unit', 'other'] as const;
export const DonorType = z.enum(DONOR_TYPES);
export type DonorType = z.infer<typeof DonorType>;

export const DONATION_KINDS = ['goods', 'cash'] as const;
export const DonationKind = z.enum(DONATION_KINDS);
export type DonationKind = z.infer<typeof DonationKind>;

export const StoreDonation = z.object({
  id: Id,
  kind: DonationKind,
  placeId: Id,
  placeName: z.string(),
  donorType: DonorType,
  donorName: z.string(),
  goodsId: Id.nullable(),
  goodsName: z.string().nullable(),
  quantity: z.number().int().nullable(),
  /** Goods: the estimated value; cash: the amount. In yuan. */
  value: z.number(),
  purpose: z.string().nullable(),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type StoreDonation = z.infer<typeof StoreDonation>;

const Donor = { donorType: DonorType, donorName: z.string().trim().min(1).max(60), note: z.string().trim().max(200).optional() };

/** A new catalogue entry made for donated goods that are not in the catalogue yet. */
export const NewDonatedGoods = z.strictObject({ name: GoodsName, category: Category, pointsPrice: PointsPrice, unit: Unit });

/** Goods in: adds to stock. Either an existing `goodsId`, or `placeId` + `newGoods`. */
export const CreateGoodsDonation = z
  .strictObject({
    kind: z.literal('goods'),
    ...Donor,
    goodsId: Id.optional(),
    placeId: Id.optional(),
    newGoods: NewDonatedGoods.optional(),
    quantity: z.number().int().min(1).max(100_000),
    estimatedValue: Yuan,
  })
  .refine((v) => (v.goodsId ? !v.newGoods && !v.placeId : !!v.newGoods && !!v.placeId), { message: 'give goodsId, or placeId and newGoods (not both)', path: ['goodsId'] });

/** Cash is recorded only (the money is kept elsewhere); it buys no stock here. */
export const CreateCashDonation = z.strictObject({
  kind: z.literal('cash'),
  ...Donor,
  placeId: Id,
  amount: Yuan.refine((v) => v > 0, { message: 'must be more than 0' }),
  purpose: z.string().trim().min(1).max(200),
});

export const CreateStoreDonation = z.discriminatedUnion('kind', [CreateGoodsDonation, CreateCashDonation]);
export type CreateStoreDonation = z.input<typeof CreateStoreDonation>;

export const StoreDonationListQuery = PageQuery.extend({ placeId: Id.optional(), kind: DonationKind.optional() });
export type StoreDonationListQuery = z.input<typeof StoreDonationListQuery>;

/** 已预约 (stock held, points spent) → 已领取; either may be cancelled (stock back, points refunded). */
export const REDEMPTION_STATUSES = ['reserved', 'picked_up', 'cancelled'] as const;
export const RedemptionStatus = z.enum(REDEMPTION_STATUSES);
export type RedemptionStatus = z.infer<typeof RedemptionStatus>;

export const REDEMPTION_CHANNELS = ['counter', 'mobile'] as const;
export const RedemptionChannel = z.enum(REDEMPTION_CHANNELS);
export type RedemptionChannel = z.infer<typeof RedemptionChannel>;

export const StoreRedemption = z.object({
  id: Id,
  residentId: Id,
  residentName: z.string(),
  goodsId: Id,
  goodsName: z.string(),
  unit: z.string(),
  placeId: Id,
  placeName: z.string(),
  quantity: z.number().int(),
  /** The price per unit when redeemed (later price changes do not touch it). */
  pointsPrice: z.number().int(),
  points: z.number().int(),
  status: RedemptionStatus,
  channel: RedemptionChannel,
  /** The ledger entry that spent the points. */
  pointsEntryId: Id,
  handledByName: z.string().nullable(),
  pickedUpAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});
export type StoreRedemption = z.infer<typeof StoreRedemption>;

export const CreateStoreRedemption = z.strictObject({
  residentId: Id,
  goodsId: Id,
  quantity: z.number().int().min(1).max(99),
});
export type CreateStoreRedemption = z.input<typeof CreateStoreRedemption>;

export const CancelStoreRedemption = z.strictObject({ reason: z.string().trim().min(1).max(200).optional() });
export type CancelStoreRedemption = z.input<typeof CancelStoreRedemption>;

export const StoreRedemptionListQuery = PageQuery.extend({
  residentId: Id.optional(),
  status: RedemptionStatus.optional(),
  placeId: Id.optional(),
});
export type StoreRedemptionListQuery = z.input<typeof StoreRedemptionListQuery>;

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM' });

/** Without a place: every store the reader manages; without a month: the current one (China time). */
export const StoreReportQuery = z.object({ placeId: Id.optional(), month: Month.optional() });
export type StoreReportQuery = z.input<typeof StoreReportQuery>;

export const StoreReportLine = z.object({
  goodsId: Id,
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  /** Donated in the month. */
  quantityIn: z.number().int(),
  /** Redeemed in the month and not cancelled. */
  quantityOut: z.number().int(),
  /** Now (the report is read after the month, the stock is today's). */
  stock: z.number().int(),
  pointsSpent: z.number().int(),
});
export type StoreReportLine = z.infer<typeof StoreReportLine>;

/** 月度报表: goods in and out, stock, points spent, cash donations, for one store and month. */
export const StoreReport = z.object({
  placeId: Id.nullable(),
  placeName: z.string().nullable(),
  month: Month,
  lines: z.array(StoreReportLine),
  totals: z.object({
    quantityIn: z.number().int(),
    quantityOut: z.number().int(),
    stock: z.number().int(),
    pointsSpent: z.number().int(),
    redemptions: z.number().int(),
    goodsDonations: z.number().int(),
    goodsDonationValue: z.number(),
    cashDonations: z.number().int(),
    cashDonationTotal: z.number(),
  }),
});
export type StoreReport = z.infer<typeof StoreReport>;
