import { and, asc, count, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { STUDY_ATTACHMENT_MAX_BYTES, type CreateStudyMaterial, type StudyAttachment, type StudyMaterial, type StudyMaterialListQuery, type UpdateStudyMaterial } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { normalisePhoto } from '../../platform/images';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import { ATTACHMENTS_PER_MATERIAL, safeFileName, sniffAttachment } from './learning.rules';
import {
  MATERIAL_TARGETS,
  learningMemberOf,
  orgAncestorIds,
  orgSubtreeIds,
  publishableOrgs,
  reachesMemberCondition,
  roleFor,
  staffScopeCondition,
  targetsOf,
  type LearningMember,
  type Target,
} from './learning.access';
import { studyAttachments, studyMaterialOrgs, studyMaterials, studyRecords } from './learning.tables';
import { partyOrgs } from './party.tables';

type MaterialRow = typeof studyMaterials.$inferSelect;

export interface LearningDeps {
  readonly db: Db;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** 学习资料: publishing to orgs, reading, attachments. Studies and points: learning.studies.ts. */
export function createLearningService({ db }: LearningDeps) {
  async function loadMaterial(tx: Db, id: string): Promise<{ row: MaterialRow; targets: Target[] }> {
    const [row] = await tx.select().from(studyMaterials).where(eq(studyMaterials.id, id));
    if (!row) throw notFound();
    return { row, targets: (await targetsOf(tx, MATERIAL_TARGETS, [id])).get(id) ?? [] };
  }

  async function views(tx: Db, rows: readonly MaterialRow[], member: LearningMember | null, withBody = true): Promise<StudyMaterial[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const targets = await targetsOf(tx, MATERIAL_TARGETS, ids);
    const counts = await tx.select({ materialId: studyRecords.materialId, n: count() }).from(studyRecords).where(inArray(studyRecords.materialId, ids)).groupBy(studyRecords.materialId);
    const attachments = await tx
      .select({ id: studyAttachments.id, materialId: studyAttachments.materialId, fileName: studyAttachments.fileName, contentType: studyAttachments.contentType, byteSize: studyAttachments.byteSize, createdAt: studyAttachments.createdAt })
      .from(studyAttachments)
      .where(inArray(studyAttachments.materialId, ids))
      .orderBy(asc(studyAttachments.createdAt));
    const mine = member
      ? await tx.select({ materialId: studyRecords.materialId, mode: studyRecords.mode, studiedAt: studyRecords.studiedAt }).from(studyRecords).where(and(eq(studyRecords.memberId, member.id), inArray(studyRecords.materialId, ids)))
      : [];
    return rows.map((r) => {
      const my = mine.find((m) => m.materialId === r.id);
      return {
        id: r.id,
        title: r.title,
        body: withBody ? r.body : r.body.slice(0, 120),
        links: r.links,
        attachments: attachments.filter((a) => a.materialId === r.id).map(({ materialId: _m, createdAt, ...a }) => ({ ...a, createdAt: createdAt.toISOString() })),
        orgs: (targets.get(r.id) ?? []).map(({ id, name }) => ({ id, name })),
        studyPoints: r.studyPoints,
        studiedCount: Number(counts.find((c) => c.materialId === r.id)?.n ?? 0),
        myStudy: my ? { mode: my.mode, studiedAt: my.studiedAt.toISOString() } : null,
        createdByName: r.createdByName,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  /** An org named as a filter: in the staff scope, or one that reaches the member; otherwise 404. */
  async function filterOrg(tx: Db, actor: Actor, member: LearningMember | null, orgId: string) {
    const [org] = await tx.select({ id: partyOrgs.id, placePath: partyOrgs.placePath }).from(partyOrgs).where(eq(partyOrgs.id, orgId));
    if (!org) throw notFound();
    if (inScope(scopeOf(actor, 'learning.manage'), org.placePath)) return org;
    if (member?.reachingOrgIds.includes(org.id)) return org;
    throw notFound();
  }

  const auditView = (row: MaterialRow, targets: readonly Target[]) => ({ title: row.title, studyPoints: row.studyPoints, links: row.links.length, orgIds: targets.map((t) => t.id) });

  return {
    async list(actor: Actor, query: z.output<typeof StudyMaterialListQuery>) {
      if (!actor.permissions.has('learning.manage') && !actor.permissions.has('party.self-service')) throw forbidden();
      const member = actor.permissions.has('party.self-service') ? await learningMemberOf(db, actor.userId) : null;
      const id = sql`${studyMaterials.id}`;
      const c: SQL[] = [or(staffScopeCondition(MATERIAL_TARGETS, id, actor), member ? reachesMemberCondition(MATERIAL_TARGETS, id, member) : sql`false`)!];
      if (query.orgId) {
        const org = await filterOrg(db, actor, member, query.orgId);
        // What reaches the org's members: published to it, above it, or to a part of it.
        const related = [...new Set([...(await orgAncestorIds(db, org.id)), ...(await orgSubtreeIds(db, org.id))])];
        c.push(sql`EXISTS (SELECT 1 FROM study_material_orgs t WHERE t.material_id = ${studyMaterials.id} AND t.org_id IN (${sql.join(related.map((o) => sql`${o}::uuid`), sql`, `)}))`);
      }
      if (query.q) c.push(ilike(studyMaterials.title, `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
      if (query.studied && member) {
        const studied = sql`EXISTS (SELECT 1 FROM study_records r WHERE r.material_id = ${studyMaterials.id} AND r.member_id = ${member.id})`;
        c.push(query.studied === 'yes' ? studied : sql`NOT ${studied}`);
      }
      const after = decodeCursor(query.cursor, 1);
      if (after) c.push(lt(studyMaterials.seq, Number(after[0])));
      const rows = await db.select().from(studyMaterials).where(and(...c)).orderBy(desc(studyMaterials.seq)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.seq]);
      return { items: await views(db, page.items, member, false), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<StudyMaterial> {
      const { row, targets } = await loadMaterial(db, id);
      const role = await roleFor(db, actor, targets);
      return (await views(db, [row], role.as === 'member' ? role.member : null))[0]!;
    },

    async create(actor: Actor, input: z.output<typeof CreateStudyMaterial>): Promise<StudyMaterial> {
      if (!actor.permissions.has('learning.manage')) throw forbidden();
      return db.transaction(async (tx) => {
        const orgs = await publishableOrgs(tx, actor, input.orgIds);
        const [row] = await tx
          .insert(studyMaterials)
          .values({ title: input.title, body: input.body, links: input.links, studyPoints: input.studyPoints, createdBy: actor.userId, createdByName: actor.displayName })
          .returning();
        await tx.insert(studyMaterialOrgs).values(orgs.map((o) => ({ materialId: row!.id, orgId: o.id })));
        await writeAudit(tx, auditContextOf(actor), { action: 'study-material.create', entityType: 'study-material', entityId: row!.id, after: auditView(row!, orgs) });
        return (await views(tx, [row!], null))[0]!;
      });
    },

    async update(actor: Actor, id: string, input: z.output<typeof UpdateStudyMaterial>): Promise<StudyMaterial> {
      return db.transaction(async (tx) => {
        const before = await loadMaterial(tx, id);
        await roleFor(tx, actor, before.targets, true);
        let targets = before.targets;
        if (input.orgIds) {
          targets = await publishableOrgs(tx, actor, input.orgIds);
          await tx.delete(studyMaterialOrgs).where(eq(studyMaterialOrgs.materialId, id));
          await tx.insert(studyMaterialOrgs).values(targets.map((o) => ({ materialId: id, orgId: o.id })));
        }
        const [row] = await tx
          .update(studyMaterials)
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.body !== undefined ? { body: input.body } : {}),
            ...(input.links !== undefined ? { links: input.links } : {}),
            ...(input.studyPoints !== undefined ? { studyPoints: input.studyPoints } : {}),
            updatedAt: new Date(),
          })
          .where(eq(studyMaterials.id, id))
          .returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'study-material.update', entityType: 'study-material', entityId: id, before: auditView(before.row, before.targets), after: auditView(row!, targets) });
        return (await views(tx, [row!], null))[0]!;
      });
    },

    async addAttachment(actor: Actor, id: string, bytes: Buffer, uploadedName: string | undefined): Promise<StudyAttachment> {
      return db.transaction(async (tx) => {
        const { targets } = await loadMaterial(tx, id);
        await roleFor(tx, actor, targets, true);
        if (bytes.length > STUDY_ATTACHMENT_MAX_BYTES) throw new AppError(413, 'attachment_too_large', { max: megabytes(STUDY_ATTACHMENT_MAX_BYTES) });
        const sniffed = sniffAttachment(bytes);
        if (!sniffed) throw new AppError(415, 'attachment_type_not_allowed');
        // Pictures are re-encoded like every photo here: no EXIF position leaves with them.
        const data = sniffed.contentType.startsWith('image/') ? (await normalisePhoto(bytes)).data : bytes;
        const [existing] = await tx.select({ n: count() }).from(studyAttachments).where(eq(studyAttachments.materialId, id));
        if (Number(existing?.n ?? 0) >= ATTACHMENTS_PER_MATERIAL) throw conflict('attachment_too_many', { max: ATTACHMENTS_PER_MATERIAL });
        const [row] = await tx
          .insert(studyAttachments)
          .values({ materialId: id, fileName: safeFileName(uploadedName, sniffed), contentType: sniffed.contentType, byteSize: data.length, data, uploadedBy: actor.userId })
          .returning({ id: studyAttachments.id, fileName: studyAttachments.fileName, contentType: studyAttachments.contentType, byteSize: studyAttachments.byteSize, createdAt: studyAttachments.createdAt });
        await writeAudit(tx, auditContextOf(actor), { action: 'study-material.attach', entityType: 'study-material', entityId: id, after: { attachmentId: row!.id, fileName: row!.fileName, byteSize: row!.byteSize } });
        return { ...row!, createdAt: row!.createdAt.toISOString() };
      });
    },

    /** Before reading an upload: whoever may not change the material learns no more than for any other id. */
    async assertWritable(actor: Actor, id: string): Promise<void> {
      const { targets } = await loadMaterial(db, id);
      await roleFor(db, actor, targets, true);
    },

    /** A file for whoever may read its material. */
    async attachment(actor: Actor, id: string, attachmentId: string) {
      const { targets } = await loadMaterial(db, id);
      await roleFor(db, actor, targets);
      const [file] = await db.select().from(studyAttachments).where(and(eq(studyAttachments.id, attachmentId), eq(studyAttachments.materialId, id)));
      if (!file) throw notFound();
      return file;
    },

    async removeAttachment(actor: Actor, id: string, attachmentId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const { targets } = await loadMaterial(tx, id);
        await roleFor(tx, actor, targets, true);
        const removed = await tx.delete(studyAttachments).where(and(eq(studyAttachments.id, attachmentId), eq(studyAttachments.materialId, id))).returning({ fileName: studyAttachments.fileName });
        if (removed.length === 0) throw notFound();
        await writeAudit(tx, auditContextOf(actor), { action: 'study-material.detach', entityType: 'study-material', entityId: id, before: { attachmentId, fileName: removed[0]!.fileName } });
      });
    },

    /** For the studies feature: the material and who the caller is for it. */
    loadMaterial,
    /** Staff check for a place path that holds people's data (a member's). */
    assertMemberInScope(actor: Actor, placePath: string | undefined) {
      assertRecordAccess(actor, placePath, 'learning.manage');
    },
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
