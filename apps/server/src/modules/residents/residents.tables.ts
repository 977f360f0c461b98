import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Gender, IdType, Relation, ResidenceType, ResidentStatus } from '@gridwork/contracts';

/**
 * Attributes of a household. The household itself is a place (type `household`) in the places
 * module; this row shares its id and copies its path for scope filters.
 */
export const households = pgTable(
  'households',
  {
    placeId: uuid('place_id').primaryKey(),
    placePath: text('place_path').notNull(),
    buildingId: uuid('building_id').notNull(),
    headResidentId: uuid('head_resident_id'),
    registeredAddress: text('registered_address'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('households_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`), index('households_building_idx').on(t.buildingId)],
);

/**
 * One person. ID number, phone and health notes are stored encrypted (`*_enc`), searchable by an
 * HMAC blind index (`*_index`) and shown through a stored mask; age is computed, never stored.
 */
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id'),
    /** The household place, or the grid for people without a household. */
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    /** Unigrams, bigrams and pinyin keys of the name: Chinese names are too short for trigrams. */
    nameTokens: text('name_tokens').array().notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idType: text('id_type').$type<IdType>().notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    phoneMasked: text('phone_masked'),
    relationToHead: text('relation_to_head').$type<Relation>(),
    residenceType: text('residence_type').$type<ResidenceType>().notNull(),
    occupation: text('occupation'),
    employer: text('employer'),
    healthNotesEnc: text('health_notes_enc'),
    notes: text('notes'),
    status: text('status').$type<ResidentStatus>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('residents_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('residents_name_tokens_idx').using('gin', t.nameTokens),
    uniqueIndex('residents_id_number_unique').on(t.idNumberIndex).where(sql`${t.status} <> 'anonymised'`),
    index('residents_phone_idx').on(t.phoneIndex),
    index('residents_household_idx').on(t.householdId),
    index('residents_birth_date_idx').on(t.birthDate),
    index('residents_created_idx').on(t.createdAt, t.id),
    index('residents_name_idx').on(t.name, t.id),
  ],
);

/** Configurable care groups (重点人群). */
export const careGroupTypes = pgTable('care_group_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  hasGrade: boolean('has_grade').notNull().default(false),
  visitIntervalDays: integer('visit_interval_days'),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(100),
});

export const residentCareGroups = pgTable(
  'resident_care_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    code: text('code')
      .notNull()
      .references(() => careGroupTypes.code),
    grade: integer('grade'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    responsibleUserId: uuid('responsible_user_id'),
    placePath: text('place_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resident_care_groups_resident_idx').on(t.residentId),
    index('resident_care_groups_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('resident_care_groups_code_idx').on(t.code),
  ],
);

/** Move-in / move-out history: moving between households keeps it. */
export const residentMoves = pgTable(
  'resident_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    fromHouseholdId: uuid('from_household_id'),
    toHouseholdId: uuid('to_household_id'),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
  },
  (t) => [index('resident_moves_resident_idx').on(t.residentId, t.movedAt)],
);

/** 走访记录 */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    placePath: text('place_path').notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    method: text('method').$type<'home' | 'phone' | 'video' | 'other'>().notNull(),
    visitorId: uuid('visitor_id'),
    visitorName: text('visitor_name').notNull(),
    observations: text('observations').notNull(),
    needsFound: text('needs_found'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('visits_resident_idx').on(t.residentId, t.visitedAt), index('visits_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`)],
);

export const residentImports = pgTable('resident_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
  mode: text('mode').$type<'all-or-nothing' | 'skip-invalid'>().notNull(),
  fileName: text('file_name').notNull(),
  processed: integer('processed').notNull().default(0),
  total: integer('total').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  message: text('message'),
  actorId: uuid('actor_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const residentImportErrors = pgTable(
  'resident_import_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id')
      .notNull()
      .references(() => residentImports.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    column: text('column').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('resident_import_errors_import_idx').on(t.importId, t.rowNumber)],
);

/** A resident's own sign-in account (居民本人): points, sign-ups and redemptions are theirs. */
export const residentAccounts = pgTable('resident_accounts', {
  userId: uuid('user_id').primaryKey(),
  residentId: uuid('resident_id').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
