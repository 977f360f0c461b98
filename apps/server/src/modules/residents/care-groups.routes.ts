import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CareDashboard, CareDashboardQuery, CareGroupType, UpsertCareGroupType } from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function careGroupsRoutes(app: FastifyInstance, { careGroups }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['residents'];

  r.get('/care-groups', { schema: { operationId: 'listCareGroupTypes', tags, summary: '重点人群类别', response: { 200: z.array(CareGroupType) } } }, (req) => careGroups.listTypes(actorOf(req)));

  r.put('/care-groups', { schema: { operationId: 'configureCareGroupTypes', tags, summary: '配置重点人群类别（未列出的停用）', body: z.array(UpsertCareGroupType).min(1).max(100), response: { 200: z.array(CareGroupType) } } }, (req) =>
    careGroups.configure(actorOf(req), req.body),
  );

  r.get('/care-groups/dashboard', { schema: { operationId: 'getCareDashboard', tags, summary: '网格重点人群统计与待走访名单', querystring: CareDashboardQuery, response: { 200: CareDashboard } } }, (req) =>
    careGroups.dashboard(actorOf(req), req.query.placeId, req.query.withinDays),
  );
}
