import { eq, sql } from 'drizzle-orm';
import type { PlaceHooks } from '../../platform/module';
import { volunteerTeams } from './volunteers.tables';

const like = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Volunteers carry their household's path and teams their place's: a move rewrites both. */
export const volunteersPlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    for (const table of [sql`volunteers`, sql`volunteer_teams`]) {
      await tx.execute(sql`UPDATE ${table} SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${like(oldPrefix)}`);
    }
  },
  async dependents(tx, placeId) {
    const rows = await tx.select({ n: sql<number>`count(*)::int` }).from(volunteerTeams).where(eq(volunteerTeams.placeId, placeId));
    return [{ label: '服务队', count: Number(rows[0]?.n ?? 0) }];
  },
};
