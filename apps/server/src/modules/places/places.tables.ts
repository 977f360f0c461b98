import { sql } from 'drizzle-orm';
import { bigserial, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { GridBoundary, PlaceType } from '@gridwork/contracts';

export const places = pgTable(
  'places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short numeric key used to build `path`. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    parentId: uuid('parent_id').references((): AnyPgColumn => places.id),
    type: text('type').$type<PlaceType>().notNull(),
    name: text('name').notNull(),
    code: text('code').unique(),
    /** Materialized path of seq keys, e.g. `/1/5/23/`: a subtree is one prefix match. */
    path: text('path').notNull().unique(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    boundary: jsonb('boundary').$type<GridBoundary>(),
    minLng: doublePrecision('min_lng'),
    minLat: doublePrecision('min_lat'),
    maxLng: doublePrecision('max_lng'),
    maxLat: doublePrecision('max_lat'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('places_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('places_parent_idx').on(t.parentId, t.sortOrder, t.seq),
    index('places_type_idx').on(t.type),
  ],
);
