import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  SessionAttendanceSheet,
  CompletenessQuery,
  CompletenessReport,
  CreateMakeUp,
  CreateOrgLifeSession,
  IdParams,
  OrgLifeExportQuery,
  OrgLifeFrequencies,
  OrgLifeFrequenciesQuery,
  OrgLifeSession,
  OrgLifeSessionDetail,
  OrgLifeSessionListQuery,
  SessionPhoto,
  SessionPhotoParams,
  UpdateOrgLifeFrequencies,
  UpdateOrgLifeSession,
  pageOf,
} from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import { readUploadedImage } from '../../platform/images';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function orgLifeRoutes(app: FastifyInstance, { orgLife, orgLifeCompleteness, orgLifeExport }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org-life'];

  r.get(
    '/org-life-sessions',
    { schema: { operationId: 'listOrgLifeSessions', tags, summary: '三会一课与主题党日（组织含下级；党员只看到自己应参加的）', querystring: OrgLifeSessionListQuery, response: { 200: pageOf(OrgLifeSession) } } },
    (req) => orgLife.list(actorOf(req), req.query),
  );

  r.post(
    '/org-life-sessions',
    {
      schema: {
        operationId: 'createOrgLifeSession',
        tags,
        summary: '安排组织生活（类型、党组织、时间、地点、主题、应到人员；支持 Idempotency-Key）',
        headers: IdempotencyHeaders,
        body: CreateOrgLifeSession,
        response: { 200: OrgLifeSessionDetail, 201: OrgLifeSessionDetail },
      },
    },
    async (req, reply) => {
      const result = await orgLife.create(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get(
    '/org-life-sessions/completeness',
    { schema: { operationId: 'getOrgLifeCompleteness', tags, summary: '组织生活完成情况（按党支部、党小组与规定频次逐期统计，标出缺漏）', querystring: CompletenessQuery, response: { 200: CompletenessReport } } },
    (req) => orgLifeCompleteness.report(actorOf(req), req.query),
  );

  r.get('/org-life-sessions/export', { schema: { operationId: 'exportOrgLifeSessions', tags, summary: '导出组织生活记录（Excel，含出席统计）', querystring: OrgLifeExportQuery } }, async (req, reply) => {
    const file = await orgLifeExport(actorOf(req), req.query);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="org-life-sessions.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'no-store')
      .send(file.data);
  });

  r.get('/org-life-sessions/:id', { schema: { operationId: 'getOrgLifeSession', tags, summary: '组织生活详情（应到人员、出席、补学）', params: IdParams, response: { 200: OrgLifeSessionDetail } } }, (req) =>
    orgLife.get(actorOf(req), req.params.id),
  );

  r.patch(
    '/org-life-sessions/:id',
    { schema: { operationId: 'updateOrgLifeSession', tags, summary: '修改计划、会议记录、状态（取消须填写原因）', params: IdParams, body: UpdateOrgLifeSession, response: { 200: OrgLifeSessionDetail } } },
    (req) => orgLife.update(actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/org-life-sessions/:id/attendance',
    { schema: { operationId: 'recordOrgLifeAttendance', tags, summary: '登记出席情况（整表替换：出席、请假、缺席；自动计入党员积分）', params: IdParams, body: SessionAttendanceSheet, response: { 200: OrgLifeSessionDetail } } },
    (req) => orgLife.recordAttendance(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/org-life-sessions/:id/make-ups',
    { schema: { operationId: 'addOrgLifeMakeUp', tags, summary: '登记补学（缺席或请假的党员）', params: IdParams, body: CreateMakeUp, response: { 201: OrgLifeSessionDetail } } },
    async (req, reply) => reply.status(201).send(await orgLife.addMakeUp(actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/org-life-sessions/:id/photos',
    { schema: { operationId: 'uploadOrgLifePhoto', tags, summary: '上传会议照片（JPEG/PNG/WebP，按内容识别；去除 EXIF/GPS 后保存）', consumes: ['multipart/form-data'], params: IdParams, response: { 201: SessionPhoto } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await orgLife.assertWritable(actor, req.params.id);
      const bytes = await readUploadedImage(req);
      return reply.status(201).send(await orgLife.uploadPhoto(actor, req.params.id, bytes));
    },
  );

  r.get('/org-life-sessions/:id/photos', { schema: { operationId: 'listOrgLifePhotos', tags, summary: '会议照片列表', params: IdParams, response: { 200: z.array(SessionPhoto) } } }, (req) =>
    orgLife.photos(actorOf(req), req.params.id),
  );

  r.get('/org-life-sessions/:id/photos/:photoId', { schema: { operationId: 'getOrgLifePhoto', tags, summary: '会议照片（仅能查看该会议的人可取）', params: SessionPhotoParams } }, async (req, reply) => {
    const photo = await orgLife.photo(actorOf(req), req.params.id, req.params.photoId);
    return reply.type(photo.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(photo.data);
  });

  r.get(
    '/org-life-frequencies',
    { schema: { operationId: 'getOrgLifeFrequencies', tags, summary: '组织生活规定频次（某地适用的设置；未设置时为默认）', querystring: OrgLifeFrequenciesQuery, response: { 200: OrgLifeFrequencies } } },
    (req) => orgLifeCompleteness.frequencies(actorOf(req), req.query.placeId),
  );

  r.put(
    '/org-life-frequencies',
    { schema: { operationId: 'setOrgLifeFrequencies', tags, summary: '设置组织生活规定频次（社区、街道或区县）', body: UpdateOrgLifeFrequencies, response: { 200: OrgLifeFrequencies } } },
    (req) => orgLifeCompleteness.setFrequencies(actorOf(req), req.body),
  );
}
