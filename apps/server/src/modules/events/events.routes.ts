import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Attendance,
  AttendanceParams,
  AttendanceSheet,
  CalendarQuery,
  CheckInCode,
  CheckInOut,
  CreateEvent,
  CreateLectureTopic,
  CreateSignup,
  Event,
  EventListQuery,
  IdParams,
  LectureTopic,
  LectureTopicListQuery,
  Signup,
  SignupParams,
  UpdateEvent,
  VolunteerStats,
  VolunteerStatsQuery,
  pageOf,
} from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

export function eventsRoutes(app: FastifyInstance, { events, attendance, lectureTopics, eventStats, eventCalendar }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];

  // Before `/events/:id`: the public feed (subscribed to by calendar apps, so no login).
  r.get(
    '/events/calendar.ics',
    { config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { operationId: 'getEventCalendar', tags: ['public'], summary: '社区活动日历（iCalendar，无需登录）', security: [], querystring: CalendarQuery } },
    async (req, reply) => {
      const body = await eventCalendar.feed(req.query.communityId);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="events.ics"').header('cache-control', 'public, max-age=300').send(body);
    },
  );

  r.get('/events', { schema: { operationId: 'listEvents', tags, summary: '活动列表（居民看到本社区已发布的活动）', querystring: EventListQuery, response: { 200: pageOf(Event) } } }, (req) => events.list(actorOf(req), req.query));

  r.post(
    '/events',
    { schema: { operationId: 'createEvent', tags, summary: '发布活动（支持 Idempotency-Key）', headers: IdempotencyHeaders, body: CreateEvent, response: { 200: Event, 201: Event } } },
    async (req, reply) => {
      const result = await events.create(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/events/:id', { schema: { operationId: 'getEvent', tags, summary: '活动详情（报名人数、我的报名）', params: IdParams, response: { 200: Event } } }, (req) => events.get(actorOf(req), req.params.id));

  r.patch(
    '/events/:id',
    { schema: { operationId: 'updateEvent', tags, summary: '修改活动；发布草稿、取消活动（通知已报名的人）', params: IdParams, body: UpdateEvent, response: { 200: Event } } },
    (req) => events.update(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/events/:id/signups',
    { schema: { operationId: 'signUpForEvent', tags, summary: '报名（满员进入候补；组织者可代报名）', params: IdParams, headers: IdempotencyHeaders, body: CreateSignup, response: { 200: Signup, 201: Signup } } },
    async (req, reply) => {
      const result = await events.signup(actorOf(req), req.params.id, req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.post('/events/:id/signups/:signupId/cancel', { schema: { operationId: 'cancelEventSignup', tags, summary: '取消报名（候补第一位自动递补）', params: SignupParams, response: { 200: Signup } } }, (req) =>
    events.cancelSignup(actorOf(req), req.params.id, req.params.signupId),
  );

  r.post('/events/:id/check-in', { schema: { operationId: 'checkInToEvent', tags, summary: '签到（居民扫码，或组织者手工登记）', params: IdParams, body: CheckInOut, response: { 200: Attendance } } }, (req) =>
    attendance.checkIn(actorOf(req), req.params.id, req.body),
  );

  r.post('/events/:id/check-out', { schema: { operationId: 'checkOutOfEvent', tags, summary: '签退（计算服务时长）', params: IdParams, body: CheckInOut, response: { 200: Attendance } } }, (req) =>
    attendance.checkOut(actorOf(req), req.params.id, req.body),
  );

  r.get('/events/:id/check-in-code', { schema: { operationId: 'getEventCheckInCode', tags, summary: '签到码（组织者出示为二维码，每 5 分钟更换）', params: IdParams, response: { 200: CheckInCode } } }, (req) =>
    attendance.code(actorOf(req), req.params.id),
  );

  r.get('/events/:id/attendance', { schema: { operationId: 'getEventAttendance', tags, summary: '签到表', params: IdParams, response: { 200: AttendanceSheet } } }, (req) => attendance.sheet(actorOf(req), req.params.id));

  r.post('/events/:id/attendance/:attendanceId/confirm', { schema: { operationId: 'confirmEventAttendance', tags, summary: '确认服务时长并发放积分', params: AttendanceParams, response: { 200: Attendance } } }, (req) =>
    attendance.confirm(actorOf(req), req.params.id, req.params.attendanceId),
  );

  r.get('/lecture-topics', { schema: { operationId: 'listLectureTopics', tags, summary: '菜单式讲堂：讲题（票数多的在前）', querystring: LectureTopicListQuery, response: { 200: pageOf(LectureTopic) } } }, (req) =>
    lectureTopics.list(actorOf(req), req.query),
  );

  r.post('/lecture-topics', { schema: { operationId: 'createLectureTopic', tags, summary: '提议讲题', body: CreateLectureTopic, response: { 201: LectureTopic } } }, async (req, reply) =>
    reply.status(201).send(await lectureTopics.create(actorOf(req), req.body)),
  );

  r.post('/lecture-topics/:id/votes', { schema: { operationId: 'voteLectureTopic', tags, summary: '为讲题投票（每人一票）', params: IdParams, response: { 200: LectureTopic } } }, (req) =>
    lectureTopics.vote(actorOf(req), req.params.id),
  );

  r.get('/volunteers/stats', { schema: { operationId: 'getVolunteerStats', tags: ['volunteers'], summary: '志愿服务统计（人数、活跃率、人均时长、活动分布、积分发放）', querystring: VolunteerStatsQuery, response: { 200: VolunteerStats } } }, (req) =>
    eventStats.volunteers(actorOf(req), req.query),
  );
}
