import { eq, sql } from 'drizzle-orm';
import type { PlaceHooks } from '../../platform/module';
import { wishes } from './wishes.tables';

export const wishesPlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    const like = `${oldPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    await tx.execute(sql`UPDATE wishes SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${like}`);
  },
  async dependents(tx, placeId) {
    const rows = await tx.select({ n: sql<number>`count(*)::int` }).from(wishes).where(eq(wishes.placeId, placeId));
    return [{ label: '微心愿', count: rows[0]?.n ?? 0 }];
  },
};
