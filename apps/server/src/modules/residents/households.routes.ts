import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateHousehold, Household, HouseholdListQuery, IdParams, Ok, UpdateHousehold, pageOf } from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function householdsRoutes(app: FastifyInstance, { households }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['residents'];

  r.get('/households', { schema: { operationId: 'listHouseholds', tags, summary: '户列表（按楼栋或地点）', querystring: HouseholdListQuery, response: { 200: pageOf(Household) } } }, (req) =>
    households.list(actorOf(req), req.query),
  );

  r.post('/households', { schema: { operationId: 'createHousehold', tags, summary: '在楼栋下新建户', body: CreateHousehold, response: { 201: Household } } }, async (req, reply) => {
    const household = await households.create(actorOf(req), req.body);
    return reply.status(201).send(household);
  });

  r.get('/households/:id', { schema: { operationId: 'getHousehold', tags, params: IdParams, response: { 200: Household } } }, (req) => households.get(actorOf(req), req.params.id));

  r.patch('/households/:id', { schema: { operationId: 'updateHousehold', tags, params: IdParams, body: UpdateHousehold, response: { 200: Household } } }, (req) =>
    households.update(actorOf(req), req.params.id, req.body),
  );

  r.delete('/households/:id', { schema: { operationId: 'deleteHousehold', tags, summary: '删除空户', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await households.remove(actorOf(req), req.params.id);
    return { ok: true as const };
  });
}
