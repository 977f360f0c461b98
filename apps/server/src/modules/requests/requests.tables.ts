import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DueState, RequestChannel, RequestEventKind, RequestStatus, SlaHours, Triage, Urgency } from '@gridwork/contracts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** The configurable category tree; SLA hours per urgency decide the deadline at assignment. */
export const requestCategories = pgTable('request_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  parentId: uuid('parent_id'),
  name: text('name').notNull(),
  defaultTriage: text('default_triage').$type<Triage>().notNull(),
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  slaHours: jsonb('sla_hours').$type<SlaHours>().notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One service request (诉求), kept like a register row (台账): owner, deadline, status, follow-up.
 * `place_path` is the grid's path (the data scope); `responsible_path` moves up on escalation.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    categoryId: uuid('category_id').notNull(),
    categoryCode: text('category_code').notNull(),
    triage: text('triage').$type<Triage>().notNull(),
    triageConfirmed: boolean('triage_confirmed').notNull().default(false),
    channel: text('channel').$type<RequestChannel>().notNull(),
    urgency: text('urgency').$type<Urgency>().notNull(),
    status: text('status').$type<RequestStatus>().notNull(),
    description: text('description').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    address: text('address'),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    /** The building or household named at intake, if any. */
    subjectPlaceId: uuid('subject_place_id'),
    responsiblePlaceId: uuid('responsible_place_id').notNull(),
    responsiblePath: text('responsible_path').notNull(),
    escalationLevel: integer('escalation_level').notNull().default(0),
    residentId: uuid('resident_id'),
    reporterUserId: uuid('reporter_user_id'),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    contactPhoneMasked: text('contact_phone_masked'),
    anonymous: boolean('anonymous').notNull().default(false),
    publicConsent: boolean('public_consent').notNull().default(true),
    ownerUserId: uuid('owner_user_id'),
    ownerName: text('owner_name'),
    ownerUnit: text('owner_unit'),
    deadline: timestamp('deadline', { withTimezone: true }),
    dueState: text('due_state').$type<DueState>().notNull().default('none'),
    result: text('result'),
    satisfaction: integer('satisfaction'),
    followUpComment: text('follow_up_comment'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedOnTime: boolean('resolved_on_time'),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Open311 clients poll a token until the id is known. */
    open311Token: text('open311_token').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Ascending indexes, read backwards for the newest-first register: `ORDER BY … DESC` means NULLS
  // FIRST, which a `DESC NULLS LAST` index cannot serve.
  (t) => [
    index('service_requests_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.createdAt, t.id),
    index('service_requests_created_idx').on(t.createdAt, t.id),
    // Work still to do is a small share of a large register: inboxes and "open only" filters read this.
    // The status is in the key so that a filter on some open statuses is checked in the index
    // (an index-only scan) instead of on each row.
    index('service_requests_open_idx')
      .using('btree', sql`${t.placePath} text_pattern_ops`, t.createdAt, t.id, t.status)
      .where(sql`${t.status} IN ('submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'followed_up')`),
    index('service_requests_owner_idx').on(t.ownerUserId, t.createdAt, t.id).where(sql`${t.ownerUserId} IS NOT NULL`),
    index('service_requests_reporter_idx').on(t.reporterUserId, t.createdAt, t.id).where(sql`${t.reporterUserId} IS NOT NULL`),
    // The deadline sweep only ever looks at open work with a deadline that is not yet overdue; by
    // due state first, so the rows already marked due soon are not read again every minute.
    index('service_requests_due_idx').on(t.dueState, t.deadline).where(sql`${t.status} IN ('accepted', 'assigned', 'in_progress') AND ${t.deadline} IS NOT NULL AND ${t.dueState} <> 'overdue'`),
    index('service_requests_nearby_idx').on(t.categoryCode, t.lat, t.lng).where(sql`${t.lat} IS NOT NULL AND ${t.status} NOT IN ('closed', 'rejected')`),
    index('service_requests_follow_up_idx').on(t.resolvedAt).where(sql`${t.status} = 'resolved'`),
  ],
);

/** The history of a request: every transition and system step, with who and when. Append-only. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind').$type<RequestEventKind>().notNull(),
    fromStatus: text('from_status').$type<RequestStatus>(),
    toStatus: text('to_status').$type<RequestStatus>(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_events_request_idx').on(t.requestId, t.at)],
);

/**
 * Photos, re-encoded without metadata. A staged photo (no request yet) is visible only to its
 * uploader; once attached it carries the request's path for the scope check.
 */
export const requestPhotos = pgTable(
  'request_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id'),
    eventId: uuid('event_id'),
    placePath: text('place_path'),
    uploaderUserId: uuid('uploader_user_id').notNull(),
    kind: text('kind').$type<'report' | 'progress' | 'result'>().notNull().default('report'),
    mime: text('mime').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    byteSize: integer('byte_size').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_photos_request_idx').on(t.requestId), index('request_photos_staged_idx').on(t.uploaderUserId).where(sql`${t.requestId} IS NULL`)],
);

const statFigures = {
  received: integer('received').notNull().default(0),
  resolved: integer('resolved').notNull().default(0),
  resolvedOnTime: integer('resolved_on_time').notNull().default(0),
  handlingSeconds: bigint('handling_seconds', { mode: 'number' }).notNull().default(0),
  followedUp: integer('followed_up').notNull().default(0),
  satisfactionSum: integer('satisfaction_sum').notNull().default(0),
  /** Net change of open requests (+1 received, −1 closed or rejected); summed over all days. */
  openDelta: integer('open_delta').notNull().default(0),
  overdueDelta: integer('overdue_delta').notNull().default(0),
};

/**
 * Changes to the statistics, appended by every transaction that changes a figure (no hot rows,
 * so intake never waits on a counter); a job folds them into `request_stats`.
 */
export const requestStatDeltas = pgTable('request_stat_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  placePath: text('place_path').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  categoryCode: text('category_code').notNull(),
  triage: text('triage').$type<Triage>().notNull(),
  ...statFigures,
});

/** The rollup the statistics read: one row per grid, day, category and triage. */
export const requestStats = pgTable(
  'request_stats',
  {
    placePath: text('place_path').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    categoryCode: text('category_code').notNull(),
    triage: text('triage').$type<Triage>().notNull(),
    ...statFigures,
  },
  (t) => [primaryKey({ columns: [t.placePath, t.day, t.categoryCode, t.triage] }), index('request_stats_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.day)],
);

/** People who chose to follow a request someone else raised (FixMyStreet's "follow it instead"). */
export const requestFollowers = pgTable(
  'request_followers',
  {
    requestId: uuid('request_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.userId] }), index('request_followers_user_idx').on(t.userId, t.createdAt)],
);
