import { eq, ilike, type SQL } from 'drizzle-orm';
import type { CreateStoreGoods, Place, StoreGoods, StoreGoodsListQuery, UpdateStoreGoods } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { forbidden, notFound, unprocessable } from '../../platform/errors';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import { assertPlaceVisible, serves, servesScope, servingPlace } from './store.access';
import type { StoreDeps } from './store.deps';
import * as repo from './store.repo';
import { storeGoods } from './store.tables';
import { placeNames, toGoods, type GoodsRow } from './store.views';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The catalogue: goods with point prices and stock, one list per community. */
export function createGoodsService({ db, places }: Pick<StoreDeps, 'db' | 'places'>) {
  async function views(tx: Db, rows: readonly GoodsRow[]): Promise<StoreGoods[]> {
    const names = await placeNames(places, tx, rows.map((r) => r.placeId));
    return rows.map((r) => toGoods(r, names.get(r.placeId) ?? ''));
  }

  /** Goods of a store the actor is not served by: 404, as for goods that do not exist. */
  async function readable(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<GoodsRow> {
    const row = await repo.findGoods(tx, id, forUpdate);
    if (!row || !serves(scopeOf(actor, 'store.read'), row.placePath)) throw notFound();
    return row;
  }

  /** Readable but not managed by the actor: 403. */
  async function manageable(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<GoodsRow> {
    const row = await readable(tx, actor, id, forUpdate);
    if (!inScope(scopeOf(actor, 'store.manage'), row.placePath)) throw forbidden();
    return row;
  }

  /** A store is a community's; its staff (store.manage) run it. */
  async function storePlace(tx: Db, actor: Actor, placeId: string): Promise<Place> {
    requirePermission(actor, 'store.manage');
    const place = await places.findById(placeId, tx);
    assertRecordAccess(actor, place?.path, 'store.manage');
    if (place!.type !== 'community') throw unprocessable('store_place_not_community');
    return place!;
  }

  async function createIn(tx: Db, actor: Actor, place: Place, input: Omit<z.output<typeof CreateStoreGoods>, 'placeId'>): Promise<GoodsRow> {
    const row = await repo.insertGoods(tx, { ...input, placeId: place.id, placePath: place.path, createdBy: actor.userId });
    await writeAudit(tx, auditContextOf(actor), { action: 'store.goods.create', entityType: 'store-goods', entityId: row.id, after: { name: row.name, pointsPrice: row.pointsPrice, stock: row.stock, placeId: place.id } });
    return row;
  }

  return {
    views,
    readable,
    manageable,
    storePlace,
    createIn,

    async list(actor: Actor, query: z.output<typeof StoreGoodsListQuery>) {
      requirePermission(actor, 'store.read');
      const scope = scopeOf(actor, 'store.read');
      const c: SQL[] = [servesScope(scope, storeGoods.placePath)];
      if (query.placeId) {
        const place = await places.findById(query.placeId);
        assertPlaceVisible(place, scope);
        c.push(servingPlace(place, storeGoods.placePath));
      }
      if (query.category) c.push(eq(storeGoods.category, query.category));
      // Residents see what is on offer; withdrawn goods are the managers' business.
      const active = actor.permissions.has('store.manage') ? query.active : true;
      if (active !== undefined) c.push(eq(storeGoods.active, active));
      if (query.q) c.push(ilike(storeGoods.name, `%${escapeLike(query.q)}%`));
      const after = decodeCursor(query.cursor, 3)?.map(String) as [string, string, string] | undefined;
      const rows = await repo.listGoods(db, c, query.limit + 1, after);
      const page = pageFrom(rows, query.limit, (r) => [r.category, r.name, r.id]);
      return { items: await views(db, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<StoreGoods> {
      return (await views(db, [await readable(db, actor, id)]))[0]!;
    },

    async create(actor: Actor, input: z.output<typeof CreateStoreGoods>): Promise<StoreGoods> {
      return db.transaction(async (tx) => {
        const place = await storePlace(tx, actor, input.placeId);
        return (await views(tx, [await createIn(tx, actor, place, input)]))[0]!;
      });
    },

    async update(actor: Actor, id: string, input: z.output<typeof UpdateStoreGoods>): Promise<StoreGoods> {
      return db.transaction(async (tx) => {
        const before = await manageable(tx, actor, id, true);
        const row = await repo.updateGoods(tx, id, input);
        await writeAudit(tx, auditContextOf(actor), {
          action: 'store.goods.update',
          entityType: 'store-goods',
          entityId: id,
          before: { name: before.name, category: before.category, pointsPrice: before.pointsPrice, unit: before.unit, active: before.active },
          after: input,
        });
        return (await views(tx, [row]))[0]!;
      });
    },
  };
}

export type GoodsService = ReturnType<typeof createGoodsService>;
