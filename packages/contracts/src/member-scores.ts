import { z } from 'zod';
import { Id, Name, PageQuery, pageOf } from './common';
import { CalendarDate } from './party-members';

/** 党员积分 dimensions: 党性修养、宗旨意识、组织观念、先锋形象. */
export const SCORE_DIMENSIONS = ['party_spirit', 'purpose', 'organisation', 'vanguard'] as const;
export const ScoreDimension = z.enum(SCORE_DIMENSIONS);
export type ScoreDimension = z.infer<typeof ScoreDimension>;

/**
 * Items that other modules award automatically; the scoresheet (points, dimension, on/off) is
 * configurable, the codes are what the code refers to.
 */
export const AUTO_SCORE_ITEMS = [
  'session-attendance',
  'session-absence',
  'post-hours',
  'enrolment',
  'wish-fulfilled',
  'request-resolved',
  'study',
  'quiz-passed',
] as const;
export const AutoScoreItem = z.enum(AUTO_SCORE_ITEMS);
export type AutoScoreItem = z.infer<typeof AutoScoreItem>;

/** Where a score entry came from; with `sourceId` every point is traceable. */
export const SCORE_SOURCES = ['org-life-session', 'service-post-claim', 'enrolment', 'wish', 'request', 'study-material', 'quiz-attempt', 'manual'] as const;
export const ScoreSource = z.enum(SCORE_SOURCES);
export type ScoreSource = z.infer<typeof ScoreSource>;

export const SCORE_ENTRY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ScoreEntryStatus = z.enum(SCORE_ENTRY_STATUSES);
export type ScoreEntryStatus = z.infer<typeof ScoreEntryStatus>;

export const ScoreItem = z.object({
  id: Id,
  code: z.string(),
  dimension: ScoreDimension,
  name: z.string(),
  /** Points per occurrence, or per hour for `per: 'hour'`; negative items deduct. */
  points: z.number(),
  per: z.enum(['each', 'hour']),
  auto: z.boolean(),
  active: z.boolean(),
});
export type ScoreItem = z.infer<typeof ScoreItem>;

/** Totals of approved points per dimension. */
export const DimensionTotals = z.object({
  party_spirit: z.number(),
  purpose: z.number(),
  organisation: z.number(),
  vanguard: z.number(),
});
export type DimensionTotals = z.infer<typeof DimensionTotals>;

/** A scoring year (calendar year in China time); absent means the current one. */
export const ScoreYear = z.coerce.number().int().min(2000).max(2100);

export const MemberScoreRankingQuery = PageQuery.extend({
  orgId: Id.optional(),
  year: ScoreYear.optional(),
});
export type MemberScoreRankingQuery = z.infer<typeof MemberScoreRankingQuery>;

/** One line of the yearly ranking (年度积分排名): members with equal totals share a rank. */
export const MemberScoreRank = z.object({
  rank: z.number().int(),
  memberId: Id,
  name: z.string(),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  total: z.number(),
  dimensions: DimensionTotals,
});
export type MemberScoreRank = z.infer<typeof MemberScoreRank>;

export const MemberScoreRanking = pageOf(MemberScoreRank).extend({ year: z.number().int() });
export type MemberScoreRanking = z.infer<typeof MemberScoreRanking>;

export const PersonRef = z.object({ id: Id, name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/** 积分明细: one entry, traceable to its source (an automatic event, or a manual entry with reason, enterer and approver). */
export const ScoreEntry = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  itemId: Id,
  itemCode: z.string(),
  itemName: z.string(),
  dimension: ScoreDimension,
  points: z.number(),
  year: z.number().int(),
  status: ScoreEntryStatus,
  sourceType: ScoreSource,
  sourceId: Id.nullable(),
  /** What the points came from, in words: e.g. 「微心愿：为王阿姨买收音机」. */
  sourceLabel: z.string(),
  reason: z.string(),
  enteredBy: PersonRef.nullable(),
  approvedBy: PersonRef.nullable(),
  /** The signed-in user entered it, so may not approve it. */
  enteredByMe: z.boolean(),
  decidedAt: z.string().nullable(),
  occurredAt: z.string(),
  createdAt: z.string(),
});
export type ScoreEntry = z.infer<typeof ScoreEntry>;

/** One member's year: approved totals, rank in their org, and every entry (newest first). */
export const MemberScoreDetail = z.object({
  memberId: Id,
  name: z.string(),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  year: z.number().int(),
  total: z.number(),
  dimensions: DimensionTotals,
  /** Rank among the members of their org (ties share a rank); null without an org. */
  rank: z.number().int().nullable(),
  rankOf: z.number().int(),
  entries: z.array(ScoreEntry),
});
export type MemberScoreDetail = z.infer<typeof MemberScoreDetail>;

export const MemberScoreYearQuery = z.object({ year: ScoreYear.optional() });

export const ScoreEntryListQuery = PageQuery.extend({
  status: ScoreEntryStatus.optional(),
  memberId: Id.optional(),
  orgId: Id.optional(),
  year: ScoreYear.optional(),
  /** Only manual entries (the approval queue and what was entered by hand). */
  manual: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ScoreEntryListQuery = z.infer<typeof ScoreEntryListQuery>;

const ScorePoints = z.number().multipleOf(0.1).min(-1000).max(1000).refine((n) => n !== 0, { message: 'score_points_zero' });

export const CreateScoreEntry = z.object({
  memberId: Id,
  itemId: Id,
  /** Defaults to the item's points; its sign must match the item's. */
  points: ScorePoints.optional(),
  reason: z.string({ message: '请填写加分或扣分的理由' }).trim().min(1, { message: '请填写加分或扣分的理由' }).max(500),
  occurredOn: CalendarDate,
});
export type CreateScoreEntry = z.infer<typeof CreateScoreEntry>;

export const DecideScoreEntry = z.object({ note: z.string().trim().max(500).optional() });
export type DecideScoreEntry = z.infer<typeof DecideScoreEntry>;

export const CreateScoreItem = z.object({
  name: Name(100),
  dimension: ScoreDimension,
  points: ScorePoints,
  per: z.enum(['each', 'hour']).default('each'),
  active: z.boolean().default(true),
});
export type CreateScoreItem = z.infer<typeof CreateScoreItem>;

export const UpdateScoreItem = z.object({
  name: Name(100).optional(),
  dimension: ScoreDimension.optional(),
  points: ScorePoints.optional(),
  per: z.enum(['each', 'hour']).optional(),
  active: z.boolean().optional(),
});
export type UpdateScoreItem = z.infer<typeof UpdateScoreItem>;
