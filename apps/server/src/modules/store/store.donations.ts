import { eq, type SQL } from 'drizzle-orm';
import type { CreateStoreDonation, StoreDonation, StoreDonationListQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { auditContextOf, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import { assertPlaceVisible, servesScope, servingPlace } from './store.access';
import type { StoreDeps } from './store.deps';
import type { GoodsService } from './store.goods';
import * as repo from './store.repo';
import { storeDonations } from './store.tables';
import { placeNames, toDonation, toFen, type DonationRow } from './store.views';

/** Donations in (捐赠): goods add stock; cash is recorded only. Store managers record them. */
export function createDonationsService({ db, places }: Pick<StoreDeps, 'db' | 'places'>, goods: GoodsService) {
  async function views(tx: Db, rows: readonly DonationRow[]): Promise<StoreDonation[]> {
    const names = await placeNames(places, tx, rows.map((r) => r.placeId));
    const goodsNames = new Map((await repo.findGoodsByIds(tx, rows.flatMap((r) => (r.goodsId ? [r.goodsId] : [])))).map((g) => [g.id, g.name]));
    return rows.map((r) => toDonation(r, names.get(r.placeId) ?? '', r.goodsId ? (goodsNames.get(r.goodsId) ?? null) : null));
  }

  return {
    async list(actor: Actor, query: z.output<typeof StoreDonationListQuery>) {
      requirePermission(actor, 'store.manage');
      const scope = scopeOf(actor, 'store.manage');
      const c: SQL[] = [servesScope(scope, storeDonations.placePath)];
      if (query.placeId) {
        const place = await places.findById(query.placeId);
        assertPlaceVisible(place, scope);
        c.push(servingPlace(place, storeDonations.placePath));
      }
      if (query.kind) c.push(eq(storeDonations.kind, query.kind));
      const after = decodeCursor(query.cursor, 2)?.map(String) as [string, string] | undefined;
      const rows = await repo.listDonations(db, c, query.limit + 1, after);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      return { items: await views(db, page.items), nextCursor: page.nextCursor };
    },

    async create(actor: Actor, input: z.output<typeof CreateStoreDonation>): Promise<StoreDonation> {
      requirePermission(actor, 'store.manage');
      return db.transaction(async (tx) => {
        const donor = { donorType: input.donorType, donorName: input.donorName, note: input.note ?? null, recordedBy: actor.userId, recordedByName: actor.displayName };
        let row: DonationRow;
        if (input.kind === 'cash') {
          const place = await goods.storePlace(tx, actor, input.placeId);
          row = await repo.insertDonation(tx, { ...donor, createdAt: new Date(), kind: 'cash', placeId: place.id, placePath: place.path, valueFen: toFen(input.amount), purpose: input.purpose });
        } else {
          // Either goods already in the catalogue, or a new entry made for them (with no stock of its own yet).
          const item = input.goodsId
            ? await goods.manageable(tx, actor, input.goodsId, true)
            : await goods.createIn(tx, actor, await goods.storePlace(tx, actor, input.placeId!), { ...input.newGoods!, stock: 0, active: true });
          await repo.addStock(tx, item.id, input.quantity);
          row = await repo.insertDonation(tx, { ...donor, createdAt: new Date(), kind: 'goods', placeId: item.placeId, placePath: item.placePath, goodsId: item.id, quantity: input.quantity, valueFen: toFen(input.estimatedValue) });
        }
        await writeAudit(tx, auditContextOf(actor), {
          action: 'store.donation.create',
          entityType: 'store-donation',
          entityId: row.id,
          after: { kind: row.kind, donorName: row.donorName, goodsId: row.goodsId, quantity: row.quantity, valueFen: row.valueFen },
        });
        return (await views(tx, [row]))[0]!;
      });
    },
  };
}
