import { eq, sql } from 'drizzle-orm';
import type { PlaceHooks } from '../../platform/module';
import { storeDonations, storeGoods } from './store.tables';

export const storePlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    const like = `${oldPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    for (const table of ['store_goods', 'store_donations', 'store_redemptions']) {
      await tx.execute(sql`UPDATE ${sql.identifier(table)} SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${like}`);
    }
  },
  async dependents(tx, placeId) {
    const [goods] = await tx.select({ n: sql<number>`count(*)::int` }).from(storeGoods).where(eq(storeGoods.placeId, placeId));
    const [donations] = await tx.select({ n: sql<number>`count(*)::int` }).from(storeDonations).where(eq(storeDonations.placeId, placeId));
    return [
      { label: '爱心超市物品', count: goods?.n ?? 0 },
      { label: '爱心超市捐赠记录', count: donations?.n ?? 0 },
    ];
  },
};
