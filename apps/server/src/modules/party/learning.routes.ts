import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateStudyMaterial,
  IdParams,
  Id,
  Leaderboard,
  LeaderboardQuery,
  MyStudyPoints,
  RecordStudy,
  STUDY_ATTACHMENT_MAX_BYTES,
  StudyAttachment,
  StudyMaterial,
  StudyMaterialListQuery,
  StudyRecord,
  StudyRoster,
  UpdateStudyMaterial,
  Ok,
  pageOf,
} from '@gridwork/contracts';
import { AppError } from '../../platform/errors';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });
const AttachmentParams = z.object({ id: Id, attachmentId: Id });
const tooLarge = () => new AppError(413, 'attachment_too_large', { max: `${STUDY_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` });

export function learningRoutes(app: FastifyInstance, { learning, studies }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['learning'];

  r.get('/study-materials', { schema: { operationId: 'listStudyMaterials', tags, summary: '学习资料（党员看到发布到本组织及上级组织的资料；工作人员看到辖区内的；列表中正文只含前 120 字，详情含全文）', querystring: StudyMaterialListQuery, response: { 200: pageOf(StudyMaterial) } } }, (req) =>
    learning.list(actorOf(req), req.query),
  );

  r.post('/study-materials', { schema: { operationId: 'createStudyMaterial', tags, summary: '发布学习资料（正文、链接，发布到一个或多个党组织）', body: CreateStudyMaterial, response: { 201: StudyMaterial } } }, async (req, reply) =>
    reply.status(201).send(await learning.create(actorOf(req), req.body)),
  );

  r.get('/study-materials/:id', { schema: { operationId: 'getStudyMaterial', tags, summary: '学习资料详情', params: IdParams, response: { 200: StudyMaterial } } }, (req) => learning.get(actorOf(req), req.params.id));

  r.patch('/study-materials/:id', { schema: { operationId: 'updateStudyMaterial', tags, summary: '修改学习资料或发布范围', params: IdParams, body: UpdateStudyMaterial, response: { 200: StudyMaterial } } }, (req) =>
    learning.update(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/study-materials/:id/attachments',
    { schema: { operationId: 'uploadStudyAttachment', tags, summary: '上传附件（multipart：file；PDF、Word、Excel、PowerPoint、JPEG、PNG，按内容识别，每个最多 5 MB）', consumes: ['multipart/form-data'], params: IdParams, response: { 201: StudyAttachment } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await learning.assertWritable(actor, req.params.id);
      if (!req.isMultipart()) throw new AppError(415, 'attachment_type_not_allowed');
      let bytes: Buffer;
      let fileName: string | undefined;
      try {
        const file = await req.file({ limits: { fileSize: STUDY_ATTACHMENT_MAX_BYTES, files: 1 } });
        if (!file) throw new AppError(415, 'attachment_type_not_allowed');
        bytes = await file.toBuffer();
        fileName = file.filename;
        if (file.file.truncated) throw tooLarge();
      } catch (error) {
        if (error instanceof AppError) throw error;
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw new AppError(415, 'attachment_type_not_allowed');
      }
      return reply.status(201).send(await learning.addAttachment(actor, req.params.id, bytes, fileName));
    },
  );

  r.get('/study-materials/:id/attachments/:attachmentId', { schema: { operationId: 'getStudyAttachment', tags, summary: '下载附件（能看到该资料的人可取）', params: AttachmentParams } }, async (req, reply) => {
    const file = await learning.attachment(actorOf(req), req.params.id, req.params.attachmentId);
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.data);
  });

  r.delete('/study-materials/:id/attachments/:attachmentId', { schema: { operationId: 'deleteStudyAttachment', tags, summary: '删除附件', params: AttachmentParams, response: { 200: Ok } } }, async (req) => {
    await learning.removeAttachment(actorOf(req), req.params.id, req.params.attachmentId);
    return { ok: true as const };
  });

  r.post(
    '/study-materials/:id/studies',
    {
      schema: {
        operationId: 'recordStudy',
        tags,
        summary: '记录学习：党员本人标记“已学习”（每人一次）；或工作人员为行动不便的党员记录“送学上门”（mode = delivered，须选党员并填写说明）；支持 Idempotency-Key',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: RecordStudy,
        response: { 200: StudyRecord, 201: StudyRecord },
      },
    },
    async (req, reply) => {
      const result = await studies.record(actorOf(req), req.params.id, req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/study-materials/:id/studies', { schema: { operationId: 'listStudies', tags, summary: '学习情况：谁已学习、谁尚未学习（发布范围内、辖区内的党员）', params: IdParams, response: { 200: StudyRoster } } }, (req) =>
    studies.roster(actorOf(req), req.params.id),
  );

  r.get('/learning/leaderboard', { schema: { operationId: 'getLearningLeaderboard', tags, summary: '学习之星：组织（含下级）内党员在时段内的学习积分排行', querystring: LeaderboardQuery, response: { 200: Leaderboard } } }, (req) =>
    studies.leaderboard(actorOf(req), req.query),
  );

  r.get('/learning/my-points', { schema: { operationId: 'getMyStudyPoints', tags, summary: '我的学习积分（每一分的来源）', response: { 200: MyStudyPoints } } }, (req) => studies.myPoints(actorOf(req)));
}
