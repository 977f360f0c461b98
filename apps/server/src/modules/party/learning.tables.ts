import { bigserial, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { StudyLink, StudyMode, StudyPointSource } from '@gridwork/contracts';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * 学习资料. It carries no place path of its own: its reach is its target orgs (`study_material_orgs`),
 * whose place paths the party module keeps current, so scope checks join through them.
 */
export const studyMaterials = pgTable('study_materials', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  links: jsonb('links').$type<StudyLink[]>().notNull().default([]),
  studyPoints: integer('study_points').notNull(),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const studyMaterialOrgs = pgTable(
  'study_material_orgs',
  {
    materialId: uuid('material_id')
      .notNull()
      .references(() => studyMaterials.id, { onDelete: 'cascade' }),
    // Deleting an (empty, leaf) org just narrows the reach of what was published to it.
    orgId: uuid('org_id')
      .notNull()
      .references(() => partyOrgs.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.materialId, t.orgId] }), index('study_material_orgs_org_idx').on(t.orgId)],
);

export const studyAttachments = pgTable(
  'study_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => studyMaterials.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('study_attachments_material_idx').on(t.materialId, t.createdAt)],
);

/** 学习记录: once per member and material, by the member (自学) or by staff (送学上门). */
export const studyRecords = pgTable(
  'study_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => studyMaterials.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    mode: text('mode').$type<StudyMode>().notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedByName: text('recorded_by_name'),
    studiedAt: timestamp('studied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('study_records_member_material_uq').on(t.materialId, t.memberId), index('study_records_member_idx').on(t.memberId, t.studiedAt)],
);

/**
 * 学习积分: append-only, one row per member and source (a studied material, a passed quiz), so a
 * replay or a best-of retake never earns twice and every point names where it came from.
 */
export const studyPoints = pgTable(
  'study_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    sourceType: text('source_type').$type<StudyPointSource>().notNull(),
    sourceId: uuid('source_id').notNull(),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    earnedAt: timestamp('earned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('study_points_source_uq').on(t.memberId, t.sourceType, t.sourceId), index('study_points_earned_idx').on(t.earnedAt, t.memberId)],
);
