import { sql } from 'drizzle-orm';
import type { PlaceHooks } from '../../platform/module';

const like = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Score entries carry their member's path for the data scope: a move rewrites it. They refer to no place themselves. */
export const memberScoresPlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    await tx.execute(sql`UPDATE member_score_entries SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${like(oldPrefix)}`);
  },
  async dependents() {
    return [];
  },
};
