import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type CreateClaim, type CreateServicePost, type ServicePost, type ServicePostClaim, type ServicePostListQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, requirePermission, scopeCondition, scopeOf, type Actor, type Scope } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import { partyMembers } from './party-members.tables';
import { hoursView, placeFilterPath, under } from './service-posts.rules';
import { servicePostClaims, servicePostHours, servicePosts } from './service-posts.tables';
import { chinaDay } from '../../platform/china-time';

type PostRow = typeof servicePosts.$inferSelect;
type ClaimRow = typeof servicePostClaims.$inferSelect;
type MemberRow = typeof partyMembers.$inferSelect;

/**
 * Who sees which posts: staff and grid workers their scope (`service-post.manage` or
 * `party-member.read`); a member their community's posts; anyone taking part for themselves
 * (`party.self-service`) the posts of the community they live in, so they can see what enrolling leads to.
 */
export interface PostVisibility {
  readonly manage: Scope;
  readonly read: Scope;
  readonly communities: Scope;
  readonly member: MemberRow | undefined;
}

export const isPostVisible = (v: PostVisibility, path: string) => inScope(v.read, path) || inScope(v.communities, path);

export async function postVisibilityOf(places: PlacesService, tx: Db, actor: Actor): Promise<PostVisibility> {
  const manage = scopeOf(actor, 'service-post.manage');
  const read = { paths: [...manage.paths, ...scopeOf(actor, 'party-member.read').paths] };
  const [member] = await tx.select().from(partyMembers).where(eq(partyMembers.userId, actor.userId));
  const homes = [
    ...(member ? [member.placeId] : []),
    ...actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('party.self-service')).map((g) => g.placeId),
  ];
  const communities: string[] = [];
  for (const placeId of new Set(homes)) {
    const place = await places.findById(placeId, tx);
    const community = place ? (await places.lineage(place, tx)).find((p) => p.type === 'community') : undefined;
    if (community) communities.push(community.path);
  }
  return { manage, read, communities: { paths: communities }, member };
}

export const visiblePostCondition = (v: PostVisibility, path: SQL | typeof servicePosts.placePath) => or(scopeCondition(v.read, path), scopeCondition(v.communities, path))!;

export interface ServicePostsDeps {
  readonly db: Db;
  readonly places: PlacesService;
}

/** 服务岗位 and their claims (认领). Hours on claims live in service-posts.hours.ts. */
export function createServicePostsService({ db, places }: ServicePostsDeps) {
  async function postViews(tx: Db, v: PostVisibility, rows: readonly PostRow[]): Promise<ServicePost[]> {
    if (rows.length === 0) return [];
    const names = await places.namesOf([...new Set(rows.map((r) => r.placeId))], tx);
    const mine = v.member
      ? await tx
          .select({ id: servicePostClaims.id, postId: servicePostClaims.postId })
          .from(servicePostClaims)
          .where(and(eq(servicePostClaims.memberId, v.member.id), inArray(servicePostClaims.postId, rows.map((r) => r.id))))
      : [];
    return rows.map((r) => ({
      id: r.id,
      placeId: r.placeId,
      placeName: names.get(r.placeId) ?? '',
      kind: r.kind,
      title: r.title,
      description: r.description,
      capacity: r.capacity,
      claimedCount: r.claimedCount,
      remaining: r.capacity - r.claimedCount,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      status: r.status,
      myClaimId: mine.find((m) => m.postId === r.id)?.id ?? null,
      manageable: inScope(v.manage, r.placePath),
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async function claimViews(tx: Db, claims: readonly ClaimRow[]): Promise<ServicePostClaim[]> {
    if (claims.length === 0) return [];
    const posts = await tx.select().from(servicePosts).where(inArray(servicePosts.id, [...new Set(claims.map((c) => c.postId))]));
    const members = await tx
      .select({ id: partyMembers.id, name: partyMembers.name, employer: partyMembers.employer })
      .from(partyMembers)
      .where(inArray(partyMembers.id, [...new Set(claims.map((c) => c.memberId))]));
    const hours = await tx
      .select()
      .from(servicePostHours)
      .where(inArray(servicePostHours.claimId, claims.map((c) => c.id)))
      .orderBy(desc(servicePostHours.servedOn), desc(servicePostHours.seq));
    return claims.map((c) => {
      const post = posts.find((p) => p.id === c.postId)!;
      const member = members.find((m) => m.id === c.memberId);
      const own = hours.filter((h) => h.claimId === c.id);
      const sum = (rows: typeof own) => rows.reduce((n, h) => n + h.hours, 0);
      return {
        id: c.id,
        postId: c.postId,
        postTitle: post.title,
        postKind: post.kind,
        memberId: c.memberId,
        memberName: member?.name ?? '',
        employer: member?.employer ?? null,
        claimedAt: c.createdAt.toISOString(),
        hoursLogged: sum(own.filter((h) => h.status !== 'rejected')),
        hoursConfirmed: sum(own.filter((h) => h.status === 'confirmed')),
        points: own.reduce((n, h) => n + h.points, 0),
        hours: own.map(hoursView),
      };
    });
  }

  /** A post the actor may see, or 404. */
  async function visiblePost(tx: Db, v: PostVisibility, id: string, lock = false): Promise<PostRow> {
    const query = tx.select().from(servicePosts).where(eq(servicePosts.id, id));
    const [post] = lock ? await query.for('update') : await query;
    if (!post || !isPostVisible(v, post.placePath)) throw notFound();
    return post;
  }

  return {
    claimViews,

    async list(actor: Actor, query: z.output<typeof ServicePostListQuery>) {
      const v = await postVisibilityOf(places, db, actor);
      if (v.read.paths.length === 0 && v.communities.paths.length === 0) throw forbidden();
      const c: SQL[] = [visiblePostCondition(v, servicePosts.placePath)];
      if (query.placeId) c.push(sql`${servicePosts.placePath} LIKE ${under(await placeFilterPath(places, db, query.placeId, [...v.read.paths, ...v.communities.paths]))}`);
      if (query.status) c.push(eq(servicePosts.status, query.status));
      if (query.kind) c.push(eq(servicePosts.kind, query.kind));
      if (query.available) c.push(eq(servicePosts.status, 'open'), sql`${servicePosts.claimedCount} < ${servicePosts.capacity}`, gte(servicePosts.endsOn, chinaDay()));
      const after = decodeCursor(query.cursor, 1);
      if (after) c.push(lt(servicePosts.seq, Number(after[0])));
      const rows = await db.select().from(servicePosts).where(and(...c)).orderBy(desc(servicePosts.seq)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.seq]);
      return { items: await postViews(db, v, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<ServicePost> {
      const v = await postVisibilityOf(places, db, actor);
      return (await postViews(db, v, [await visiblePost(db, v, id)]))[0]!;
    },

    async create(actor: Actor, input: z.output<typeof CreateServicePost>): Promise<ServicePost> {
      requirePermission(actor, 'service-post.manage');
      return db.transaction(async (tx) => {
        const place = await places.findById(input.placeId, tx);
        if (!place || !inScope(scopeOf(actor, 'service-post.manage'), place.path)) throw notFound();
        if (place.type !== 'community' && place.type !== 'grid') throw unprocessable('service_post_place_invalid');
        if (input.endsOn < input.startsOn) throw unprocessable('service_post_period_invalid', { startsOn: input.startsOn, endsOn: input.endsOn });
        const [row] = await tx
          .insert(servicePosts)
          .values({ placeId: place.id, placePath: place.path, kind: input.kind, title: input.title, description: input.description ?? null, capacity: input.capacity, startsOn: input.startsOn, endsOn: input.endsOn, createdBy: actor.userId })
          .returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'service-post.create', entityType: 'service_post', entityId: row!.id, after: { ...input } });
        return (await postViews(tx, await postVisibilityOf(places, tx, actor), [row!]))[0]!;
      });
    },

    /** Closing stops new claims; hours on existing claims can still be logged and confirmed. */
    async close(actor: Actor, id: string): Promise<ServicePost> {
      return db.transaction(async (tx) => {
        const v = await postVisibilityOf(places, tx, actor);
        const post = await visiblePost(tx, v, id, true);
        if (!inScope(v.manage, post.placePath)) throw forbidden();
        if (post.status === 'closed') throw conflict('service_post_closed');
        const [row] = await tx.update(servicePosts).set({ status: 'closed', closedAt: new Date() }).where(eq(servicePosts.id, id)).returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'service-post.close', entityType: 'service_post', entityId: id, before: { status: 'open' }, after: { status: 'closed' } });
        return (await postViews(tx, v, [row!]))[0]!;
      });
    },

    /**
     * A member claims a post (or staff claim it for a member in their scope). The place is taken by a
     * conditional UPDATE of the claimed count, so of two claims for the last place exactly one succeeds.
     */
    async claim(actor: Actor, postId: string, input: z.output<typeof CreateClaim>, idempotencyKey: string | undefined) {
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'service-post.claim', key: idempotencyKey, fingerprint: fingerprintOf({ postId, ...input }) }, async () => {
          const v = await postVisibilityOf(places, tx, actor);
          const post = await visiblePost(tx, v, postId);
          let member: MemberRow;
          if (input.memberId && input.memberId !== v.member?.id) {
            if (!inScope(v.manage, post.placePath)) throw forbidden();
            const [other] = await tx.select().from(partyMembers).where(eq(partyMembers.id, input.memberId));
            if (!other || !inScope(scopeOf(actor, 'party-member.read'), other.placePath)) throw notFound();
            member = other;
          } else {
            if (!v.member) throw new AppError(403, 'not_a_party_member');
            member = v.member;
          }
          if (post.status === 'closed') throw conflict('service_post_closed');
          if (post.endsOn < chinaDay()) throw unprocessable('service_post_ended', { endsOn: post.endsOn });
          const [existing] = await tx.select({ id: servicePostClaims.id }).from(servicePostClaims).where(and(eq(servicePostClaims.postId, post.id), eq(servicePostClaims.memberId, member.id)));
          if (existing) throw conflict('service_post_already_claimed');
          const taken = await tx
            .update(servicePosts)
            .set({ claimedCount: sql`${servicePosts.claimedCount} + 1` })
            .where(and(eq(servicePosts.id, post.id), eq(servicePosts.status, 'open'), lt(servicePosts.claimedCount, servicePosts.capacity)))
            .returning({ id: servicePosts.id });
          if (taken.length === 0) throw conflict('service_post_full', { capacity: post.capacity });
          const [claim] = await tx.insert(servicePostClaims).values({ postId: post.id, memberId: member.id, placePath: post.placePath, claimedBy: actor.userId }).returning();
          await writeAudit(tx, auditContextOf(actor), { action: 'service-post.claim', entityType: 'service_post_claim', entityId: claim!.id, after: { postId: post.id, memberId: member.id } });
          return { status: 201, body: (await claimViews(tx, [claim!]))[0]! };
        }),
      );
    },

    /** Staff and grid workers see every claim of a post they may read; a member only their own. */
    async claimsOf(actor: Actor, postId: string): Promise<ServicePostClaim[]> {
      const v = await postVisibilityOf(places, db, actor);
      const post = await visiblePost(db, v, postId);
      const c: SQL[] = [eq(servicePostClaims.postId, post.id)];
      if (!inScope(v.read, post.placePath)) c.push(v.member ? eq(servicePostClaims.memberId, v.member.id) : sql`false`);
      const claims = await db.select().from(servicePostClaims).where(and(...c)).orderBy(servicePostClaims.seq);
      return claimViews(db, claims);
    },

    /** The caller's own claims (the mobile page), newest first. */
    async myClaims(actor: Actor): Promise<ServicePostClaim[]> {
      requirePermission(actor, 'party.self-service');
      const [member] = await db.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.userId, actor.userId));
      if (!member) return [];
      const claims = await db.select().from(servicePostClaims).where(eq(servicePostClaims.memberId, member.id)).orderBy(desc(servicePostClaims.seq)).limit(200);
      return claimViews(db, claims);
    },
  };
}

export type ServicePostsService = ReturnType<typeof createServicePostsService>;
