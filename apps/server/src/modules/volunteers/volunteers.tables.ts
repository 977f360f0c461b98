import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** 志愿者: one row per register entry; the resident's place path is copied for the data scope. */
export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id').notNull(),
    name: text('name').notNull(),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    availability: text('availability'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('volunteers_resident_uq').on(t.residentId), index('volunteers_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.createdAt)],
);

/** 服务队, tagged with a service colour; serves a community or a grid. */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    colour: text('colour').notNull(),
    description: text('description'),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    leaderResidentId: uuid('leader_resident_id'),
    leaderName: text('leader_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteer_teams_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`)],
);

export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => volunteerTeams.id, { onDelete: 'cascade' }),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.volunteerId] }), index('volunteer_team_members_volunteer_idx').on(t.volunteerId)],
);
