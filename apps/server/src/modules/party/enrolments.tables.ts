import { sql } from 'drizzle-orm';
import { bigserial, date, index, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { EnrolmentState, MemberStatus } from '@gridwork/contracts';
import { partyMembers } from './party-members.tables';

/**
 * 在职党员到社区报到: an application by a signed-in user to the community they live in. `placePath`
 * is the community's path (the data scope of the approvers). At most one live (pending or approved)
 * enrolment per user, enforced by a partial unique index so two simultaneous submissions cannot both pass.
 */
export const partyEnrolments = pgTable(
  'party_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    userId: uuid('user_id').notNull(),
    residentId: uuid('resident_id'),
    communityId: uuid('community_id').notNull(),
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    employer: text('employer').notNull(),
    homeOrgName: text('home_org_name').notNull(),
    status: text('status').$type<MemberStatus>().notNull(),
    probationaryOn: date('probationary_on'),
    fullOn: date('full_on'),
    note: text('note'),
    state: text('state').$type<EnrolmentState>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    memberId: uuid('member_id').references(() => partyMembers.id),
    points: numeric('points', { precision: 8, scale: 1, mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('party_enrolments_live_uq').on(t.userId).where(sql`${t.state} <> 'rejected'`),
    index('party_enrolments_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.seq),
    index('party_enrolments_user_idx').on(t.userId, t.seq),
  ],
);
