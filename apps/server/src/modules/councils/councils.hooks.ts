import { eq, sql } from 'drizzle-orm';
import type { PlaceHooks } from '../../platform/module';
import { councilAgendaItems } from './councils.tables';

export const councilsPlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    const like = `${oldPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    await tx.execute(sql`UPDATE council_agenda_items SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${like}`);
  },
  async dependents(tx, placeId) {
    const rows = await tx.select({ n: sql<number>`count(*)::int` }).from(councilAgendaItems).where(eq(councilAgendaItems.communityId, placeId));
    return [{ label: '红色议事会议题', count: rows[0]?.n ?? 0 }];
  },
};
