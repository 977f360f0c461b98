import { and, eq, sql } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module';
import { under } from '../volunteers/volunteers.shared';
import { eventsRoutes } from './events.routes';
import { seedDemoEvents } from './events.seed';
import { eventAttendances, events } from './events.tables';

export const eventsModule: ModuleManifest = {
  name: 'events',
  routes: eventsRoutes,
  seedDemo: seedDemoEvents,
  async counters(db, placePath) {
    const [e] = await db.select({ n: sql<number>`count(*)::int` }).from(events).where(and(sql`${events.placePath} LIKE ${under(placePath)}`, eq(events.status, 'published')));
    const [h] = await db
      .select({ half: sql<number>`coalesce(sum(${eventAttendances.halfHours}), 0)::int` })
      .from(eventAttendances)
      .where(and(sql`${eventAttendances.placePath} LIKE ${under(placePath)}`, eq(eventAttendances.status, 'confirmed')));
    // Dashboard counters are integers: whole hours.
    return { events: Number(e?.n ?? 0), volunteerHours: Math.floor(Number(h?.half ?? 0) / 2) };
  },
};
