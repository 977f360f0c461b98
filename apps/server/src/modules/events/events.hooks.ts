import { eq, sql } from 'drizzle-orm';
import type { PlaceHooks } from '../../platform/module';
import { events, lectureTopics } from './events.tables';

const like = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Events, sign-ups, attendances and topics all carry a place path for the data scope. */
export const eventsPlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    for (const table of [sql`events`, sql`event_signups`, sql`event_attendances`, sql`lecture_topics`]) {
      await tx.execute(sql`UPDATE ${table} SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${like(oldPrefix)}`);
    }
  },
  async dependents(tx, placeId) {
    const [e] = await tx.select({ n: sql<number>`count(*)::int` }).from(events).where(eq(events.placeId, placeId));
    const [t] = await tx.select({ n: sql<number>`count(*)::int` }).from(lectureTopics).where(eq(lectureTopics.placeId, placeId));
    return [
      { label: '活动', count: Number(e?.n ?? 0) },
      { label: '讲堂讲题', count: Number(t?.n ?? 0) },
    ];
  },
};
