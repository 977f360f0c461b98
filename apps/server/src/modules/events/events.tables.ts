import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AttendanceStatus, EventType, SignupStatus } from '@gridwork/contracts';

/** 活动. Stored status is draft / published / cancelled; "finished" is derived from the end time. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    type: text('type').$type<EventType>().notNull(),
    colour: text('colour').notNull(),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    address: text('address'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    signupOpensAt: timestamp('signup_opens_at', { withTimezone: true }).notNull(),
    signupClosesAt: timestamp('signup_closes_at', { withTimezone: true }).notNull(),
    pointsPerHour: integer('points_per_hour').notNull(),
    description: text('description'),
    status: text('status').$type<'draft' | 'published' | 'cancelled'>().notNull(),
    /** Seed of the rotating check-in code (never shown; the code is an HMAC of it and the time window). */
    checkInSecret: text('check_in_secret').notNull(),
    organiserUserId: uuid('organiser_user_id').notNull(),
    organiserName: text('organiser_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.startsAt), index('events_starts_idx').on(t.startsAt), check('events_time_order', sql`${t.endsAt} > ${t.startsAt}`)],
);

/** 报名. At most one live sign-up per person and event; a waitlisted one has a position. */
export const eventSignups = pgTable(
  'event_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id').notNull(),
    residentName: text('resident_name').notNull(),
    placePath: text('place_path').notNull(),
    status: text('status').$type<SignupStatus>().notNull(),
    position: integer('position'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_signups_live_uq').on(t.eventId, t.residentId).where(sql`${t.status} <> 'cancelled'`),
    index('event_signups_resident_idx').on(t.residentId),
    index('event_signups_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
  ],
);

/** 签到/签退: hours are kept as half hours (clipped to the event's time) so sums stay exact. */
export const eventAttendances = pgTable(
  'event_attendances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    signupId: uuid('signup_id').notNull(),
    residentId: uuid('resident_id').notNull(),
    residentName: text('resident_name').notNull(),
    placePath: text('place_path').notNull(),
    status: text('status').$type<AttendanceStatus>().notNull(),
    checkInAt: timestamp('check_in_at', { withTimezone: true }).notNull(),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    /** The counted interval: check-in and check-out clipped to the event's start and end. */
    countedFrom: timestamp('counted_from', { withTimezone: true }),
    countedTo: timestamp('counted_to', { withTimezone: true }),
    halfHours: integer('half_hours'),
    points: integer('points'),
    pointsEntryId: uuid('points_entry_id'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_attendances_event_resident_uq').on(t.eventId, t.residentId),
    index('event_attendances_resident_idx').on(t.residentId, t.countedFrom),
    index('event_attendances_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
  ],
);

/** 菜单式讲堂: topics residents propose; `votes` is kept on the row so the list sorts by it with a keyset. */
export const lectureTopics = pgTable(
  'lecture_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    proposerUserId: uuid('proposer_user_id').notNull(),
    proposerName: text('proposer_name').notNull(),
    votes: integer('votes').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lecture_topics_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.votes)],
);

export const lectureVotes = pgTable(
  'lecture_votes',
  {
    topicId: uuid('topic_id')
      .notNull()
      .references(() => lectureTopics.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.userId] })],
);
