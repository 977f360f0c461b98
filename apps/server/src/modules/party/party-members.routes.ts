import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreatePartyMember,
  CreatePartyMemberTransfer,
  IdParams,
  MemberTimeline,
  PartyAnniversaryList,
  PartyAnniversaryQuery,
  PartyMember,
  PartyMemberExportQuery,
  PartyMemberListQuery,
  PartyMemberTransfer,
  UpdatePartyMember,
  pageOf,
} from '@gridwork/contracts';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 党员名册 · 组织关系转接 · 政治生日 (under /api/v1). */
export function partyMembersRoutes(app: FastifyInstance, { partyMembers }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['party-members'];

  r.get('/party-members', { schema: { operationId: 'listPartyMembers', tags, summary: '党员名册（orgId 含下级组织；按类别、类型、姓名筛选）', querystring: PartyMemberListQuery, response: { 200: pageOf(PartyMember) } } }, (req) =>
    partyMembers.list(actorOf(req), req.query),
  );

  r.post('/party-members', { schema: { operationId: 'createPartyMember', tags, summary: '登记党员（关联居民档案，或填写姓名和电话）', body: CreatePartyMember, response: { 201: PartyMember } } }, async (req, reply) =>
    reply.status(201).send(await partyMembers.create(actorOf(req), req.body)),
  );

  r.get('/party-members/export', { schema: { operationId: 'exportPartyMembers', tags, summary: '按名册筛选条件导出党员名册（xlsx，电话脱敏）', querystring: PartyMemberExportQuery } }, async (req, reply) => {
    const result = await partyMembers.exportRegister(actorOf(req), req.query);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="party-members.xlsx"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`)
      .header('cache-control', 'no-store')
      .header('x-total-count', String(result.rows))
      .send(result.buffer);
  });

  r.get('/party-members/:id', { schema: { operationId: 'getPartyMember', tags, summary: '党员档案', params: IdParams, response: { 200: PartyMember } } }, (req) => partyMembers.get(actorOf(req), req.params.id));

  r.patch('/party-members/:id', { schema: { operationId: 'updatePartyMember', tags, summary: '修改党员档案（党组织通过组织关系转接变更）', params: IdParams, body: UpdatePartyMember, response: { 200: PartyMember } } }, (req) =>
    partyMembers.update(actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party-members/:id/transfers',
    { schema: { operationId: 'transferPartyMember', tags, summary: '组织关系转接（转入本系统内党组织，或转出到系统外）', params: IdParams, body: CreatePartyMemberTransfer, response: { 201: PartyMemberTransfer } } },
    async (req, reply) => reply.status(201).send(await partyMembers.transfer(actorOf(req), req.params.id, req.body)),
  );

  r.get('/party-members/:id/timeline', { schema: { operationId: 'getPartyMemberTimeline', tags, summary: '党员档案时间线（发展阶段、组织关系转接、登记与修改，最新在前）', params: IdParams, response: { 200: MemberTimeline } } }, (req) =>
    partyMembers.timeline(actorOf(req), req.params.id),
  );

  r.get('/party-anniversaries', { schema: { operationId: 'listPartyAnniversaries', tags, summary: '政治生日（默认下个月；orgId 含下级组织）', querystring: PartyAnniversaryQuery, response: { 200: PartyAnniversaryList } } }, (req) =>
    partyMembers.anniversaries(actorOf(req), req.query),
  );
}
