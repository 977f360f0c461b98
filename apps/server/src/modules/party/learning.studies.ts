import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Leaderboard, LeaderboardQuery, MyStudyPoints, RecordStudy, StudyRecord, StudyRoster } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { auditContextOf, inScope, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { awardMemberScore } from './member-scores.award';
import { learningMemberOf, orgSubtreeIds, reachesMember, requireMember, roleFor, type Target } from './learning.access';
import { earnStudyPoints } from './learning.points';
import type { LearningService } from './learning.service';
import { studyPoints, studyRecords } from './learning.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { rankByPoints } from './quizzes.rules';
import { chinaMidnight } from '../../platform/china-time';

export interface StudiesDeps {
  readonly db: Db;
  readonly learning: LearningService;
}

const whenText = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);

interface MemberLine {
  readonly id: string;
  readonly name: string;
  readonly orgName: string | null;
  readonly type: StudyRoster['notStudied'][number]['type'];
  readonly placePath: string;
}

/** Members of the targets' subtrees (and in-service members enrolled under their places), within a scope. */
async function membersReachedBy(tx: Db, targets: readonly Target[], scopePaths: readonly string[]): Promise<MemberLine[]> {
  const orgIds = new Set<string>();
  for (const t of targets) for (const id of await orgSubtreeIds(tx, t.id)) orgIds.add(id);
  const inOrgs = orgIds.size > 0 ? sql`m.org_id IN (${sql.join([...orgIds].map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`;
  const enrolled = targets.length > 0 ? sql`(m.org_id IS NULL AND (${sql.join(targets.map((t) => sql`m.place_path LIKE ${`${t.placePath}%`}`), sql` OR `)}))` : sql`false`;
  const rows = await queryRows<{ id: string; name: string; org_name: string | null; type: MemberLine['type']; place_path: string }>(
    tx,
    sql`SELECT m.id, m.name, o.name AS org_name, m.type, m.place_path FROM party_members m LEFT JOIN party_orgs o ON o.id = m.org_id
        WHERE (${inOrgs} OR ${enrolled}) AND ${scopeCondition({ paths: scopePaths }, sql`m.place_path`)} ORDER BY m.seq`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name, type: r.type, placePath: r.place_path }));
}

/** 学习记录, 送学上门, 学习积分 and 学习之星. */
export function createStudiesService({ db, learning }: StudiesDeps) {
  function recordView(r: typeof studyRecords.$inferSelect, memberName: string, points: number): StudyRecord {
    return { id: r.id, materialId: r.materialId, memberId: r.memberId, memberName, mode: r.mode, note: r.note, recordedByName: r.recordedByName, studiedAt: r.studiedAt.toISOString(), points };
  }

  return {
    async record(actor: Actor, materialId: string, input: z.output<typeof RecordStudy>, idempotencyKey: string | undefined) {
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'study.record', key: idempotencyKey, fingerprint: fingerprintOf({ materialId, input }) }, async () => {
          const self = await requireMember(tx, actor);
          const { row: material, targets } = await learning.loadMaterial(tx, materialId);
          const role = await roleFor(tx, actor, targets);
          let memberId: string;
          let memberName: string;
          if (input.mode === 'delivered') {
            if (role.as !== 'staff') throw forbidden();
            if (!input.memberId) throw unprocessable('study_member_required');
            if (!input.note) throw unprocessable('study_note_required');
            const [person] = await tx.select({ id: partyMembers.id, name: partyMembers.name, placePath: partyMembers.placePath, userId: partyMembers.userId }).from(partyMembers).where(eq(partyMembers.id, input.memberId));
            learning.assertMemberInScope(actor, person?.placePath);
            const reached = (await membersReachedBy(tx, targets, [person!.placePath])).some((m) => m.id === person!.id);
            if (!reached) throw unprocessable('study_member_not_targeted');
            memberId = person!.id;
            memberName = person!.name;
          } else {
            if (input.memberId && input.memberId !== self?.id) throw unprocessable('study_self_only');
            if (!self) throw new AppError(403, 'not_a_party_member');
            if (role.as === 'staff' && !reachesMember(self, targets)) throw unprocessable('study_member_not_targeted');
            memberId = self.id;
            memberName = self.name;
          }
          const [existing] = await tx.select({ studiedAt: studyRecords.studiedAt }).from(studyRecords).where(and(eq(studyRecords.materialId, materialId), eq(studyRecords.memberId, memberId)));
          if (existing) throw conflict('study_already_recorded', { when: whenText(existing.studiedAt) });
          const now = new Date();
          const [row] = await tx
            .insert(studyRecords)
            .values({ materialId, memberId, mode: input.mode, note: input.note ?? null, recordedBy: actor.userId, recordedByName: actor.displayName, studiedAt: now })
            .returning();
          const reason = `${input.mode === 'delivered' ? '送学上门' : '学习'}《${material.title}》`;
          const points = await earnStudyPoints(tx, { memberId, sourceType: 'study-material', sourceId: materialId, points: material.studyPoints, reason, earnedAt: now });
          await awardMemberScore(tx, { memberId, item: 'study', sourceType: 'study-material', sourceId: materialId, occurredAt: now, reason });
          await writeAudit(tx, auditContextOf(actor), { action: input.mode === 'delivered' ? 'study.deliver' : 'study.record', entityType: 'study-material', entityId: materialId, after: { memberId, mode: input.mode, note: input.note ?? null, points } });
          return { status: 201, body: recordView(row!, memberName, points) };
        }),
      );
    },

    async roster(actor: Actor, materialId: string): Promise<StudyRoster> {
      const { targets } = await learning.loadMaterial(db, materialId);
      const role = await roleFor(db, actor, targets);
      if (role.as !== 'staff') throw forbidden();
      const scope = scopeOf(actor, 'learning.manage');
      const studied = await db
        .select({ record: studyRecords, name: partyMembers.name, points: sql<number>`coalesce((SELECT p.points FROM study_points p WHERE p.member_id = ${studyRecords.memberId} AND p.source_type = 'study-material' AND p.source_id = ${studyRecords.materialId}), 0)` })
        .from(studyRecords)
        .innerJoin(partyMembers, eq(partyMembers.id, studyRecords.memberId))
        .where(and(eq(studyRecords.materialId, materialId), scopeCondition(scope, partyMembers.placePath)))
        .orderBy(desc(studyRecords.studiedAt));
      const done = new Set(studied.map((s) => s.record.memberId));
      const reached = await membersReachedBy(db, targets, scope.paths);
      return {
        studied: studied.map((s) => recordView(s.record, s.name, Number(s.points))),
        notStudied: reached.filter((m) => !done.has(m.id)).map((m) => ({ memberId: m.id, name: m.name, orgName: m.orgName, type: m.type })),
      };
    },

    async myPoints(actor: Actor): Promise<MyStudyPoints> {
      if (!actor.permissions.has('party.self-service')) throw forbidden();
      const member = await learningMemberOf(db, actor.userId);
      if (!member) throw new AppError(403, 'not_a_party_member');
      const rows = await db
        .select({ sourceType: studyPoints.sourceType, sourceId: studyPoints.sourceId, reason: studyPoints.reason, points: studyPoints.points, earnedAt: studyPoints.earnedAt })
        .from(studyPoints)
        .where(eq(studyPoints.memberId, member.id))
        .orderBy(desc(studyPoints.earnedAt))
        .limit(500);
      const [sum] = await db.select({ total: sql<number>`coalesce(sum(${studyPoints.points}), 0)::int` }).from(studyPoints).where(eq(studyPoints.memberId, member.id));
      return { total: Number(sum?.total ?? 0), entries: rows.map((r) => ({ sourceType: r.sourceType, sourceId: r.sourceId, title: r.reason, points: r.points, earnedAt: r.earnedAt.toISOString() })) };
    },

    async leaderboard(actor: Actor, query: z.output<typeof LeaderboardQuery>): Promise<Leaderboard> {
      const staff = actor.permissions.has('learning.manage');
      if (!staff && !actor.permissions.has('party.self-service')) throw forbidden();
      const member = actor.permissions.has('party.self-service') ? await learningMemberOf(db, actor.userId) : null;
      const orgId = query.orgId ?? member?.orgId;
      if (!orgId) {
        if (!staff && !member) throw new AppError(403, 'not_a_party_member');
        throw badRequest('validation_failed');
      }
      const [org] = await db.select({ id: partyOrgs.id, name: partyOrgs.name, placePath: partyOrgs.placePath }).from(partyOrgs).where(eq(partyOrgs.id, orgId));
      if (!org) throw notFound();
      const scope = scopeOf(actor, 'learning.manage');
      const asStaff = inScope(scope, org.placePath);
      if (!asStaff && !member?.reachingOrgIds.includes(org.id)) throw notFound();
      // Members see the whole board of an org above them; staff see the members in their scope.
      const lines = await membersReachedBy(db, [org], asStaff ? scope.paths : [org.placePath]);
      if (query.from && query.to && query.from > query.to) throw badRequest('validation_failed');
      const from = query.from ? chinaMidnight(query.from) : null;
      const to = query.to ? new Date(chinaMidnight(query.to).getTime() + 86_400_000) : null;
      const ids = lines.map((l) => l.id);
      const tally = ids.length === 0 ? [] : await queryRows<{ member_id: string; points: number; studies: number; quizzes: number }>(db, tallyQuery(ids, from, to));
      const byId = new Map(tally.map((t) => [t.member_id, t]));
      const ranked = rankByPoints(
        lines
          .map((l) => ({ memberId: l.id, name: l.name, orgName: l.orgName, points: Number(byId.get(l.id)?.points ?? 0), studies: Number(byId.get(l.id)?.studies ?? 0), quizzesPassed: Number(byId.get(l.id)?.quizzes ?? 0), isMe: l.id === member?.id }))
          .filter((l) => l.points > 0 || l.isMe),
      );
      const me = ranked.find((r) => r.isMe) ?? null;
      return { orgId: org.id, orgName: org.name, from: query.from ?? null, to: query.to ?? null, entries: ranked.filter((r) => r.points > 0).slice(0, query.limit), me };
    },
  };
}

function tallyQuery(memberIds: readonly string[], from: Date | null, to: Date | null) {
  const ids = sql.join(memberIds.map((id) => sql`${id}::uuid`), sql`, `);
  const period = (column: SQL) => sql`${from ? sql`${column} >= ${from.toISOString()}::timestamptz` : sql`true`} AND ${to ? sql`${column} < ${to.toISOString()}::timestamptz` : sql`true`}`;
  return sql`SELECT m.id AS member_id,
      coalesce((SELECT sum(p.points) FROM study_points p WHERE p.member_id = m.id AND ${period(sql`p.earned_at`)}), 0)::int AS points,
      (SELECT count(*) FROM study_records r WHERE r.member_id = m.id AND ${period(sql`r.studied_at`)})::int AS studies,
      (SELECT count(DISTINCT a.quiz_id) FROM quiz_attempts a WHERE a.member_id = m.id AND a.passed AND ${period(sql`a.submitted_at`)})::int AS quizzes
    FROM party_members m WHERE m.id IN (${ids})`;
}

export type StudiesService = ReturnType<typeof createStudiesService>;
