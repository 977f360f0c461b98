import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WishStatus } from '@gridwork/contracts';

/** 微心愿: a small wish of a person in need, claimed and fulfilled by a member or volunteer. */
export const wishes = pgTable(
  'wishes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<WishStatus>().notNull().default('open'),
    placeId: uuid('place_id').notNull(),
    placePath: text('place_path').notNull(),
    beneficiary: text('beneficiary').notNull(),
    residentId: uuid('resident_id'),
    posterUserId: uuid('poster_user_id').notNull(),
    claimantUserId: uuid('claimant_user_id'),
    claimantName: text('claimant_name'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
    fulfilmentNote: text('fulfilment_note'),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('wishes_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.createdAt),
    index('wishes_claim_expiry_idx').on(t.claimExpiresAt).where(sql`${t.status} = 'claimed'`),
  ],
);
