import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CouncilAgendaItem, CouncilAgendaQuery, DecideCouncilItem, IdParams, ScheduleCouncilItem, pageOf } from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function councilsRoutes(app: FastifyInstance, { councils }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['councils'];

  r.get('/council-agenda', { schema: { operationId: 'listCouncilAgenda', tags, summary: '红色议事会议题（三事分流确认为大事的诉求自动列入）', querystring: CouncilAgendaQuery, response: { 200: pageOf(CouncilAgendaItem) } } }, (req) =>
    councils.list(actorOf(req), req.query),
  );
  r.get('/council-agenda/:id', { schema: { operationId: 'getCouncilAgendaItem', tags, summary: '议题详情', params: IdParams, response: { 200: CouncilAgendaItem } } }, (req) => councils.get(actorOf(req), req.params.id));
  r.post('/council-agenda/:id/schedule', { schema: { operationId: 'scheduleCouncilAgendaItem', tags, summary: '安排议事会日期（说事 → 议事）', params: IdParams, body: ScheduleCouncilItem, response: { 200: CouncilAgendaItem } } }, (req) =>
    councils.schedule(actorOf(req), req.params.id, req.body.meetingOn),
  );
  r.post('/council-agenda/:id/decision', { schema: { operationId: 'decideCouncilAgendaItem', tags, summary: '记录议事会决议（议事 → 理事）', params: IdParams, body: DecideCouncilItem, response: { 200: CouncilAgendaItem } } }, (req) =>
    councils.decide(actorOf(req), req.params.id, req.body.decision),
  );
}
