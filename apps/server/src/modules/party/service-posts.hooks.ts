import { eq, sql } from 'drizzle-orm';
import type { PlaceHooks } from '../../platform/module';
import { partyEnrolments } from './enrolments.tables';
import { servicePosts } from './service-posts.tables';
import { under } from './service-posts.rules';

const TABLES_WITH_PATHS = ['party_enrolments', 'service_posts', 'service_post_claims', 'service_post_hours'] as const;

/** Enrolments, posts, claims and hours carry the path of their community or grid for the data scope: a move rewrites it. */
export const servicePostsPlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    for (const table of TABLES_WITH_PATHS) {
      await tx.execute(sql`UPDATE ${sql.identifier(table)} SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${under(oldPrefix)}`);
    }
  },
  async dependents(tx, placeId) {
    const [posts] = await tx.select({ n: sql<number>`count(*)::int` }).from(servicePosts).where(eq(servicePosts.placeId, placeId));
    const [enrolments] = await tx.select({ n: sql<number>`count(*)::int` }).from(partyEnrolments).where(eq(partyEnrolments.communityId, placeId));
    return [
      { label: '服务岗位', count: posts?.n ?? 0 },
      { label: '在职党员报到', count: enrolments?.n ?? 0 },
    ];
  },
};
