import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateQuiz, IdParams, Quiz, QuizAttemptListQuery, QuizAttemptResult, QuizAttemptRow, QuizListQuery, QuizSummary, StartedQuizAttempt, SubmitQuizAnswers, UpdateQuiz, pageOf } from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

export function quizzesRoutes(app: FastifyInstance, { quizzes, quizAttempts }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['learning'];

  r.get('/quizzes', { schema: { operationId: 'listQuizzes', tags, summary: '知识测试（党员看到发布到本组织及上级组织的测试）', querystring: QuizListQuery, response: { 200: pageOf(QuizSummary) } } }, (req) =>
    quizzes.list(actorOf(req), req.query),
  );

  r.post('/quizzes', { schema: { operationId: 'createQuiz', tags, summary: '创建知识测试（单选/多选题、限时、一次作答或取最高分、及格分）', body: CreateQuiz, response: { 201: Quiz } } }, async (req, reply) =>
    reply.status(201).send(await quizzes.create(actorOf(req), req.body)),
  );

  r.patch(
    '/quizzes/:id',
    {
      schema: {
        operationId: 'updateQuiz',
        tags,
        summary: '修改知识测试（名称、开放时间、参加范围等）；已有党员作答后，题目、及格分、限时和作答次数不能再修改（409 quiz_has_attempts，不写入任何内容）',
        params: IdParams,
        body: UpdateQuiz,
        response: { 200: Quiz },
      },
    },
    (req) => quizzes.update(actorOf(req), req.params.id, req.body),
  );

  r.get('/quizzes/:id', { schema: { operationId: 'getQuiz', tags, summary: '测试详情（党员看到的题目不含答案；管理人员含答案）', params: IdParams, response: { 200: Quiz } } }, (req) => quizzes.get(actorOf(req), req.params.id));

  r.post(
    '/quizzes/:id/attempts',
    {
      schema: {
        operationId: 'startQuizAttempt',
        tags,
        summary: '开始作答：返回作答编号、服务器端截止时间（现在 + 限时）和不含答案的题目；计时中重复调用返回同一次作答（200）；只允许作答一次的测试再次作答为 409；支持 Idempotency-Key',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: StartedQuizAttempt, 201: StartedQuizAttempt },
      },
    },
    async (req, reply) => {
      const result = await quizAttempts.start(actorOf(req), req.params.id, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/quizzes/:id/attempts', { schema: { operationId: 'listQuizAttempts', tags, summary: '测试结果：辖区内党员的每次作答（得分、是否及格）', params: IdParams, querystring: QuizAttemptListQuery, response: { 200: pageOf(QuizAttemptRow) } } }, (req) =>
    quizAttempts.list(actorOf(req), req.params.id, req.query),
  );

  r.post(
    '/quiz-attempts/:id/answers',
    {
      schema: {
        operationId: 'submitQuizAnswers',
        tags,
        summary: '提交答案（每次作答只能提交一次，409）：服务器评分（单选须选对，多选须完全一致），返回得分与正确答案；超过截止时间（另有 10 秒网络宽限）为 422 quiz_time_out，不写入任何内容',
        params: IdParams,
        body: SubmitQuizAnswers,
        response: { 200: QuizAttemptResult },
      },
    },
    (req) => quizAttempts.submit(actorOf(req), req.params.id, req.body),
  );

  r.get('/quiz-attempts/:id', { schema: { operationId: 'getQuizAttempt', tags, summary: '作答结果（本人或管理人员；提交后含正确答案）', params: IdParams, response: { 200: QuizAttemptResult } } }, (req) =>
    quizAttempts.get(actorOf(req), req.params.id),
  );
}
