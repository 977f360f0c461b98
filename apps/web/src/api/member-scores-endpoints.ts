/** The member score APIs (党员积分): ranking, a member's entries, manual entries and approval, the scoresheet. */
import {
  MemberScoreDetail as MemberScoreDetailSchema,
  MemberScoreRanking as MemberScoreRankingSchema,
  ScoreEntry as ScoreEntrySchema,
  ScoreItem as ScoreItemSchema,
  pageOf,
  type CreateScoreEntry,
  type CreateScoreItem,
  type MemberScoreDetail,
  type MemberScoreRanking,
  type ScoreEntry,
  type ScoreEntryStatus,
  type ScoreItem,
  type UpdateScoreItem,
} from '@gridwork/contracts';
import { z } from 'zod';
import { downloadFile, request } from './client';
import type { Page } from './types';

const V1 = '/api/v1';
const enc = encodeURIComponent;
const EntryPage = pageOf(ScoreEntrySchema);
const ItemList = z.array(ScoreItemSchema);

export interface MemberScoreRankingParams {
  readonly orgId?: string;
  readonly year?: number;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface ScoreEntryListParams {
  readonly status?: ScoreEntryStatus;
  readonly memberId?: string;
  readonly orgId?: string;
  readonly year?: number;
  readonly manual?: boolean;
  readonly cursor?: string;
  readonly limit?: number;
}

export const memberScoresApi = {
  ranking: (query: MemberScoreRankingParams) => request<MemberScoreRanking>('GET', `${V1}/member-scores`, { query: { ...query }, schema: MemberScoreRankingSchema }),
  mine: (year?: number) => request<MemberScoreDetail>('GET', `${V1}/member-scores/me`, { query: { year }, schema: MemberScoreDetailSchema }),
  ofMember: (memberId: string, year?: number) => request<MemberScoreDetail>('GET', `${V1}/party-members/${enc(memberId)}/scores`, { query: { year }, schema: MemberScoreDetailSchema }),
  exportXlsx: (query: { orgId?: string; year?: number }) => downloadFile(`${V1}/member-scores/export`, { ...query }, 'member-scores.xlsx'),
  entries: (query: ScoreEntryListParams) => request<Page<ScoreEntry>>('GET', `${V1}/member-score-entries`, { query: { ...query }, schema: EntryPage }),
  enter: (body: CreateScoreEntry, idempotencyKey?: string) =>
    request<ScoreEntry>('POST', `${V1}/member-score-entries`, { body, schema: ScoreEntrySchema, headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined }),
  approve: (id: string, note?: string) => request<ScoreEntry>('POST', `${V1}/member-score-entries/${enc(id)}/approve`, { body: { note }, schema: ScoreEntrySchema }),
  reject: (id: string, note?: string) => request<ScoreEntry>('POST', `${V1}/member-score-entries/${enc(id)}/reject`, { body: { note }, schema: ScoreEntrySchema }),
  items: () => request<ScoreItem[]>('GET', `${V1}/member-score-items`, { schema: ItemList }),
  createItem: (body: CreateScoreItem) => request<ScoreItem>('POST', `${V1}/member-score-items`, { body, schema: ScoreItemSchema }),
  updateItem: (id: string, body: UpdateScoreItem) => request<ScoreItem>('PATCH', `${V1}/member-score-items/${enc(id)}`, { body, schema: ScoreItemSchema }),
};
