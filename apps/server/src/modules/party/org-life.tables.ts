import { sql } from 'drizzle-orm';
import { bigserial, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SessionAttendanceStatus, FrequencyPeriod, OrgLifeSessionStatus, OrgLifeSessionType } from '@gridwork/contracts';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * 三会一课 · 主题党日: one planned or held session of an org. The data scope is the org's place
 * path, read through a join with party_orgs (so a place move needs no second copy kept current).
 */
export const orgLifeSessions = pgTable(
  'org_life_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    type: text('type').$type<OrgLifeSessionType>().notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => partyOrgs.id),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location'),
    status: text('status').$type<OrgLifeSessionStatus>().notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    minutes: text('minutes'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_life_sessions_org_idx').on(t.orgId, t.startsAt),
    index('org_life_sessions_planned_idx').on(t.startsAt).where(sql`${t.status} = 'planned'`),
  ],
);

/** 应到人员 and their attendance (null until recorded). */
export const orgLifeAttendees = pgTable(
  'org_life_attendees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => orgLifeSessions.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    status: text('status').$type<SessionAttendanceStatus>(),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    /** The session date (China) this attendee was last reminded of: the reminder job's own record. */
    remindedFor: date('reminded_for'),
  },
  (t) => [uniqueIndex('org_life_attendees_uq').on(t.sessionId, t.memberId), index('org_life_attendees_member_idx').on(t.memberId)],
);

/** 补学: what an absent or excused member studied afterwards. */
export const orgLifeMakeUps = pgTable(
  'org_life_make_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => orgLifeSessions.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    studiedOn: date('studied_on').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('org_life_make_ups_uq').on(t.sessionId, t.memberId)],
);

/** Photos of a session, re-encoded without metadata; served only to readers of the session. */
export const orgLifePhotos = pgTable(
  'org_life_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => orgLifeSessions.id),
    uploaderUserId: uuid('uploader_user_id').notNull(),
    mime: text('mime').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    byteSize: integer('byte_size').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('org_life_photos_session_idx').on(t.sessionId, t.createdAt)],
);

/**
 * Required frequencies set at a community, subdistrict or the district; an org follows the setting
 * of its nearest such place (paths resolved through the places service, so moves need no hook),
 * else the built-in default.
 */
export const orgLifeFrequencies = pgTable(
  'org_life_frequencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    placeId: uuid('place_id').notNull(),
    type: text('type').$type<OrgLifeSessionType>().notNull(),
    period: text('period').$type<FrequencyPeriod>().notNull(),
    requiredCount: integer('required_count').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('org_life_frequencies_uq').on(t.placeId, t.type)],
);
