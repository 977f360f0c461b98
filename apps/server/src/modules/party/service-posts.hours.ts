import { and, desc, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { LogHours, ServiceHours, ServiceHoursEntry, ServiceHoursListQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, scopeCondition, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import type { NotificationsService } from '../../platform/notifications.service';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import { awardMemberScore } from './member-scores.award';
import { partyMembers } from './party-members.tables';
import { hoursView, placeFilterPath, under, validHours } from './service-posts.rules';
import { postVisibilityOf } from './service-posts.service';
import { servicePostClaims, servicePostHours, servicePosts } from './service-posts.tables';
import { chinaDay, chinaNoon } from '../../platform/china-time';

type HoursRow = typeof servicePostHours.$inferSelect;

export interface ServiceHoursDeps {
  readonly db: Db;
  readonly places: PlacesService;
  readonly notifications: NotificationsService;
}


/** 服务时长: members log hours on their claims; staff confirm (scoring `post-hours`) or reject them. */
export function createServiceHoursService({ db, places, notifications }: ServiceHoursDeps) {
  /** An hours row for a decision, locked; out of the reader's scope 404, readable but not manageable 403. */
  async function pendingForDecision(tx: Db, actor: Actor, id: string) {
    const [row] = await tx.select().from(servicePostHours).where(eq(servicePostHours.id, id)).for('update');
    const v = await postVisibilityOf(places, tx, actor);
    // The member may see their own hours (403: not theirs to decide); others outside the scope get 404.
    if (!row || (!inScope(v.read, row.placePath) && row.memberId !== v.member?.id)) throw notFound();
    if (!inScope(v.manage, row.placePath)) throw forbidden();
    if (row.status !== 'pending') throw conflict('service_hours_decided');
    const [claim] = await tx.select().from(servicePostClaims).where(eq(servicePostClaims.id, row.claimId));
    const [post] = await tx.select().from(servicePosts).where(eq(servicePosts.id, claim!.postId));
    const [member] = await tx.select({ id: partyMembers.id, userId: partyMembers.userId }).from(partyMembers).where(eq(partyMembers.id, row.memberId));
    return { row, post: post!, member: member! };
  }

  return {
    /** The member logs their own hours; staff who manage the post may log them for the member. */
    async log(actor: Actor, claimId: string, input: z.output<typeof LogHours>): Promise<ServiceHours> {
      return db.transaction(async (tx) => {
        const v = await postVisibilityOf(places, tx, actor);
        const [claim] = await tx.select().from(servicePostClaims).where(eq(servicePostClaims.id, claimId));
        const own = claim !== undefined && claim.memberId === v.member?.id;
        if (!claim || (!own && !inScope(v.read, claim.placePath))) throw notFound();
        if (!own && !inScope(v.manage, claim.placePath)) throw forbidden();
        const [post] = await tx.select().from(servicePosts).where(eq(servicePosts.id, claim.postId));
        if (!validHours(input.hours)) throw unprocessable('service_hours_invalid');
        if (input.servedOn > chinaDay()) throw unprocessable('service_hours_future', { date: input.servedOn });
        if (input.servedOn < post!.startsOn || input.servedOn > post!.endsOn) throw unprocessable('service_hours_outside_period', { startsOn: post!.startsOn, endsOn: post!.endsOn });
        const [day] = await tx
          .select({ hours: sql<string>`coalesce(sum(${servicePostHours.hours}), 0)` })
          .from(servicePostHours)
          .where(and(eq(servicePostHours.memberId, claim.memberId), eq(servicePostHours.servedOn, input.servedOn), ne(servicePostHours.status, 'rejected')));
        const logged = Number(day?.hours ?? 0);
        if (logged + input.hours > 24) throw unprocessable('service_hours_day_limit', { date: input.servedOn, logged });
        const [row] = await tx
          .insert(servicePostHours)
          .values({ claimId: claim.id, memberId: claim.memberId, placePath: claim.placePath, servedOn: input.servedOn, hours: input.hours, note: input.note ?? null, loggedBy: actor.userId })
          .returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'service-hours.log', entityType: 'service_post_hours', entityId: row!.id, after: { claimId, servedOn: input.servedOn, hours: input.hours } });
        return hoursView(row!);
      });
    },

    /** The confirmation queue (and history) of the posts in the reader's scope. */
    async list(actor: Actor, query: z.output<typeof ServiceHoursListQuery>) {
      if (!actor.permissions.has('service-post.manage') && !actor.permissions.has('party-member.read')) throw forbidden();
      const v = await postVisibilityOf(places, db, actor);
      const c: SQL[] = [scopeCondition(v.read, servicePostHours.placePath)];
      if (query.placeId) c.push(sql`${servicePostHours.placePath} LIKE ${under(await placeFilterPath(places, db, query.placeId, v.read.paths))}`);
      if (query.status) c.push(eq(servicePostHours.status, query.status));
      const after = decodeCursor(query.cursor, 1);
      if (after) c.push(lt(servicePostHours.seq, Number(after[0])));
      const rows = await db.select().from(servicePostHours).where(and(...c)).orderBy(desc(servicePostHours.seq)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.seq]);
      return { items: await entries(db, page.items), nextCursor: page.nextCursor };
    },

    /** Awards `post-hours` keyed by this row, so a replayed confirmation can never score twice. */
    async confirm(actor: Actor, id: string): Promise<ServiceHoursEntry> {
      return db.transaction(async (tx) => {
        const { row, post, member } = await pendingForDecision(tx, actor, id);
        const points = await awardMemberScore(tx, {
          memberId: row.memberId,
          item: 'post-hours',
          sourceType: 'service-post-claim',
          sourceId: row.id,
          occurredAt: chinaNoon(row.servedOn),
          hours: row.hours,
          reason: `服务岗位「${post.title}」${row.servedOn} 服务 ${row.hours} 小时`,
        });
        const [updated] = await tx.update(servicePostHours).set({ status: 'confirmed', points, decidedBy: actor.userId, decidedAt: new Date() }).where(eq(servicePostHours.id, id)).returning();
        if (member.userId) {
          await notifications.send(tx, [
            {
              userId: member.userId,
              kind: 'post-hours-confirmed',
              title: '服务时长已确认',
              body: `「${post.title}」${row.servedOn} 服务 ${row.hours} 小时已确认${points > 0 ? `，获得党员积分 ${points} 分` : ''}。`,
              link: '/party/posts?tab=mine',
              dedupeKey: `post-hours-confirmed:${row.id}`,
            },
          ]);
        }
        await writeAudit(tx, auditContextOf(actor), { action: 'service-hours.confirm', entityType: 'service_post_hours', entityId: id, before: { status: 'pending' }, after: { status: 'confirmed', points } });
        return (await entries(tx, [updated!]))[0]!;
      });
    },

    async reject(actor: Actor, id: string, reason: string): Promise<ServiceHoursEntry> {
      return db.transaction(async (tx) => {
        const { row, post, member } = await pendingForDecision(tx, actor, id);
        const [updated] = await tx.update(servicePostHours).set({ status: 'rejected', rejectReason: reason, decidedBy: actor.userId, decidedAt: new Date() }).where(eq(servicePostHours.id, id)).returning();
        if (member.userId) {
          await notifications.send(tx, [
            {
              userId: member.userId,
              kind: 'post-hours-rejected',
              title: '服务时长未被确认',
              body: `「${post.title}」${row.servedOn} 服务 ${row.hours} 小时未被确认：${reason}`,
              link: '/party/posts?tab=mine',
              dedupeKey: `post-hours-rejected:${row.id}`,
            },
          ]);
        }
        await writeAudit(tx, auditContextOf(actor), { action: 'service-hours.reject', entityType: 'service_post_hours', entityId: id, before: { status: 'pending' }, after: { status: 'rejected', reason } });
        return (await entries(tx, [updated!]))[0]!;
      });
    },
  };

  async function entries(tx: Db, rows: readonly HoursRow[]): Promise<ServiceHoursEntry[]> {
    if (rows.length === 0) return [];
    const claims = await tx
      .select({ id: servicePostClaims.id, postId: servicePosts.id, title: servicePosts.title, placeId: servicePosts.placeId })
      .from(servicePostClaims)
      .innerJoin(servicePosts, eq(servicePosts.id, servicePostClaims.postId))
      .where(inArray(servicePostClaims.id, [...new Set(rows.map((r) => r.claimId))]));
    const members = await tx
      .select({ id: partyMembers.id, name: partyMembers.name, employer: partyMembers.employer })
      .from(partyMembers)
      .where(inArray(partyMembers.id, [...new Set(rows.map((r) => r.memberId))]));
    const names = await places.namesOf([...new Set(claims.map((c) => c.placeId))], tx);
    return rows.map((r) => {
      const claim = claims.find((c) => c.id === r.claimId)!;
      const member = members.find((m) => m.id === r.memberId);
      return { ...hoursView(r), postId: claim.postId, postTitle: claim.title, memberId: r.memberId, memberName: member?.name ?? '', employer: member?.employer ?? null, placeName: names.get(claim.placeId) ?? '' };
    });
  }
}

export type ServiceHoursService = ReturnType<typeof createServiceHoursService>;
