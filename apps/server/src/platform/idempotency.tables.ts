import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per (caller, Idempotency-Key): the first response is stored in the same transaction as
 * the record it created, so a retry gets that response and never a second record.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The user id, or `api:<key id>` for Open311 clients. */
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.scope, t.key] })],
);
