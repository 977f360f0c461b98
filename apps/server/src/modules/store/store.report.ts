import { and, asc, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { StoreReport, StoreReportQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import { requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { assertPlaceVisible, servingPlace } from './store.access';
import type { StoreDeps } from './store.deps';
import * as repo from './store.repo';
import { storeDonations, storeGoods, storeRedemptions } from './store.tables';
import { toYuan } from './store.views';

/** A calendar month in China Standard Time (UTC+8, no daylight saving), as [from, to). */
export function monthWindow(month: string): repo.MonthWindow {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

const chinaMonth = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** 月度报表: per goods entry, what came in (donations), went out (redemptions), is left, and the points it took. */
export function createStoreReportService({ db, places }: Pick<StoreDeps, 'db' | 'places'>) {
  return {
    async report(actor: Actor, query: z.output<typeof StoreReportQuery>): Promise<StoreReport> {
      requirePermission(actor, 'store.manage');
      const scope = scopeOf(actor, 'store.manage');
      const place = query.placeId ? await places.findById(query.placeId) : null;
      if (place !== null) assertPlaceVisible(place, scope);
      const area = (path: AnyPgColumn): SQL => (place ? and(scopeCondition(scope, path), servingPlace(place, path))! : scopeCondition(scope, path));
      const month = query.month ?? chinaMonth.format(new Date()).slice(0, 7);
      const window = monthWindow(month);
      const [items, donated, redeemed, cash] = await Promise.all([
        db.select().from(storeGoods).where(area(storeGoods.placePath)).orderBy(asc(storeGoods.category), asc(storeGoods.name)),
        repo.donatedIn(db, area(storeDonations.placePath), window),
        repo.redeemedIn(db, area(storeRedemptions.placePath), window),
        repo.cashIn(db, area(storeDonations.placePath), window),
      ]);
      const inBy = new Map(donated.map((d) => [d.goodsId, d]));
      const outBy = new Map(redeemed.map((r) => [r.goodsId, r]));
      const lines = items.map((g) => ({
        goodsId: g.id,
        name: g.name,
        category: g.category,
        unit: g.unit,
        quantityIn: Number(inBy.get(g.id)?.quantity ?? 0),
        quantityOut: Number(outBy.get(g.id)?.quantity ?? 0),
        stock: g.stock,
        pointsSpent: Number(outBy.get(g.id)?.points ?? 0),
      }));
      const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
      return {
        placeId: place?.id ?? null,
        placeName: place?.name ?? null,
        month,
        lines,
        totals: {
          quantityIn: sum(lines.map((l) => l.quantityIn)),
          quantityOut: sum(lines.map((l) => l.quantityOut)),
          stock: sum(lines.map((l) => l.stock)),
          pointsSpent: sum(lines.map((l) => l.pointsSpent)),
          redemptions: sum(redeemed.map((r) => Number(r.count))),
          goodsDonations: sum(donated.map((d) => Number(d.count))),
          goodsDonationValue: toYuan(sum(donated.map((d) => Number(d.valueFen)))),
          cashDonations: cash.count,
          cashDonationTotal: toYuan(cash.valueFen),
        },
      };
    },
  };
}
