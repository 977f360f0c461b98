import { z } from 'zod';
import { Id, PageQuery } from './common';

/** 微心愿: 待认领 → 已认领 → 已完成 (awaiting confirmation) → 已确认; a lapsed claim returns to open. */
export const WISH_STATUSES = ['open', 'claimed', 'fulfilled', 'confirmed', 'cancelled'] as const;
export const WishStatus = z.enum(WISH_STATUSES);
export type WishStatus = z.infer<typeof WishStatus>;

export const Wish = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  status: WishStatus,
  placeId: Id,
  placeName: z.string(),
  /** The person in need, shown as a surname and a title (e.g. 王阿姨) unless the viewer is staff. */
  beneficiary: z.string(),
  residentId: Id.nullable(),
  postedByMe: z.boolean(),
  claimedByMe: z.boolean(),
  claimantName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  claimExpiresAt: z.string().nullable(),
  fulfilmentNote: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Wish = z.infer<typeof Wish>;

export const CreateWish = z.strictObject({
  title: z.string().trim().min(2).max(40),
  description: z.string().trim().min(5).max(500),
  /** The grid, building or household the wish belongs to; defaults to the poster's own place. */
  placeId: Id.optional(),
  /** A worker posting on behalf of a resident names them. */
  residentId: Id.nullable().optional(),
  beneficiary: z.string().trim().min(1).max(20),
});
export type CreateWish = z.input<typeof CreateWish>;

export const FulfilWish = z.strictObject({ note: z.string().trim().min(2).max(500) });

export const WishListQuery = PageQuery.extend({
  status: WishStatus.optional(),
  placeId: Id.optional(),
  mine: z.enum(['posted', 'claimed']).optional(),
});
export type WishListQuery = z.input<typeof WishListQuery>;

/** How long a claim holds before the wish returns to the wall. */
export const WISH_CLAIM_DAYS = 14;
