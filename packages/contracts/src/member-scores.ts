import { z } from 'zod';
import { Id } from './common';

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
