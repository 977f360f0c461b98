import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateClaim,
  CreateServicePost,
  IdParams,
  LogHours,
  RejectBody,
  ServiceHours,
  ServiceHoursEntry,
  ServiceHoursListQuery,
  ServicePost,
  ServicePostClaim,
  ServicePostListQuery,
  pageOf,
} from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

export function servicePostsRoutes(app: FastifyInstance, { servicePosts, serviceHours }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['service-posts'];

  r.get('/service-posts', { schema: { operationId: 'listServicePosts', tags, summary: '服务岗位（党员看到本社区的岗位）', querystring: ServicePostListQuery, response: { 200: pageOf(ServicePost) } } }, (req) =>
    servicePosts.list(actorOf(req), req.query),
  );

  r.post('/service-posts', { schema: { operationId: 'createServicePost', tags, summary: '发布服务岗位（社区或网格；名额、服务期）', body: CreateServicePost, response: { 201: ServicePost } } }, async (req, reply) =>
    reply.status(201).send(await servicePosts.create(actorOf(req), req.body)),
  );

  r.get('/service-posts/:id', { schema: { operationId: 'getServicePost', tags, summary: '服务岗位详情', params: IdParams, response: { 200: ServicePost } } }, (req) => servicePosts.get(actorOf(req), req.params.id));

  r.post('/service-posts/:id/close', { schema: { operationId: 'closeServicePost', tags, summary: '关闭服务岗位（不再接受认领）', params: IdParams, response: { 200: ServicePost } } }, (req) =>
    servicePosts.close(actorOf(req), req.params.id),
  );

  r.get('/service-posts/:id/claims', { schema: { operationId: 'listServicePostClaims', tags, summary: '岗位的认领情况和服务时长（党员只看到自己的）', params: IdParams, response: { 200: z.array(ServicePostClaim) } } }, (req) =>
    servicePosts.claimsOf(actorOf(req), req.params.id),
  );

  r.post(
    '/service-posts/:id/claims',
    { schema: { operationId: 'claimServicePost', tags, summary: '认领服务岗位（党员本人，或工作人员代认领；满员返回 409；支持 Idempotency-Key）', params: IdParams, headers: IdempotencyHeaders, body: CreateClaim, response: { 200: ServicePostClaim, 201: ServicePostClaim } } },
    async (req, reply) => {
      const result = await servicePosts.claim(actorOf(req), req.params.id, req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/service-post-claims', { schema: { operationId: 'listMyServicePostClaims', tags, summary: '我认领的岗位、登记的服务时长和获得的积分', response: { 200: z.array(ServicePostClaim) } } }, (req) => servicePosts.myClaims(actorOf(req)));

  r.post('/service-post-claims/:id/hours', { schema: { operationId: 'logServiceHours', tags, summary: '登记服务时长（日期、时长按半小时计、说明）', params: IdParams, body: LogHours, response: { 201: ServiceHours } } }, async (req, reply) =>
    reply.status(201).send(await serviceHours.log(actorOf(req), req.params.id, req.body)),
  );

  r.get('/service-post-hours', { schema: { operationId: 'listServiceHours', tags, summary: '服务时长（待确认队列与记录）', querystring: ServiceHoursListQuery, response: { 200: pageOf(ServiceHoursEntry) } } }, (req) =>
    serviceHours.list(actorOf(req), req.query),
  );

  r.post('/service-post-hours/:id/confirm', { schema: { operationId: 'confirmServiceHours', tags, summary: '确认服务时长（计入党员积分并通知本人）', params: IdParams, response: { 200: ServiceHoursEntry } } }, (req) =>
    serviceHours.confirm(actorOf(req), req.params.id),
  );

  r.post('/service-post-hours/:id/reject', { schema: { operationId: 'rejectServiceHours', tags, summary: '退回服务时长（须填写原因）', params: IdParams, body: RejectBody, response: { 200: ServiceHoursEntry } } }, (req) =>
    serviceHours.reject(actorOf(req), req.params.id, req.body.reason),
  );
}
