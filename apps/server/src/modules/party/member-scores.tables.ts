import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ScoreDimension, ScoreEntryStatus, ScoreSource } from '@gridwork/contracts';
import { partyMembers } from './party-members.tables';

/** 积分细则: the configurable scoresheet. Auto items are awarded by other features by `code`. */
export const memberScoreItems = pgTable('member_score_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  dimension: text('dimension').$type<ScoreDimension>().notNull(),
  name: text('name').notNull(),
  points: numeric('points', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  per: text('per').$type<'each' | 'hour'>().notNull().default('each'),
  auto: boolean('auto').notNull().default(false),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 积分明细: append-only; a correction is a new entry. Auto entries are unique per member, item and
 * source, so a replayed event never scores twice. Manual entries wait for an approver.
 */
export const memberScoreEntries = pgTable(
  'member_score_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    orgId: uuid('org_id'),
    placePath: text('place_path').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => memberScoreItems.id),
    dimension: text('dimension').$type<ScoreDimension>().notNull(),
    points: numeric('points', { precision: 8, scale: 1, mode: 'number' }).notNull(),
    year: integer('year').notNull(),
    sourceType: text('source_type').$type<ScoreSource>().notNull(),
    sourceId: uuid('source_id'),
    reason: text('reason').notNull(),
    status: text('status').$type<ScoreEntryStatus>().notNull(),
    enteredBy: uuid('entered_by'),
    approvedBy: uuid('approved_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('member_score_entries_source_uq').on(t.memberId, t.itemId, t.sourceType, t.sourceId).where(sql`${t.sourceType} <> 'manual'`),
    index('member_score_entries_member_idx').on(t.memberId, t.year),
    index('member_score_entries_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.year),
  ],
);
