import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { WISH_CLAIM_DAYS, type CreateWish, type Wish, type WishListQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, requirePermission, scopeCondition, scopeOf, type Actor, type Scope } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import type { Job } from '../../platform/jobs/scheduler';
import type { NotificationsService } from '../../platform/notifications.service';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import type { MemberScoreAwards } from '../party/member-scores.service';
import { wishes } from './wishes.tables';

type WishRow = typeof wishes.$inferSelect;

export interface WishesDeps {
  readonly db: Db;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
  readonly notifications: NotificationsService;
  /** A confirmed wish scores for a party member who fulfilled it (党员积分: 认领并完成微心愿). */
  readonly memberScores: MemberScoreAwards;
}

/** 微心愿: posted by (or for) a person in need, claimed by a member or volunteer, confirmed by the poster. */
export function createWishesService({ db, places, residents, notifications, memberScores }: WishesDeps) {
  function toWish(row: WishRow, actor: Actor, placeName: string): Wish {
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      status: row.status,
      placeId: row.placeId,
      placeName,
      beneficiary: row.beneficiary,
      residentId: inScope(scopeOf(actor, 'wish.manage'), row.placePath) ? row.residentId : null,
      postedByMe: row.posterUserId === actor.userId,
      claimedByMe: row.claimantUserId === actor.userId,
      claimantName: row.claimantName,
      claimedAt: row.claimedAt?.toISOString() ?? null,
      claimExpiresAt: row.claimExpiresAt?.toISOString() ?? null,
      fulfilmentNote: row.fulfilmentNote,
      fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
      confirmedAt: row.confirmedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function views(tx: Db, actor: Actor, rows: readonly WishRow[]) {
    const names = await places.namesOf([...new Set(rows.map((r) => r.placeId))], tx);
    return rows.map((r) => toWish(r, actor, names.get(r.placeId) ?? ''));
  }

  /**
   * The wall a person sees: wherever they hold `wish.read`, widened for residents, party members
   * and building captains from their household or building to its grid (their neighbours' wishes).
   */
  async function wallScope(tx: Db, actor: Actor): Promise<Scope> {
    const paths = [...scopeOf(actor, 'wish.read').paths];
    const homes = actor.grants.filter((g) => (g.role === 'resident' || g.role === 'party_member' || g.role === 'building_captain') && (g.placeType === 'household' || g.placeType === 'building'));
    for (const home of homes) {
      const place = await places.findById(home.placeId, tx);
      const grid = place ? [...(await places.lineage(place, tx))].reverse().find((p) => p.type === 'grid') : undefined;
      if (grid) paths.push(grid.path);
    }
    return { paths };
  }

  /** Out of the wall's scope (and not the poster or claimant): 404. */
  async function readable(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<WishRow> {
    const query = tx.select().from(wishes).where(eq(wishes.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row) throw notFound();
    if (row.posterUserId === actor.userId || row.claimantUserId === actor.userId) return row;
    if (!actor.permissions.has('wish.read') || !inScope(await wallScope(tx, actor), row.placePath)) throw notFound();
    return row;
  }

  async function save(tx: Db, actor: Actor, row: WishRow, changes: Partial<typeof wishes.$inferInsert>, action: string) {
    const [updated] = await tx.update(wishes).set({ ...changes, updatedAt: new Date() }).where(eq(wishes.id, row.id)).returning();
    await writeAudit(tx, auditContextOf(actor), { action: `wish.${action}`, entityType: 'wish', entityId: row.id, before: { status: row.status }, after: { status: updated!.status } });
    return (await views(tx, actor, [updated!]))[0]!;
  }

  return {
    async list(actor: Actor, query: z.output<typeof WishListQuery>) {
      requirePermission(actor, 'wish.read');
      const after = decodeCursor(query.cursor, 2)?.map(String) as [string, string] | undefined;
      const c: SQL[] = [];
      if (query.mine === 'posted') c.push(eq(wishes.posterUserId, actor.userId));
      else if (query.mine === 'claimed') c.push(eq(wishes.claimantUserId, actor.userId));
      else c.push(scopeCondition(await wallScope(db, actor), wishes.placePath));
      if (query.status) c.push(eq(wishes.status, query.status));
      if (query.placeId) {
        const place = await places.findById(query.placeId);
        const wall = await wallScope(db, actor);
        // A place outside the wall is not revealed; a place above it narrows to the wall's part.
        if (!place || !wall.paths.some((p) => p.startsWith(place.path) || place.path.startsWith(p))) throw notFound();
        c.push(sql`${wishes.placePath} LIKE ${`${place.path}%`}`);
      }
      if (after) c.push(olderThan([wishes.createdAt, wishes.id], [new Date(after[0]), after[1]]));
      const rows = await db.select().from(wishes).where(and(...c)).orderBy(desc(wishes.createdAt), desc(wishes.id)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      return { items: await views(db, actor, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string) {
      return (await views(db, actor, [await readable(db, actor, id)]))[0]!;
    },

    async create(actor: Actor, input: z.output<typeof CreateWish>, idempotencyKey: string | undefined) {
      requirePermission(actor, 'wish.create');
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'wish.create', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const own = [...actor.grants].sort((a, b) => b.placePath.length - a.placePath.length).find((g) => ['household', 'building', 'grid'].includes(g.placeType));
          const placeId = input.placeId ?? own?.placeId;
          if (!placeId) throw unprocessable('wish_place_required');
          const place = await places.findById(placeId, tx);
          if (!place || !['grid', 'building', 'household'].includes(place.type)) throw unprocessable('wish_place_required');
          assertRecordAccess(actor, place.path, 'wish.create');
          if (input.residentId) await residents.readable(actor, input.residentId, tx);
          const [row] = await tx
            .insert(wishes)
            .values({ title: input.title, description: input.description, placeId: place.id, placePath: place.path, beneficiary: input.beneficiary, residentId: input.residentId ?? null, posterUserId: actor.userId })
            .returning();
          await writeAudit(tx, auditContextOf(actor), { action: 'wish.create', entityType: 'wish', entityId: row!.id, after: { title: row!.title, placeId: place.id } });
          return { status: 201, body: (await views(tx, actor, [row!]))[0]! };
        }),
      );
    },

    async claim(actor: Actor, id: string) {
      requirePermission(actor, 'wish.claim');
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, true);
        if (row.posterUserId === actor.userId) throw unprocessable('wish_own_claim');
        if (row.status !== 'open') throw conflict('wish_not_claimable');
        const now = new Date();
        const wish = await save(tx, actor, row, { status: 'claimed', claimantUserId: actor.userId, claimantName: actor.displayName, claimedAt: now, claimExpiresAt: new Date(now.getTime() + WISH_CLAIM_DAYS * 86_400_000) }, 'claim');
        await notifications.send(tx, [{ userId: row.posterUserId, kind: 'wish-claimed', title: `心愿已被认领：${row.title}`, body: `${actor.displayName} 认领了这个心愿`, link: `/wishes`, dedupeKey: `wish-claimed:${row.id}:${now.getTime()}` }]);
        return wish;
      });
    },

    async fulfil(actor: Actor, id: string, note: string) {
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, true);
        if (row.status !== 'claimed') throw conflict('wish_not_claimable');
        if (row.claimantUserId !== actor.userId) throw new AppError(403, 'wish_not_claimant');
        const wish = await save(tx, actor, row, { status: 'fulfilled', fulfilmentNote: note, fulfilledAt: new Date() }, 'fulfil');
        await notifications.send(tx, [{ userId: row.posterUserId, kind: 'wish-fulfilled', title: `心愿已完成：${row.title}`, body: note, link: `/wishes`, dedupeKey: `wish-fulfilled:${row.id}` }]);
        return wish;
      });
    },

    async confirm(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, true);
        if (row.posterUserId !== actor.userId && !inScope(scopeOf(actor, 'wish.manage'), row.placePath)) throw new AppError(403, 'wish_not_poster');
        if (row.status !== 'fulfilled') throw conflict('wish_not_fulfilled');
        const now = new Date();
        if (row.claimantUserId) await memberScores.awardToUser(tx, row.claimantUserId, { item: 'wish-fulfilled', sourceType: 'wish', sourceId: row.id, occurredAt: now, reason: row.title });
        return save(tx, actor, row, { status: 'confirmed', confirmedAt: now, confirmedBy: actor.userId }, 'confirm');
      });
    },

    async cancel(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, true);
        if (row.posterUserId !== actor.userId && !inScope(scopeOf(actor, 'wish.manage'), row.placePath)) throw new AppError(403, 'forbidden');
        if (row.status === 'confirmed' || row.status === 'cancelled') throw conflict('wish_not_claimable');
        return save(tx, actor, row, { status: 'cancelled' }, 'cancel');
      });
    },
  };
}

export type WishesService = ReturnType<typeof createWishesService>;

/** Claims not fulfilled in time go back to the wall; the claimant is told. Idempotent by status. */
export function wishClaimExpiryJob({ notifications }: { notifications: NotificationsService }): Job {
  return {
    name: 'wish-claim-expiry',
    lockKey: 726_303,
    everyMs: 300_000,
    async run(tx, now) {
      const lapsed = await tx
        .select({ id: wishes.id, title: wishes.title, claimantUserId: wishes.claimantUserId, claimedAt: wishes.claimedAt })
        .from(wishes)
        .where(and(eq(wishes.status, 'claimed'), lt(wishes.claimExpiresAt, now)))
        .for('update', { skipLocked: true });
      if (lapsed.length === 0) return { expired: 0 };
      await tx
        .update(wishes)
        .set({ status: 'open', claimantUserId: null, claimantName: null, claimedAt: null, claimExpiresAt: null, updatedAt: now })
        .where(inArray(wishes.id, lapsed.map((w) => w.id)));
      await notifications.send(
        tx,
        lapsed.flatMap((w) =>
          w.claimantUserId
            ? [{ userId: w.claimantUserId, kind: 'wish-expired' as const, title: `认领已过期：${w.title}`, body: `认领 ${WISH_CLAIM_DAYS} 天内未完成，心愿已回到心愿墙`, link: '/wishes', dedupeKey: `wish-expired:${w.id}:${w.claimedAt?.getTime() ?? 0}` }]
            : [],
        ),
      );
      return { expired: lapsed.length };
    },
  };
}
