import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { HoursStatus, ServicePostKind, ServicePostStatus } from '@gridwork/contracts';
import { partyMembers } from './party-members.tables';

/**
 * 服务岗位 of a community or grid. `claimedCount` is raised by a conditional UPDATE (`claimed_count <
 * capacity`), so two members racing for the last place cannot both get it; the CHECK backs that up.
 */
export const servicePosts = pgTable(
  'service_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    kind: text('kind').$type<ServicePostKind>().notNull(),
    title: text('title').notNull(),
    description: text('description'),
    capacity: integer('capacity').notNull(),
    claimedCount: integer('claimed_count').notNull().default(0),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status').$type<ServicePostStatus>().notNull().default('open'),
    createdBy: uuid('created_by').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_posts_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.seq),
    check('service_posts_claimed_within_capacity', sql`${t.claimedCount} >= 0 AND ${t.claimedCount} <= ${t.capacity}`),
  ],
);

/** 认领: one per member and post. `placePath` is the post's (the scope of the staff who confirm hours). */
export const servicePostClaims = pgTable(
  'service_post_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    postId: uuid('post_id')
      .notNull()
      .references(() => servicePosts.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    placePath: text('place_path').notNull(),
    claimedBy: uuid('claimed_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('service_post_claims_member_uq').on(t.postId, t.memberId), index('service_post_claims_member_idx').on(t.memberId, t.seq)],
);

/**
 * 服务时长: hours a member logged on a claim, confirmed or rejected by staff. The member-score entry of
 * a confirmation is keyed by this row's id, so confirming can never score twice; `points` keeps what it earned.
 */
export const servicePostHours = pgTable(
  'service_post_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => servicePostClaims.id),
    memberId: uuid('member_id').notNull(),
    placePath: text('place_path').notNull(),
    servedOn: date('served_on').notNull(),
    hours: numeric('hours', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    note: text('note'),
    status: text('status').$type<HoursStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    points: numeric('points', { precision: 8, scale: 1, mode: 'number' }).notNull().default(0),
    loggedBy: uuid('logged_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_post_hours_claim_idx').on(t.claimId, t.servedOn),
    index('service_post_hours_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.status, t.seq),
    check('service_post_hours_range', sql`${t.hours} > 0 AND ${t.hours} <= 24`),
  ],
);
