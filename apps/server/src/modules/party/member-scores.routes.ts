import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateScoreEntry,
  CreateScoreItem,
  DecideScoreEntry,
  IdParams,
  MemberScoreDetail,
  MemberScoreRanking,
  MemberScoreRankingQuery,
  MemberScoreYearQuery,
  ScoreEntry,
  ScoreEntryListQuery,
  ScoreItem,
  UpdateScoreItem,
  pageOf,
} from '@gridwork/contracts';
import { idempotencyKeyFrom } from '../../platform/idempotency';
import { actorOf } from '../../platform/identity/request-actor';
import type { Services } from '../../services';
import { rankingWorkbook } from './member-scores.export';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function memberScoresRoutes(app: FastifyInstance, { memberScores }: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['member-scores'];

  r.get('/member-scores', { schema: { operationId: 'listMemberScores', tags, summary: '党员积分年度排名（党组织及下级；只计已通过的积分；同分同名次）', querystring: MemberScoreRankingQuery, response: { 200: MemberScoreRanking } } }, (req) =>
    memberScores.ranking(actorOf(req), req.query),
  );

  r.get('/member-scores/me', { schema: { operationId: 'getMyMemberScores', tags, summary: '我的党员积分（本年度分项合计、明细及来源、在本组织的排名）', querystring: MemberScoreYearQuery, response: { 200: MemberScoreDetail } } }, (req) =>
    memberScores.mine(actorOf(req), req.query.year),
  );

  r.get('/member-scores/export', { schema: { operationId: 'exportMemberScores', tags, summary: '导出党员积分年度排名（xlsx，按四个维度分列）', querystring: MemberScoreRankingQuery.pick({ orgId: true, year: true }) } }, async (req, reply) => {
    const { year, lines } = await memberScores.rankingForExport(actorOf(req), req.query);
    const { buffer, fileName } = await rankingWorkbook(year, lines);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="member-scores-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('cache-control', 'no-store')
      .header('x-total-count', String(lines.length))
      .send(buffer);
  });

  r.get('/party-members/:id/scores', { schema: { operationId: 'getPartyMemberScores', tags, summary: '党员积分明细（每一分可追溯到来源、录入人和审核人）', params: IdParams, querystring: MemberScoreYearQuery, response: { 200: MemberScoreDetail } } }, (req) =>
    memberScores.ofMember(actorOf(req), req.params.id, req.query.year),
  );

  r.get('/member-score-items', { schema: { operationId: 'listMemberScoreItems', tags, summary: '积分细则（四个维度的积分项目）', response: { 200: z.array(ScoreItem) } } }, (req) => memberScores.items(actorOf(req)));

  r.post('/member-score-items', { schema: { operationId: 'createMemberScoreItem', tags, summary: '新增人工积分项目', body: CreateScoreItem, response: { 201: ScoreItem } } }, async (req, reply) =>
    reply.status(201).send(await memberScores.createItem(actorOf(req), req.body)),
  );

  r.patch('/member-score-items/:id', { schema: { operationId: 'updateMemberScoreItem', tags, summary: '修改积分项目（分值、维度、启用；只影响此后的积分）', params: IdParams, body: UpdateScoreItem, response: { 200: ScoreItem } } }, (req) =>
    memberScores.updateItem(actorOf(req), req.params.id, req.body),
  );

  r.get('/member-score-entries', { schema: { operationId: 'listMemberScoreEntries', tags, summary: '积分明细与审核队列（状态、党员、党组织、年度；游标分页）', querystring: ScoreEntryListQuery, response: { 200: pageOf(ScoreEntry) } } }, (req) =>
    memberScores.listEntries(actorOf(req), req.query),
  );

  r.post(
    '/member-score-entries',
    { schema: { operationId: 'createMemberScoreEntry', tags, summary: '人工录入积分（须填写理由，待他人审核；支持 Idempotency-Key）', headers: IdempotencyHeaders, body: CreateScoreEntry, response: { 200: ScoreEntry, 201: ScoreEntry } } },
    async (req, reply) => {
      const result = await memberScores.createEntry(actorOf(req), req.body, idempotencyKeyFrom(req.headers['idempotency-key']));
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status === 201 ? 201 : 200).send(result.body);
    },
  );

  r.post('/member-score-entries/:id/approve', { schema: { operationId: 'approveMemberScoreEntry', tags, summary: '审核通过人工积分（录入人本人不能审核）', params: IdParams, body: DecideScoreEntry, response: { 200: ScoreEntry } } }, (req) =>
    memberScores.decide(actorOf(req), req.params.id, 'approve', req.body.note),
  );

  r.post('/member-score-entries/:id/reject', { schema: { operationId: 'rejectMemberScoreEntry', tags, summary: '驳回人工积分（录入人本人不能审核）', params: IdParams, body: DecideScoreEntry, response: { 200: ScoreEntry } } }, (req) =>
    memberScores.decide(actorOf(req), req.params.id, 'reject', req.body.note),
  );
}
