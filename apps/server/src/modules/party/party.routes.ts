import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreatePartyOrg, IdParams, Ok, PartyOrg, PartyOrgListQuery, UpdatePartyOrg, pageOf } from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

export function partyRoutes(app: FastifyInstance, { party }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['party'];
  r.get('/party-orgs', { schema: { operationId: 'listPartyOrgs', tags, summary: '党组织列表（无 parentId 时为顶层）', querystring: PartyOrgListQuery, response: { 200: pageOf(PartyOrg) } } }, (req) =>
    party.list(actorOf(req), req.query),
  );
  r.post('/party-orgs', { schema: { operationId: 'createPartyOrg', tags, body: CreatePartyOrg, response: { 201: PartyOrg } } }, async (req, reply) =>
    reply.status(201).send(await party.create(actorOf(req), req.body)),
  );
  r.get('/party-orgs/:id', { schema: { operationId: 'getPartyOrg', tags, params: IdParams, response: { 200: PartyOrg } } }, (req) => party.get(actorOf(req), req.params.id));
  r.patch('/party-orgs/:id', { schema: { operationId: 'updatePartyOrg', tags, params: IdParams, body: UpdatePartyOrg, response: { 200: PartyOrg } } }, (req) =>
    party.update(actorOf(req), req.params.id, req.body),
  );
  r.delete('/party-orgs/:id', { schema: { operationId: 'deletePartyOrg', tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await party.remove(actorOf(req), req.params.id);
    return { ok: true as const };
  });
}
