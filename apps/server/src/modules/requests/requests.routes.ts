import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Assignee,
  CreateRequest,
  EchoWall,
  EchoWallQuery,
  IdParams,
  NearbyQuery,
  Ok,
  NearbyRequest,
  PublicCommunity,
  RequestCategory,
  RequestListQuery,
  RequestStats,
  RequestStatsQuery,
  RequestTransition,
  ServiceRequest,
  ServiceRequestSummary,
  StagedPhoto,
  TriageSuggestion,
  TriageSuggestionQuery,
  UpsertRequestCategory,
  pageOf,
} from '@gridwork/contracts';
import { inScope, scopeOf } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';
import { readUploadedImage } from '../../platform/images';
import type { RequestsExport } from './requests.export';

declare module 'fastify' {
  interface FastifyInstance {
    /** Built by the composition root (app.ts): the export's audit row needs the database, which services do not expose. */
    requestsExport: RequestsExport;
  }
}

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });
const ExportQuery = RequestListQuery.omit({ cursor: true, limit: true });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The residents module keeps its own helper private; same headers: an ASCII fallback for old clients, the UTF-8 name for the rest (RFC 6266). */
function attachment(reply: FastifyReply, fileName: string, fallback: string) {
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`).header('cache-control', 'no-store');
}

export function requestsRoutes(app: FastifyInstance, { requests, requestStats, echoWall }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['requests'];
  // Open event streams, ended when the server closes so a graceful shutdown does not wait on them.
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });

  r.get('/request-categories', { schema: { operationId: 'listRequestCategories', tags, summary: '诉求类别（含 SLA 时限与默认分流）', response: { 200: z.array(RequestCategory) } } }, (req) =>
    requests.categories(actorOf(req)),
  );

  r.put('/request-categories', { schema: { operationId: 'configureRequestCategories', tags, summary: '配置诉求类别（按编码新增或更新）', body: z.array(UpsertRequestCategory).min(1).max(200), response: { 200: z.array(RequestCategory) } } }, (req) =>
    requests.configureCategories(actorOf(req), req.body),
  );

  r.get('/requests/triage-suggestion', { schema: { operationId: 'suggestTriage', tags, summary: '三事分流建议（按类别与描述）', querystring: TriageSuggestionQuery, response: { 200: TriageSuggestion } } }, (req) =>
    requests.suggestTriage(actorOf(req), req.query.category, req.query.text),
  );

  r.get('/requests/nearby', { schema: { operationId: 'nearbyRequests', tags, summary: '100 米内同类未办结诉求（提交前提示“已有人反映”）', querystring: NearbyQuery, response: { 200: z.array(NearbyRequest) } } }, (req) =>
    requests.nearby(actorOf(req), req.query.category, { lng: req.query.lng, lat: req.query.lat }),
  );

  r.get('/requests/stats', { schema: { operationId: 'getRequestStats', tags, summary: '诉求统计：受理、办结、办结率、按时办结率、平均办理时长、满意度，按类别与三事分流', querystring: RequestStatsQuery, response: { 200: RequestStats } } }, (req) =>
    requestStats.stats(actorOf(req), req.query),
  );

  r.post(
    '/request-photos',
    { schema: { operationId: 'uploadRequestPhoto', tags, summary: '上传诉求照片（JPEG/PNG/WebP，按内容识别；去除 EXIF/GPS 后保存）', consumes: ['multipart/form-data'], response: { 201: StagedPhoto } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const bytes = await readUploadedImage(req);
      return reply.status(201).send(await requests.uploadPhoto(actor, bytes));
    },
  );

  r.get('/request-photos/:id', { schema: { operationId: 'getRequestPhoto', tags, summary: '诉求照片（仅能看到该诉求的人可取）', params: IdParams } }, async (req, reply) => {
    const photo = await requests.photo(actorOf(req), req.params.id);
    return reply.type(photo.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(photo.data);
  });

  r.get('/requests', { schema: { operationId: 'listRequests', tags, summary: '诉求台账（状态、类别、三事分流、超期、网格、渠道、日期；游标分页）', querystring: RequestListQuery, response: { 200: pageOf(ServiceRequestSummary) } } }, (req) =>
    requests.list(actorOf(req), req.query),
  );

  // Before `/requests/:id`, so `export` is not taken for an id.
  r.get('/requests/export', { schema: { operationId: 'exportRequests', tags, summary: '按台账筛选条件导出诉求（xlsx，范围与列表一致，最多 5 万行）', querystring: ExportQuery } }, async (req, reply) => {
    const result = await app.requestsExport.exportRequests(actorOf(req), req.query);
    return attachment(reply, result.fileName, 'requests.xlsx').header('x-total-count', String(result.rows)).send(result.stream);
  });

  r.post(
    '/requests',
    { schema: { operationId: 'createRequest', tags, summary: '登记诉求（支持 Idempotency-Key：重试不会重复登记）', headers: IdempotencyHeaders, body: CreateRequest, response: { 200: ServiceRequest, 201: ServiceRequest } } },
    async (req, reply) => {
      const result = await requests.create(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/requests/live', { schema: { operationId: 'streamRequests', tags, summary: '实时推送（Server-Sent Events）：辖区内新诉求与状态变化' } }, async (req, reply) => {
    const actor = actorOf(req);
    const scope = scopeOf(actor, 'request.read');
    if (scope.paths.length === 0) throw new AppError(403, 'forbidden');
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    out.write('retry: 5000\n\n');
    const unsubscribe = await app.live.subscribe((message) => {
      if (message.topic === 'request' && inScope(scope, message.path)) out.write(`event: request\ndata: ${JSON.stringify(message.data)}\n\n`);
    });
    const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 25_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      if (!out.writableEnded) out.end();
    };
    streams.add(end);
    req.raw.on('close', end);
  });

  r.get('/requests/:id', { schema: { operationId: 'getRequest', tags, summary: '诉求详情与办理记录', params: IdParams, response: { 200: ServiceRequest } } }, (req) =>
    requests.get(actorOf(req), req.params.id),
  );

  r.post('/requests/:id/transitions', { schema: { operationId: 'transitionRequest', tags, summary: '办理：受理、派单、开始办理、办结、回访、关闭、退回、重新办理、转派、上报', params: IdParams, body: RequestTransition, response: { 200: ServiceRequest } } }, (req) =>
    requests.transition(actorOf(req), req.params.id, req.body),
  );

  r.post('/requests/:id/follow', { schema: { operationId: 'followRequest', tags, summary: '关注诉求（已有人反映时不必重复提交，办结时收到通知）', params: IdParams, response: { 200: ServiceRequest } } }, (req) =>
    requests.follow(actorOf(req), req.params.id),
  );

  r.delete('/requests/:id/follow', { schema: { operationId: 'unfollowRequest', tags, summary: '取消关注', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await requests.unfollow(actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.get('/requests/:id/assignees', { schema: { operationId: 'listRequestAssignees', tags, summary: '可派单的责任人', params: IdParams, response: { 200: z.array(Assignee) } } }, (req) =>
    requests.assignees(actorOf(req), req.params.id),
  );

  r.get('/public/communities', { config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { operationId: 'listPublicCommunities', tags: ['public'], summary: '社区列表（回音壁入口，无需登录）', security: [], response: { 200: z.array(PublicCommunity) } } }, () =>
    echoWall.communities(),
  );

  r.get('/public/echo-wall', { config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { operationId: 'getEchoWall', tags: ['public'], summary: '回音壁：社区诉求与答复（无需登录，不含姓名、电话、门牌）', security: [], querystring: EchoWallQuery, response: { 200: EchoWall } } }, (req) =>
    echoWall.wall(req.query),
  );
}
