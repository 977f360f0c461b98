import crypto from 'node:crypto';
import { eq, or, type SQL } from 'drizzle-orm';
import type { CreateStoreRedemption, RedemptionChannel, StoreRedemption, StoreRedemptionListQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import { assertPlaceVisible, servingPlace, staffScope } from './store.access';
import type { StoreDeps } from './store.deps';
import type { GoodsService } from './store.goods';
import * as repo from './store.repo';
import { storeRedemptions } from './store.tables';
import { placeNames, toRedemption, type RedemptionRow } from './store.views';

type Resident = NonNullable<Awaited<ReturnType<StoreDeps['residents']['brief']>>>;

const USES_REDEMPTIONS = ['store.redeem', 'store.manage', 'store.reserve'] as const;

/**
 * 兑换: at the counter (picked up at once) or reserved on mobile (stock held and points spent now,
 * picked up later). Stock, points, the redemption and its audit row commit together or not at all.
 */
export function createRedemptionsService({ db, places, residents, points }: StoreDeps, goods: GoodsService) {
  /** Names as the register has them now (an anonymised resident shows as such); one lookup per person on the page. */
  async function residentNames(tx: Db, ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) names.set(id, (await residents.brief(id, tx))?.name ?? '');
    return names;
  }

  async function views(tx: Db, rows: readonly RedemptionRow[]): Promise<StoreRedemption[]> {
    const names = await placeNames(places, tx, rows.map((r) => r.placeId));
    const people = await residentNames(tx, rows.map((r) => r.residentId));
    const items = new Map((await repo.findGoodsByIds(tx, rows.map((r) => r.goodsId))).map((g) => [g.id, g]));
    return rows.map((r) =>
      toRedemption(r, { residentName: people.get(r.residentId) ?? '', goodsName: items.get(r.goodsId)?.name ?? '', unit: items.get(r.goodsId)?.unit ?? '', placeName: names.get(r.placeId) ?? '' }),
    );
  }
  const one = async (tx: Db, row: RedemptionRow) => (await views(tx, [row]))[0]!;

  /**
   * Who redeems decides how: counter staff for a resident in their scope (handed over now), or a
   * resident for themselves (reserved). A resident naming anyone else is refused, whoever it is.
   */
  async function channelFor(tx: Db, actor: Actor, residentId: string): Promise<{ channel: RedemptionChannel; resident: Resident }> {
    if (actor.permissions.has('store.redeem')) {
      const resident = await residents.brief(residentId, tx);
      if (resident && inScope(scopeOf(actor, 'store.redeem'), resident.placePath)) return { channel: 'counter', resident };
    }
    if (actor.permissions.has('store.reserve')) {
      const own = await residents.residentIdOf(actor.userId, tx);
      if (!own) throw unprocessable('resident_no_account');
      if (own !== residentId) throw new AppError(403, 'store_reserve_own_only');
      const resident = await residents.brief(own, tx);
      if (resident) return { channel: 'mobile', resident };
    }
    if (actor.permissions.has('store.redeem')) throw notFound();
    throw forbidden();
  }

  /** Store staff read their store's redemptions, a resident their own; anyone else gets 404. */
  async function readable(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<RedemptionRow> {
    const row = await repo.findRedemption(tx, id, forUpdate);
    if (!row) throw notFound();
    if (inScope(staffScope(actor), row.placePath)) return row;
    if (row.residentId === (await residents.residentIdOf(actor.userId, tx))) return row;
    throw notFound();
  }

  async function audit(tx: Db, actor: Actor, row: RedemptionRow, action: string, before?: unknown) {
    await writeAudit(tx, auditContextOf(actor), {
      action: `store.redemption.${action}`,
      entityType: 'store-redemption',
      entityId: row.id,
      before,
      after: { status: row.status, residentId: row.residentId, goodsId: row.goodsId, quantity: row.quantity, points: row.points },
    });
  }

  const ledgerActor = (actor: Actor) => ({ userId: actor.userId, name: actor.displayName });

  return {
    async redeem(actor: Actor, input: z.output<typeof CreateStoreRedemption>, idempotencyKey: string | undefined) {
      if (!actor.permissions.has('store.redeem') && !actor.permissions.has('store.reserve')) throw forbidden();
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'store.redeem', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const { channel, resident } = await channelFor(tx, actor, input.residentId);
          const item = await goods.readable(tx, actor, input.goodsId);
          // A store serves the residents of its own community.
          if (!resident.placePath.startsWith(item.placePath)) throw unprocessable('store_resident_elsewhere');
          if (resident.status !== 'active') throw unprocessable('store_resident_inactive');
          if (!item.active) throw unprocessable('store_goods_inactive');
          const taken = await repo.takeStock(tx, item.id, input.quantity);
          if (!taken) {
            const now = await repo.findGoods(tx, item.id);
            throw conflict('store_out_of_stock', { name: item.name, stock: now?.stock ?? 0, unit: item.unit });
          }
          const id = crypto.randomUUID();
          // The price of the locked row: a price edited meanwhile applies to this redemption as a whole.
          const total = taken.pointsPrice * input.quantity;
          const spent = await points.spend(tx, {
            residentId: resident.id,
            amount: total,
            sourceType: 'redemption',
            sourceId: id,
            reason: `爱心超市兑换：${item.name} × ${input.quantity}${item.unit}`,
            actor: ledgerActor(actor),
            key: `redemption:${id}`,
          });
          const now = new Date();
          const counter = channel === 'counter';
          const row = await repo.insertRedemption(tx, {
            id,
            residentId: resident.id,
            goodsId: item.id,
            placeId: item.placeId,
            placePath: item.placePath,
            quantity: input.quantity,
            pointsPrice: taken.pointsPrice,
            points: total,
            status: counter ? 'picked_up' : 'reserved',
            channel,
            pointsEntryId: spent.entryId,
            createdBy: actor.userId,
            handledBy: counter ? actor.userId : null,
            handledByName: counter ? actor.displayName : null,
            pickedUpAt: counter ? now : null,
            createdAt: now,
          });
          await audit(tx, actor, row, counter ? 'redeem' : 'reserve');
          return { status: 201, body: await one(tx, row) };
        }),
      );
    },

    async pickUp(actor: Actor, id: string): Promise<StoreRedemption> {
      return db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, true);
        if (!inScope(scopeOf(actor, 'store.redeem'), before.placePath)) throw forbidden();
        if (before.status !== 'reserved') throw conflict('store_redemption_not_reserved');
        const row = await repo.updateRedemption(tx, id, { status: 'picked_up', pickedUpAt: new Date(), handledBy: actor.userId, handledByName: actor.displayName });
        await audit(tx, actor, row, 'pick-up', { status: before.status });
        return one(tx, row);
      });
    },

    /** Stock goes back on the shelf and the points back to the resident, once (the row lock and the status guard it). */
    async cancel(actor: Actor, id: string, reason: string | undefined): Promise<StoreRedemption> {
      return db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, true);
        const staff = inScope(scopeOf(actor, 'store.redeem'), before.placePath);
        if (!staff && before.residentId !== (await residents.residentIdOf(actor.userId, tx))) throw forbidden();
        // Residents cancel a reservation; handing goods back after pick-up happens at the counter.
        if (before.status === 'cancelled' || (!staff && before.status !== 'reserved')) throw conflict('store_redemption_not_cancellable');
        await repo.addStock(tx, before.goodsId, before.quantity);
        const refund = await points.refund(tx, {
          residentId: before.residentId,
          amount: before.points,
          sourceType: 'redemption-cancel',
          sourceId: before.id,
          reason: reason ? `取消兑换：${reason}` : '取消兑换',
          actor: ledgerActor(actor),
          key: `redemption-cancel:${before.id}`,
        });
        const row = await repo.updateRedemption(tx, id, { status: 'cancelled', cancelledAt: new Date(), cancelledBy: actor.userId, cancelReason: reason ?? null, refundEntryId: refund.entryId });
        await audit(tx, actor, row, 'cancel', { status: before.status });
        return one(tx, row);
      });
    },

    async get(actor: Actor, id: string): Promise<StoreRedemption> {
      return one(db, await readable(db, actor, id));
    },

    async list(actor: Actor, query: z.output<typeof StoreRedemptionListQuery>) {
      if (!USES_REDEMPTIONS.some((p) => actor.permissions.has(p))) throw forbidden();
      const scope = staffScope(actor);
      const own = await residents.residentIdOf(actor.userId);
      const mine = own ? eq(storeRedemptions.residentId, own) : undefined;
      const c: SQL[] = [mine ? or(scopeCondition(scope, storeRedemptions.placePath), mine)! : scopeCondition(scope, storeRedemptions.placePath)];
      if (query.residentId && query.residentId !== own) {
        const resident = await residents.brief(query.residentId);
        if (!resident || !inScope(scope, resident.placePath)) throw notFound();
      }
      if (query.residentId) c.push(eq(storeRedemptions.residentId, query.residentId));
      if (query.placeId) {
        const home = own ? (await residents.brief(own))?.placePath : undefined;
        const place = await places.findById(query.placeId);
        assertPlaceVisible(place, { paths: [...scope.paths, ...(home ? [home] : [])] });
        c.push(servingPlace(place, storeRedemptions.placePath));
      }
      if (query.status) c.push(eq(storeRedemptions.status, query.status));
      const after = decodeCursor(query.cursor, 2)?.map(String) as [string, string] | undefined;
      const rows = await repo.listRedemptions(db, c, query.limit + 1, after);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      return { items: await views(db, page.items), nextCursor: page.nextCursor };
    },
  };
}
