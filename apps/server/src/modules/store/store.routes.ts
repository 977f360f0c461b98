import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CancelStoreRedemption,
  CreateStoreDonation,
  CreateStoreGoods,
  CreateStoreRedemption,
  IdParams,
  StoreDonation,
  StoreDonationListQuery,
  StoreGoods,
  StoreGoodsListQuery,
  StoreRedemption,
  StoreRedemptionListQuery,
  StoreReport,
  StoreReportQuery,
  UpdateStoreGoods,
  pageOf,
} from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

export function storeRoutes(app: FastifyInstance, { store }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['store'];

  r.get('/store/goods', { schema: { operationId: 'listStoreGoods', tags, summary: '爱心超市物品目录（社区、类别、上下架、名称；游标分页）', querystring: StoreGoodsListQuery, response: { 200: pageOf(StoreGoods) } } }, (req) =>
    store.goods.list(actorOf(req), req.query),
  );
  r.post('/store/goods', { schema: { operationId: 'createStoreGoods', tags, summary: '新增物品（积分价格须为正整数）', body: CreateStoreGoods, response: { 201: StoreGoods } } }, async (req, reply) =>
    reply.status(201).send(await store.goods.create(actorOf(req), req.body)),
  );
  r.get('/store/goods/:id', { schema: { operationId: 'getStoreGoods', tags, summary: '物品详情', params: IdParams, response: { 200: StoreGoods } } }, (req) => store.goods.get(actorOf(req), req.params.id));
  r.patch('/store/goods/:id', { schema: { operationId: 'updateStoreGoods', tags, summary: '修改物品（价格、上下架等；库存只随捐赠和兑换变化）', params: IdParams, body: UpdateStoreGoods, response: { 200: StoreGoods } } }, (req) =>
    store.goods.update(actorOf(req), req.params.id, req.body),
  );

  r.get('/store/donations', { schema: { operationId: 'listStoreDonations', tags, summary: '捐赠记录（物品与现金）', querystring: StoreDonationListQuery, response: { 200: pageOf(StoreDonation) } } }, (req) =>
    store.donations.list(actorOf(req), req.query),
  );
  r.post('/store/donations', { schema: { operationId: 'createStoreDonation', tags, summary: '登记捐赠：物品入库增加库存；现金仅登记', body: CreateStoreDonation, response: { 201: StoreDonation } } }, async (req, reply) =>
    reply.status(201).send(await store.donations.create(actorOf(req), req.body)),
  );

  r.get('/store/redemptions', { schema: { operationId: 'listStoreRedemptions', tags, summary: '兑换记录（居民只看到本人的）', querystring: StoreRedemptionListQuery, response: { 200: pageOf(StoreRedemption) } } }, (req) =>
    store.redemptions.list(actorOf(req), req.query),
  );
  r.post(
    '/store/redemptions',
    {
      schema: {
        operationId: 'createStoreRedemption',
        tags,
        summary: '兑换（柜台当场领取）或预约（居民本人，到店领取）；积分或库存不足 409；支持 Idempotency-Key',
        headers: IdempotencyHeaders,
        body: CreateStoreRedemption,
        response: { 200: StoreRedemption, 201: StoreRedemption },
      },
    },
    async (req, reply) => {
      const result = await store.redemptions.redeem(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );
  r.get('/store/redemptions/:id', { schema: { operationId: 'getStoreRedemption', tags, summary: '兑换详情', params: IdParams, response: { 200: StoreRedemption } } }, (req) =>
    store.redemptions.get(actorOf(req), req.params.id),
  );
  r.post('/store/redemptions/:id/pick-up', { schema: { operationId: 'pickUpStoreRedemption', tags, summary: '预约领取（柜台）', params: IdParams, response: { 200: StoreRedemption } } }, (req) =>
    store.redemptions.pickUp(actorOf(req), req.params.id),
  );
  r.post('/store/redemptions/:id/cancel', { schema: { operationId: 'cancelStoreRedemption', tags, summary: '取消兑换：库存退回、积分退还（仅一次）', params: IdParams, body: CancelStoreRedemption, response: { 200: StoreRedemption } } }, (req) =>
    store.redemptions.cancel(actorOf(req), req.params.id, req.body.reason),
  );

  r.get('/store/report', { schema: { operationId: 'getStoreReport', tags, summary: '爱心超市月度报表：入库、出库、库存、积分消耗、现金捐赠', querystring: StoreReportQuery, response: { 200: StoreReport } } }, (req) =>
    store.report.report(actorOf(req), req.query),
  );
}
