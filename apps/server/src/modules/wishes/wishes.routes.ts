import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateWish, FulfilWish, IdParams, Wish, WishListQuery, pageOf } from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function wishesRoutes(app: FastifyInstance, { wishes }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wishes'];

  r.get('/wishes', { schema: { operationId: 'listWishes', tags, summary: '心愿墙', querystring: WishListQuery, response: { 200: pageOf(Wish) } } }, (req) => wishes.list(actorOf(req), req.query));

  r.post(
    '/wishes',
    { schema: { operationId: 'createWish', tags, summary: '发布微心愿（支持 Idempotency-Key）', headers: z.object({ 'idempotency-key': z.string().optional() }), body: CreateWish, response: { 200: Wish, 201: Wish } } },
    async (req, reply) => {
      const result = await wishes.create(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/wishes/:id', { schema: { operationId: 'getWish', tags, summary: '心愿详情', params: IdParams, response: { 200: Wish } } }, (req) => wishes.get(actorOf(req), req.params.id));

  r.post('/wishes/:id/claim', { schema: { operationId: 'claimWish', tags, summary: '认领心愿', params: IdParams, response: { 200: Wish } } }, (req) => wishes.claim(actorOf(req), req.params.id));

  r.post('/wishes/:id/fulfil', { schema: { operationId: 'fulfilWish', tags, summary: '标记心愿已完成（认领人）', params: IdParams, body: FulfilWish, response: { 200: Wish } } }, (req) =>
    wishes.fulfil(actorOf(req), req.params.id, req.body.note),
  );

  r.post('/wishes/:id/confirm', { schema: { operationId: 'confirmWish', tags, summary: '确认心愿已实现（发布人或社区）', params: IdParams, response: { 200: Wish } } }, (req) => wishes.confirm(actorOf(req), req.params.id));

  r.post('/wishes/:id/cancel', { schema: { operationId: 'cancelWish', tags, summary: '撤销心愿', params: IdParams, response: { 200: Wish } } }, (req) => wishes.cancel(actorOf(req), req.params.id));
}
