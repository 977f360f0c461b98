import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateEnrolment, EmployerReport, HomeCommunity, EmployerReportQuery, Enrolment, EnrolmentListQuery, IdParams, RejectBody, pageOf } from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function enrolmentsRoutes(app: FastifyInstance, { enrolments, employerReport }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enrolments'];

  r.post(
    '/enrolments',
    { schema: { operationId: 'createEnrolment', tags, summary: '在职党员到社区报到（本人提交；支持 Idempotency-Key）', headers: IdempotencyHeaders, body: CreateEnrolment, response: { 200: Enrolment, 201: Enrolment } } },
    async (req, reply) => {
      const result = await enrolments.create(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/enrolments', { schema: { operationId: 'listEnrolments', tags, summary: '报到申请（社区审核队列；本人看到自己的）', querystring: EnrolmentListQuery, response: { 200: pageOf(Enrolment) } } }, (req) =>
    enrolments.list(actorOf(req), req.query),
  );

  r.get('/enrolments/home-communities', { schema: { operationId: 'listEnrolmentHomeCommunities', tags, summary: '本人可报到的社区（所住社区）', response: { 200: z.array(HomeCommunity) } } }, (req) =>
    enrolments.homeCommunities(actorOf(req)),
  );

  r.get('/enrolments/employer-report', { schema: { operationId: 'getEmployerReport', tags, summary: '按工作单位统计在职党员报到、服务时长和认领岗位', querystring: EmployerReportQuery, response: { 200: EmployerReport } } }, (req) =>
    employerReport.report(actorOf(req), req.query),
  );

  r.get('/enrolments/employer-report/export', { schema: { operationId: 'exportEmployerReport', tags, summary: '导出在职党员报到情况（xlsx）', querystring: EmployerReportQuery } }, async (req, reply) => {
    const { buffer, fileName } = await employerReport.exportXlsx(actorOf(req), req.query);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="employer-report.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('cache-control', 'no-store')
      .send(buffer);
  });

  r.post('/enrolments/:id/approve', { schema: { operationId: 'approveEnrolment', tags, summary: '通过报到申请（建立在职党员档案、计入党员积分、通知本人）', params: IdParams, response: { 200: Enrolment } } }, (req) =>
    enrolments.approve(actorOf(req), req.params.id),
  );

  r.post('/enrolments/:id/reject', { schema: { operationId: 'rejectEnrolment', tags, summary: '退回报到申请（须填写原因）', params: IdParams, body: RejectBody, response: { 200: Enrolment } } }, (req) =>
    enrolments.reject(actorOf(req), req.params.id, req.body.reason),
  );
}
