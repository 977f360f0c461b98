import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DashboardCounters, DashboardQuery } from '@gridwork/contracts';
import type { Db } from './db/client';
import { notFound } from './platform/errors';
import { actorOf } from './platform/identity/request-actor';
import type { ModuleManifest } from './platform/module';
import type { Services } from './services';

/** The dashboard gathers counters through the module manifests, never from their tables. */
export function dashboardRoutes(app: FastifyInstance, services: Services, db: Db, modules: readonly ModuleManifest[]) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/dashboard/counters',
    { schema: { operationId: 'getDashboardCounters', tags: ['dashboard'], summary: '工作台统计（按地点）', querystring: DashboardQuery, response: { 200: DashboardCounters } } },
    async (req) => {
      const actor = actorOf(req);
      const place = req.query.placeId ? await services.places.get(actor, req.query.placeId) : (await services.places.roots(actor))[0];
      if (!place) throw notFound();
      const parts = await Promise.all(modules.map((m) => m.counters?.(db, place.path) ?? Promise.resolve({})));
      return { placeId: place.id, placeName: place.name, counters: Object.assign({}, ...parts) as Record<string, number> };
    },
  );
}
