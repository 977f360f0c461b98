import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Notification, Ok, PageQuery, pageOf } from '@gridwork/contracts';
import { actorOf } from './identity/request-actor';
import type { NotificationsService } from './notifications.service';

export function notificationsRoutes(app: FastifyInstance, notifications: NotificationsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get(
    '/notifications',
    { schema: { operationId: 'listNotifications', tags, summary: '我的站内通知（total 为未读数）', querystring: PageQuery.extend({ unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }), response: { 200: pageOf(Notification) } } },
    (req) => notifications.list(actorOf(req), req.query),
  );
  r.post('/notifications/:id/read', { schema: { operationId: 'markNotificationRead', tags, summary: '标记已读', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await notifications.markRead(actorOf(req), req.params.id);
    return { ok: true as const };
  });
}
