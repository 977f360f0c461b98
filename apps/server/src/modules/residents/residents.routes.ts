import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateResident, CreateVisit, IdParams, Ok, Resident, ResidentDetail, ResidentListQuery, ResidentPersonalData, RevealBody, RevealResponse, UpdateResident, Visit, VisitListQuery, pageOf } from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function residentsRoutes(app: FastifyInstance, { residents, visits }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['residents'];

  r.get('/residents', { schema: { operationId: 'listResidents', tags, summary: '居民列表（姓名/拼音首字母、证件号、电话、地点、重点人群、年龄段）', querystring: ResidentListQuery, response: { 200: pageOf(Resident) } } }, (req) =>
    residents.list(actorOf(req), req.query),
  );

  r.post('/residents', { schema: { operationId: 'createResident', tags, summary: '登记居民', body: CreateResident, response: { 201: ResidentDetail } } }, async (req, reply) => {
    const resident = await residents.create(actorOf(req), req.body);
    return reply.status(201).send(resident);
  });

  r.get('/residents/:id', { schema: { operationId: 'getResident', tags, summary: '居民档案（未满 14 周岁需专门权限，每次查看记入审计日志）', params: IdParams, response: { 200: ResidentDetail } } }, (req) =>
    residents.get(actorOf(req), req.params.id),
  );

  r.patch('/residents/:id', { schema: { operationId: 'updateResident', tags, summary: '更正居民信息；改 householdId 即迁户（保留迁移记录）', params: IdParams, body: UpdateResident, response: { 200: ResidentDetail } } }, (req) =>
    residents.update(actorOf(req), req.params.id, req.body),
  );

  r.delete('/residents/:id', { schema: { operationId: 'anonymiseResident', tags, summary: '注销居民（匿名化，保留历史记录的一致性）', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await residents.anonymise(actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.post('/residents/:id/reveal', { schema: { operationId: 'revealResidentField', tags, summary: '查看完整证件号/电话/健康信息（需专门权限，记入审计日志）', params: IdParams, body: RevealBody, response: { 200: RevealResponse } } }, (req) =>
    residents.reveal(actorOf(req), req.params.id, req.body.field, req.body.reason),
  );

  r.get('/residents/:id/personal-data', { schema: { operationId: 'exportResidentPersonalData', tags, summary: '个人信息副本（PIPL 查阅、复制权），记入审计日志', params: IdParams, response: { 200: ResidentPersonalData } } }, async (req, reply) => {
    const data = await residents.personalData(actorOf(req), req.params.id);
    return reply.header('content-disposition', `attachment; filename="personal-data-${req.params.id}.json"`).header('cache-control', 'no-store').send(data);
  });

  r.get('/residents/:id/visits', { schema: { operationId: 'listResidentVisits', tags, summary: '某居民的走访记录', params: IdParams, querystring: VisitListQuery.omit({ residentId: true, placeId: true }), response: { 200: pageOf(Visit) } } }, (req) =>
    visits.list(actorOf(req), { ...req.query, residentId: req.params.id }),
  );

  r.post('/residents/:id/visits', { schema: { operationId: 'createVisit', tags, summary: '记录走访', params: IdParams, body: CreateVisit, response: { 201: Visit } } }, async (req, reply) => {
    const visit = await visits.create(actorOf(req), req.params.id, req.body);
    return reply.status(201).send(visit);
  });

  r.get('/visits', { schema: { operationId: 'listVisits', tags, summary: '走访记录（按地点）', querystring: VisitListQuery, response: { 200: pageOf(Visit) } } }, (req) => visits.list(actorOf(req), req.query));
}
