import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CouncilItemStatus } from '@gridwork/contracts';

/**
 * 红色议事会议题: one row per major matter. The request's grid path is copied for the data scope;
 * the community is where the council sits.
 */
export const councilAgendaItems = pgTable(
  'council_agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    requestReference: text('request_reference').notNull(),
    communityId: uuid('community_id').notNull(),
    placePath: text('place_path').notNull(),
    title: text('title').notNull(),
    status: text('status').$type<CouncilItemStatus>().notNull().default('proposed'),
    meetingOn: date('meeting_on'),
    decision: text('decision'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('council_agenda_items_request_uq').on(t.requestId),
    index('council_agenda_items_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.createdAt),
  ],
);
