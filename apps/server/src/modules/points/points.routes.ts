import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatePointsEntry, IdParams, LedgerCheck, PointsAccount, PointsAccountQuery, PointsEntry, ReversePointsEntry } from '@gridwork/contracts';
import { requirePermission } from '../../platform/access';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function pointsRoutes(app: FastifyInstance, { points }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['points'];

  r.get('/points/me', { schema: { operationId: 'getMyPoints', tags, summary: '我的积分与明细', querystring: PointsAccountQuery, response: { 200: PointsAccount } } }, (req) => points.mine(actorOf(req), req.query));

  r.get(
    '/points/accounts/:residentId',
    { schema: { operationId: 'getPointsAccount', tags, summary: '居民积分账户：余额与明细（每笔可追溯来源）', params: z.object({ residentId: z.uuid() }), querystring: PointsAccountQuery, response: { 200: PointsAccount } } },
    (req) => points.account(actorOf(req), req.params.residentId, req.query),
  );

  r.post(
    '/points/entries',
    { schema: { operationId: 'createPointsEntry', tags, summary: '积分调整（须填原因；支持 Idempotency-Key：同一键只生效一次）', headers: z.object({ 'idempotency-key': z.string().optional() }), body: CreatePointsEntry, response: { 200: PointsEntry, 201: PointsEntry } } },
    async (req, reply) => {
      const result = await points.adjust(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.post('/points/entries/:id/reverse', { schema: { operationId: 'reversePointsEntry', tags, summary: '冲正一笔积分（只能一次）', params: IdParams, body: ReversePointsEntry, response: { 200: PointsEntry } } }, (req) =>
    points.reverse(actorOf(req), req.params.id, req.body.reason),
  );

  r.get('/points/check', { schema: { operationId: 'checkPointsLedger', tags, summary: '积分账本核对：余额 = 明细之和，每笔借贷平衡', response: { 200: LedgerCheck } } }, (req) => {
    requirePermission(actorOf(req), 'points.adjust');
    return points.check();
  });
}
