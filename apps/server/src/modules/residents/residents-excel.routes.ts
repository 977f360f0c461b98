import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, ImportAccepted, ImportJob, ImportMode, ResidentListQuery } from '@gridwork/contracts';
import { requirePermission } from '../../platform/access';
import { AppError, badRequest } from '../../platform/errors';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';
import { IMPORT_MAX_BYTES_LABEL } from './residents.excel';
import type { ResidentsExcelService } from './residents.import';

declare module 'fastify' {
  interface FastifyInstance {
    /** Built by the composition root (app.ts): it needs the data cipher, which services do not expose. */
    residentsExcel: ResidentsExcelService;
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(reply: FastifyReply, fileName: string, fallback: string) {
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`).header('cache-control', 'no-store');
}

const tooLarge = () => new AppError(413, 'import_too_large', { max: IMPORT_MAX_BYTES_LABEL });

/** Excel template, import jobs and export of the residents register (under /api/v1). */
export function residentsExcelRoutes(app: FastifyInstance, _services: Services) {
  const excel = app.residentsExcel;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['residents'];

  r.get('/residents/import-template', { schema: { operationId: 'downloadResidentImportTemplate', tags, summary: '下载居民导入模板（xlsx，含下拉选项与说明）' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'resident.import');
    return attachment(reply, '居民导入模板.xlsx', 'residents-template.xlsx').send(await excel.template());
  });

  r.post(
    '/residents/imports',
    {
      schema: {
        operationId: 'startResidentImport',
        tags,
        summary: '上传 xlsx 导入居民（multipart：file，mode = all-or-nothing | skip-invalid），后台执行',
        consumes: ['multipart/form-data'],
        response: { 202: ImportAccepted },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'resident.import');
      if (!req.isMultipart()) throw badRequest('import_no_file');
      let upload: { path: string; fileName: string } | undefined;
      let mode: string | undefined;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || upload) {
              part.file.resume();
              continue;
            }
            const target = path.join(os.tmpdir(), `gridwork-import-${crypto.randomUUID()}.xlsx`);
            upload = { path: target, fileName: part.filename || 'import.xlsx' };
            await pipeline(part.file, fs.createWriteStream(target));
            if (part.file.truncated) throw tooLarge();
          } else if (part.fieldname === 'mode') {
            mode = String(part.value);
          }
        }
      } catch (error) {
        if (upload) fs.rmSync(upload.path, { force: true });
        if (error instanceof AppError) throw error;
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw tooLarge();
        throw badRequest('import_no_file');
      }
      if (!upload) throw badRequest('import_no_file');
      const parsedMode = ImportMode.safeParse(mode ?? 'all-or-nothing');
      if (!parsedMode.success) {
        fs.rmSync(upload.path, { force: true });
        throw badRequest('import_bad_mode');
      }
      const accepted = await excel.startImport(actor, upload, parsedMode.data);
      return reply.status(202).send(accepted);
    },
  );

  r.get('/residents/imports/:id', { schema: { operationId: 'getResidentImport', tags, summary: '导入任务进度', params: IdParams, response: { 200: ImportJob } } }, (req) =>
    excel.getJob(actorOf(req), req.params.id),
  );

  r.get('/residents/imports/:id/errors', { schema: { operationId: 'downloadResidentImportErrors', tags, summary: '导入错误报告（xlsx：行号、列、原因）', params: IdParams } }, async (req, reply) => {
    const stream = await excel.errorsWorkbook(actorOf(req), req.params.id);
    return attachment(reply, `导入错误报告-${req.params.id.slice(0, 8)}.xlsx`, `import-errors-${req.params.id.slice(0, 8)}.xlsx`).send(stream);
  });

  r.get('/residents/export', { schema: { operationId: 'exportResidents', tags, summary: '按列表筛选条件导出居民（xlsx；无查看完整信息权限时脱敏）', querystring: ResidentListQuery } }, async (req, reply) => {
    const result = await excel.exportResidents(actorOf(req), req.query);
    return attachment(reply, result.fileName, 'residents.xlsx').header('x-total-count', String(result.rows)).send(result.stream);
  });
}
