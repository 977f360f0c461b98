import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Keys of third-party Open311 clients; only a SHA-256 of the key is stored. */
export const open311ApiKeys = pgTable('open311_api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters, to recognise a key in lists without storing it. */
  keyPrefix: text('key_prefix').notNull(),
  /** The place the client's requests may land in (its scope). */
  placeId: uuid('place_id').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
