import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateTeam, CreateVolunteer, Team, TeamListQuery, Volunteer, VolunteerListQuery, pageOf } from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });

export function volunteersRoutes(app: FastifyInstance, { volunteers, teams }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['volunteers'];

  r.get('/volunteers', { schema: { operationId: 'listVolunteers', tags, summary: '志愿者名册（居民只看到自己）', querystring: VolunteerListQuery, response: { 200: pageOf(Volunteer) } } }, (req) => volunteers.list(actorOf(req), req.query));

  r.post(
    '/volunteers',
    { schema: { operationId: 'createVolunteer', tags, summary: '登记志愿者（居民本人报名，或工作人员从台账登记；支持 Idempotency-Key）', headers: IdempotencyHeaders, body: CreateVolunteer, response: { 200: Volunteer, 201: Volunteer } } },
    async (req, reply) => {
      const result = await volunteers.create(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.get('/teams', { schema: { operationId: 'listTeams', tags, summary: '服务队', querystring: TeamListQuery, response: { 200: pageOf(Team) } } }, (req) => teams.list(actorOf(req), req.query));

  r.post(
    '/teams',
    { schema: { operationId: 'createTeam', tags, summary: '成立服务队（颜色标签、队长、队员；支持 Idempotency-Key）', headers: IdempotencyHeaders, body: CreateTeam, response: { 200: Team, 201: Team } } },
    async (req, reply) => {
      const result = await teams.create(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );
}
