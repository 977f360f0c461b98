import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Permission, CreateScoreEntry, CreateScoreItem, MemberScoreDetail, MemberScoreRanking, MemberScoreRankingQuery, ScoreEntry, ScoreEntryListQuery, ScoreItem, UpdateScoreItem } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { users } from '../../platform/identity/identity.tables';
import type { NotificationsService } from '../../platform/notifications.service';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import { awardMemberScore, memberIdOfUser, retractMemberScore, type ScoreAward } from './member-scores.award';
import { rankMembers } from './member-scores.ranking';
import { scoreYearOf, signMatches, sourceLabelOf, totalsOf } from './member-scores.rules';
import { memberScoreEntries, memberScoreItems } from './member-scores.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { chinaMidnight } from '../../platform/china-time';

type ItemRow = typeof memberScoreItems.$inferSelect;
type EntryRow = typeof memberScoreEntries.$inferSelect;

export interface MemberScoresDeps {
  readonly db: Db;
  readonly notifications: NotificationsService;
}

/** The scoresheet is no secret: whoever scores, enters, approves or is scored may read it. */
const ITEM_READERS: readonly Permission[] = ['member-score.read', 'member-score.configure', 'member-score.enter', 'party.self-service'];

const STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const;

const toItem = (r: ItemRow): ScoreItem => ({ id: r.id, code: r.code, dimension: r.dimension, name: r.name, points: r.points, per: r.per, auto: r.auto, active: r.active });

const enterer = alias(users, 'score_enterer');
const approver = alias(users, 'score_approver');

/** 党员积分: the scoresheet, automatic and manual entries, approval, yearly ranking and export. */
export function createMemberScoresService({ db, notifications }: MemberScoresDeps) {
  const currentYear = () => scoreYearOf(new Date());

  /** Entries with their item, member and the people who entered and decided them. */
  async function entryViews(tx: Db, actor: Actor, where: SQL, options: { limit?: number } = {}): Promise<(ScoreEntry & { cursorKey: [string, string] })[]> {
    const query = tx
      .select({ e: memberScoreEntries, itemCode: memberScoreItems.code, itemName: memberScoreItems.name, memberName: partyMembers.name, entererName: enterer.displayName, approverName: approver.displayName })
      .from(memberScoreEntries)
      .innerJoin(memberScoreItems, eq(memberScoreItems.id, memberScoreEntries.itemId))
      .innerJoin(partyMembers, eq(partyMembers.id, memberScoreEntries.memberId))
      .leftJoin(enterer, eq(enterer.id, memberScoreEntries.enteredBy))
      .leftJoin(approver, eq(approver.id, memberScoreEntries.approvedBy))
      .where(where)
      .orderBy(desc(memberScoreEntries.createdAt), desc(memberScoreEntries.id));
    const rows = options.limit ? await query.limit(options.limit) : await query;
    return rows.map(({ e, itemCode, itemName, memberName, entererName, approverName }) => ({
      id: e.id,
      memberId: e.memberId,
      memberName,
      itemId: e.itemId,
      itemCode,
      itemName,
      dimension: e.dimension,
      points: e.points,
      year: e.year,
      status: e.status,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      sourceLabel: sourceLabelOf(e.sourceType, e.reason),
      reason: e.reason,
      enteredBy: e.enteredBy ? { id: e.enteredBy, name: entererName ?? '' } : null,
      approvedBy: e.approvedBy ? { id: e.approvedBy, name: approverName ?? '' } : null,
      enteredByMe: e.enteredBy === actor.userId,
      decidedAt: e.decidedAt?.toISOString() ?? null,
      occurredAt: e.occurredAt.toISOString(),
      createdAt: e.createdAt.toISOString(),
      cursorKey: [e.createdAt.toISOString(), e.id],
    }));
  }

  const stripKey = ({ cursorKey: _key, ...entry }: ScoreEntry & { cursorKey: unknown }): ScoreEntry => entry;

  async function findMember(tx: Db, id: string) {
    const [member] = await tx.select().from(partyMembers).where(eq(partyMembers.id, id));
    return member;
  }

  /** An org filter outside the read scope answers 404, like a record. */
  async function readableOrg(tx: Db, actor: Actor, orgId: string) {
    const [org] = await tx.select({ id: partyOrgs.id, placePath: partyOrgs.placePath }).from(partyOrgs).where(eq(partyOrgs.id, orgId));
    assertRecordAccess(actor, org?.placePath, 'member-score.read');
    return org!;
  }

  async function detailOf(tx: Db, actor: Actor, member: typeof partyMembers.$inferSelect, year: number): Promise<MemberScoreDetail> {
    const entries = (await entryViews(tx, actor, and(eq(memberScoreEntries.memberId, member.id), eq(memberScoreEntries.year, year))!)).map(stripKey);
    entries.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.createdAt.localeCompare(a.createdAt));
    const { total, dimensions } = totalsOf(entries);
    let orgName: string | null = null;
    let rank: number | null = null;
    let rankOf = 0;
    if (member.orgId) {
      const [org] = await tx.select({ id: partyOrgs.id, name: partyOrgs.name, placePath: partyOrgs.placePath }).from(partyOrgs).where(eq(partyOrgs.id, member.orgId));
      if (org) {
        orgName = org.name;
        // Self-service too: only the member's own rank and the org's size leave this function.
        const [mine] = await rankMembers(tx, { year, org, scope: null, memberId: member.id });
        rank = mine?.rank ?? null;
        rankOf = mine?.members ?? 0;
      }
    }
    return { memberId: member.id, name: member.name, orgId: member.orgId, orgName, year, total, dimensions, rank, rankOf, entries };
  }

  async function rankingOf(actor: Actor, query: z.output<typeof MemberScoreRankingQuery>): Promise<MemberScoreRanking> {
    requirePermission(actor, 'member-score.read');
    const year = query.year ?? currentYear();
    const org = query.orgId ? await readableOrg(db, actor, query.orgId) : null;
    const after = decodeCursor(query.cursor, 2);
    const rows = await rankMembers(db, { year, org, scope: scopeOf(actor, 'member-score.read'), after: after ? { total: Number(after[0]), seq: Number(after[1]) } : undefined, limit: query.limit + 1 });
    const page = pageFrom(rows, query.limit, (r) => [r.total, r.seq]);
    return { year, items: page.items.map(({ seq: _seq, members: _members, ...rank }) => rank), nextCursor: page.nextCursor, total: rows[0]?.members ?? 0 };
  }

  async function itemById(tx: Db, id: string) {
    const [item] = await tx.select().from(memberScoreItems).where(eq(memberScoreItems.id, id));
    return item;
  }

  return {
    ranking: rankingOf,

    /** Self-service: my year, my rank in my org. */
    async mine(actor: Actor, year: number | undefined): Promise<MemberScoreDetail> {
      requirePermission(actor, 'party.self-service');
      const memberId = await memberIdOfUser(db, actor.userId);
      if (!memberId) throw new AppError(404, 'score_not_member');
      return detailOf(db, actor, (await findMember(db, memberId))!, year ?? currentYear());
    },

    /** One member's year, every entry traceable: staff in scope, or the member themself. */
    async ofMember(actor: Actor, memberId: string, year: number | undefined): Promise<MemberScoreDetail> {
      const member = await findMember(db, memberId);
      if (!member || member.userId !== actor.userId) assertRecordAccess(actor, member?.placePath, 'member-score.read');
      return detailOf(db, actor, member!, year ?? currentYear());
    },

    async listEntries(actor: Actor, query: z.output<typeof ScoreEntryListQuery>) {
      requirePermission(actor, 'member-score.read');
      const c: SQL[] = [scopeCondition(scopeOf(actor, 'member-score.read'), memberScoreEntries.placePath)];
      if (query.memberId) {
        assertRecordAccess(actor, (await findMember(db, query.memberId))?.placePath, 'member-score.read');
        c.push(eq(memberScoreEntries.memberId, query.memberId));
      }
      if (query.orgId) {
        const org = await readableOrg(db, actor, query.orgId);
        c.push(sql`${memberScoreEntries.placePath} LIKE ${`${org.placePath.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);
      }
      if (query.status) c.push(eq(memberScoreEntries.status, query.status));
      if (query.year) c.push(eq(memberScoreEntries.year, query.year));
      if (query.manual !== undefined) c.push(query.manual ? eq(memberScoreEntries.sourceType, 'manual') : sql`${memberScoreEntries.sourceType} <> 'manual'`);
      const after = decodeCursor(query.cursor, 2)?.map(String);
      if (after) c.push(olderThan([memberScoreEntries.createdAt, memberScoreEntries.id], [new Date(after[0]!), after[1]!]));
      const rows = await entryViews(db, actor, and(...c)!, { limit: query.limit + 1 });
      const page = pageFrom(rows, query.limit, (r) => r.cursorKey);
      return { items: page.items.map(stripKey), nextCursor: page.nextCursor };
    },

    /** 人工录入: waits for another person's approval; the reason is required (the schema refuses a blank one). */
    async createEntry(actor: Actor, input: z.output<typeof CreateScoreEntry>, idempotencyKey: string | undefined) {
      requirePermission(actor, 'member-score.enter');
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'member-score-entry.create', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const member = await findMember(tx, input.memberId);
          assertRecordAccess(actor, member?.placePath, 'member-score.read', 'member-score.enter');
          const item = await itemById(tx, input.itemId);
          if (!item) throw notFound();
          if (!item.active) throw unprocessable('score_item_inactive', { item: item.name });
          const points = input.points ?? item.points;
          if (!signMatches(item.points, points)) {
            const kind = item.points > 0 ? { 'zh-CN': '加分', 'en-US': 'bonus' } : { 'zh-CN': '扣分', 'en-US': 'deduction' };
            throw unprocessable('score_points_sign_mismatch', { item: item.name, kind: kind[actor.locale] });
          }
          const occurredAt = chinaMidnight(input.occurredOn);
          if (occurredAt.getTime() > Date.now()) throw unprocessable('score_occurred_in_future');
          const [row] = await tx
            .insert(memberScoreEntries)
            .values({
              memberId: member!.id,
              orgId: member!.orgId,
              placePath: member!.placePath,
              itemId: item.id,
              dimension: item.dimension,
              points,
              year: Number(input.occurredOn.slice(0, 4)),
              sourceType: 'manual',
              sourceId: null,
              reason: input.reason,
              status: 'pending',
              enteredBy: actor.userId,
              occurredAt,
            })
            .returning();
          await writeAudit(tx, auditContextOf(actor), { action: 'member-score.enter', entityType: 'member-score-entry', entityId: row!.id, after: { memberId: member!.id, item: item.code, points, reason: input.reason } });
          const [view] = await entryViews(tx, actor, eq(memberScoreEntries.id, row!.id));
          return { status: 201, body: stripKey(view!) };
        }),
      );
    },

    /** 审核: by someone other than the person who entered it, once; the enterer is told. */
    async decide(actor: Actor, id: string, decision: 'approve' | 'reject', note: string | undefined): Promise<ScoreEntry> {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(memberScoreEntries).where(eq(memberScoreEntries.id, id)).for('update');
        assertRecordAccess(actor, row?.placePath, 'member-score.read', 'member-score.approve');
        const entry: EntryRow = row!;
        if (entry.status !== 'pending') throw conflict('score_entry_decided', { status: STATUS_LABELS[entry.status] });
        if (entry.enteredBy === actor.userId) throw new AppError(403, 'score_self_approval');
        const status = decision === 'approve' ? 'approved' : 'rejected';
        const now = new Date();
        await tx.update(memberScoreEntries).set({ status, approvedBy: actor.userId, decidedAt: now }).where(eq(memberScoreEntries.id, id));
        await writeAudit(tx, auditContextOf(actor), { action: `member-score.${decision}`, entityType: 'member-score-entry', entityId: id, before: { status: entry.status }, after: { status, note: note ?? null } });
        const [view] = await entryViews(tx, actor, eq(memberScoreEntries.id, id));
        if (entry.enteredBy) {
          const points = `${view!.points > 0 ? '+' : ''}${view!.points}`;
          await notifications.send(tx, [
            {
              userId: entry.enteredBy,
              kind: 'score-entry-decided',
              title: `积分录入${STATUS_LABELS[status]}：${view!.memberName} ${points} 分`,
              body: [`${view!.itemName}：${entry.reason}`, note ? `审核意见：${note}` : null].filter(Boolean).join('；'),
              link: '/party/scores/entries',
              dedupeKey: `score-entry-decided:${id}`,
            },
          ]);
        }
        return stripKey(view!);
      });
    },

    async items(actor: Actor): Promise<ScoreItem[]> {
      if (!ITEM_READERS.some((p) => actor.permissions.has(p))) throw forbidden();
      const rows = await db.select().from(memberScoreItems).orderBy(asc(memberScoreItems.sortOrder), asc(memberScoreItems.createdAt));
      return rows.map(toItem);
    },

    /** A new manual item of the scoresheet (automatic items come with the code that awards them). */
    async createItem(actor: Actor, input: z.output<typeof CreateScoreItem>): Promise<ScoreItem> {
      requirePermission(actor, 'member-score.configure');
      return db.transaction(async (tx) => {
        const [last] = await tx.select({ sortOrder: sql<number>`coalesce(max(${memberScoreItems.sortOrder}), 0)::int` }).from(memberScoreItems);
        const [row] = await tx
          .insert(memberScoreItems)
          .values({ code: `manual-${randomUUID().slice(0, 8)}`, name: input.name, dimension: input.dimension, points: input.points, per: input.per, active: input.active, auto: false, sortOrder: Number(last?.sortOrder ?? 0) + 10 })
          .returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'member-score-item.create', entityType: 'member-score-item', entityId: row!.id, after: toItem(row!) });
        return toItem(row!);
      });
    },

    /** Changes apply to points awarded from now on: entries keep the points they were given. */
    async updateItem(actor: Actor, id: string, input: z.output<typeof UpdateScoreItem>): Promise<ScoreItem> {
      requirePermission(actor, 'member-score.configure');
      return db.transaction(async (tx) => {
        const before = await itemById(tx, id);
        if (!before) throw notFound();
        if (before.auto && input.per !== undefined && input.per !== before.per) throw unprocessable('score_item_per_fixed');
        const [row] = await tx
          .update(memberScoreItems)
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.dimension !== undefined ? { dimension: input.dimension } : {}),
            ...(input.points !== undefined ? { points: input.points } : {}),
            ...(input.per !== undefined ? { per: input.per } : {}),
            ...(input.active !== undefined ? { active: input.active } : {}),
            updatedAt: new Date(),
          })
          .where(eq(memberScoreItems.id, id))
          .returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'member-score-item.update', entityType: 'member-score-item', entityId: id, before: toItem(before), after: toItem(row!) });
        return toItem(row!);
      });
    },

    /** Every line of the ranking for the export (the same scope and filter as the list). */
    async rankingForExport(actor: Actor, query: { orgId?: string; year?: number }) {
      const lines: MemberScoreRanking['items'] = [];
      let cursor: string | undefined;
      let year = query.year ?? currentYear();
      do {
        const page = await rankingOf(actor, { ...query, limit: 200, cursor });
        year = page.year;
        lines.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      await writeAudit(db, auditContextOf(actor), { action: 'member-score.export', entityType: 'member-score', after: { orgId: query.orgId ?? null, year, rows: lines.length } });
      return { year, lines };
    },

    /** For other modules' events: scores a user who is a party member; does nothing for anyone else. */
    async awardToUser(tx: Db, userId: string, award: Omit<ScoreAward, 'memberId'>): Promise<number> {
      const memberId = await memberIdOfUser(tx, userId);
      return memberId ? awardMemberScore(tx, { ...award, memberId }) : 0;
    },

    /** Takes back what `awardToUser` gave when its cause is undone (a request reopened). */
    async retractFromUser(tx: Db, userId: string, award: Pick<ScoreAward, 'item' | 'sourceType' | 'sourceId'>): Promise<void> {
      const memberId = await memberIdOfUser(tx, userId);
      if (memberId) await retractMemberScore(tx, { ...award, memberId });
    },
  };
}

export type MemberScoresService = ReturnType<typeof createMemberScoresService>;

/** What the wishes and requests services need: scoring a user's deeds, if they are a party member. */
export type MemberScoreAwards = Pick<MemberScoresService, 'awardToUser' | 'retractFromUser'>;
