import { bigint, bigserial, index, uniqueIndex, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only and hash-chained. Rows are inserted unsealed (`seq` null) so that writers never queue
 * on one lock; `audit_log_seal()` then assigns `seq`, `prev_hash` and `hash` in batches under an
 * advisory lock (a job four times a second, and before every read or verification). Triggers refuse
 * UPDATE (except that one sealing step), DELETE and TRUNCATE (see migrations 0001 and 0004).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    seq: bigint('seq', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [uniqueIndex('audit_log_seq_unique').on(t.seq), index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)],
);
