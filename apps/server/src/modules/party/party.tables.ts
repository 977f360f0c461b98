import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PartyOrgType } from '@gridwork/contracts';

export const partyOrgs = pgTable(
  'party_orgs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    parentId: uuid('parent_id').references((): AnyPgColumn => partyOrgs.id),
    type: text('type').$type<PartyOrgType>().notNull(),
    name: text('name').notNull(),
    isJointCommittee: boolean('is_joint_committee').notNull().default(false),
    branchKind: text('branch_kind').$type<'grid' | 'estate'>(),
    placeId: uuid('place_id').notNull(),
    /** Copy of the served place's path, kept current by the places module's move hook. */
    placePath: text('place_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('party_orgs_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('party_orgs_parent_idx').on(t.parentId, t.seq),
    index('party_orgs_place_idx').on(t.placeId),
  ],
);
