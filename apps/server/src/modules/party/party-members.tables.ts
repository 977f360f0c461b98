import { sql } from 'drizzle-orm';
import { bigserial, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MemberPosition, MemberStatus, MemberType } from '@gridwork/contracts';
import { partyOrgs } from './party.tables';

/**
 * 党员: a member of an org in this tree, or an in-service member whose own org is elsewhere and who
 * enrolled with the community they live in (`orgId` null, `homeOrgName` set). `placePath` is the
 * org's place path (or the enrolled community's), kept current by the party module's place hooks;
 * the data scope filters on it.
 */
export const partyMembers = pgTable(
  'party_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    orgId: uuid('org_id').references(() => partyOrgs.id),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    residentId: uuid('resident_id'),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    gender: text('gender').$type<'male' | 'female'>(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    status: text('status').$type<MemberStatus>().notNull(),
    type: text('type').$type<MemberType>().notNull(),
    position: text('position').$type<MemberPosition>(),
    appliedOn: date('applied_on'),
    activistOn: date('activist_on'),
    candidateOn: date('candidate_on'),
    probationaryOn: date('probationary_on'),
    fullOn: date('full_on'),
    employer: text('employer'),
    homeOrgName: text('home_org_name'),
    mobileWhereabouts: text('mobile_whereabouts'),
    mobileContact: text('mobile_contact'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('party_members_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.seq),
    index('party_members_org_idx').on(t.orgId, t.seq),
    uniqueIndex('party_members_user_uq').on(t.userId),
    uniqueIndex('party_members_resident_uq').on(t.residentId),
  ],
);

/** 组织关系转接: every move between orgs, kept as history. */
export const partyMemberTransfers = pgTable(
  'party_member_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    fromOrgId: uuid('from_org_id'),
    fromOrgName: text('from_org_name'),
    toOrgId: uuid('to_org_id'),
    toOrgName: text('to_org_name').notNull(),
    transferredOn: date('transferred_on').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('party_member_transfers_member_idx').on(t.memberId, t.createdAt)],
);
