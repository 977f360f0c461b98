import { z } from 'zod';
import { Id, PageQuery } from './common';

/** What moved points: 获得 earn, 兑换 spend, 调整 adjust, 过期 expire, 冲正 reverse. */
export const POINTS_ENTRY_KINDS = ['earn', 'spend', 'adjust', 'expire', 'reverse'] as const;
export const PointsEntryKind = z.enum(POINTS_ENTRY_KINDS);
export type PointsEntryKind = z.infer<typeof PointsEntryKind>;

/** One movement on a resident's account, as they and staff see it (signed: + in, − out). */
export const PointsEntry = z.object({
  id: Id,
  kind: PointsEntryKind,
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  /** Where the points came from or went: an event attendance, a redemption, a staff adjustment … */
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  /** For earned points: when what is left of them expires. */
  expiresAt: z.string().nullable(),
  reversesId: Id.nullable(),
  createdAt: z.string(),
});
export type PointsEntry = z.infer<typeof PointsEntry>;

export const PointsAccount = z.object({
  residentId: Id,
  residentName: z.string(),
  balance: z.number().int(),
  /** Points that expire within 30 days. */
  expiringSoon: z.number().int(),
  entries: z.array(PointsEntry),
  nextCursor: z.string().nullable(),
});
export type PointsAccount = z.infer<typeof PointsAccount>;

export const PointsAccountQuery = PageQuery;

/** A staff adjustment (调整): a reason is required; a negative amount may not overdraw. */
export const CreatePointsEntry = z.strictObject({
  residentId: Id,
  amount: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .refine((n) => n !== 0, { message: 'amount must not be 0' }),
  reason: z.string().trim().min(2).max(200),
});
export type CreatePointsEntry = z.input<typeof CreatePointsEntry>;

/** Reverse (冲正) an earlier entry: the exact opposite is posted, once. */
export const ReversePointsEntry = z.strictObject({ reason: z.string().trim().min(2).max(200) });

/** The nightly proof: every balance equals the sum of its postings, every transaction sums to zero. */
export const LedgerCheck = z.object({
  ok: z.boolean(),
  accounts: z.number().int(),
  transactions: z.number().int(),
  mismatchedAccounts: z.array(Id),
  unbalancedTransactions: z.array(Id),
  checkedAt: z.string(),
});
export type LedgerCheck = z.infer<typeof LedgerCheck>;

/** Points expire this many days after they were earned (configurable through GRIDWORK_POINTS_EXPIRY_DAYS). */
export const DEFAULT_POINTS_EXPIRY_DAYS = 730;
