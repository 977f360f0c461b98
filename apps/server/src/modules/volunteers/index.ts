import { sql } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module';
import { under } from './volunteers.shared';
import { volunteersRoutes } from './volunteers.routes';
import { seedDemoVolunteers } from './volunteers.seed';
import { volunteers } from './volunteers.tables';

export const volunteersModule: ModuleManifest = {
  name: 'volunteers',
  routes: volunteersRoutes,
  seedDemo: seedDemoVolunteers,
  async counters(db, placePath) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(volunteers).where(sql`${volunteers.placePath} LIKE ${under(placePath)}`);
    return { volunteers: Number(row?.n ?? 0) };
  },
};
