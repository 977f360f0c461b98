/** The party member register, transfers, timeline and anniversaries (党员名册 · 组织关系转接 · 政治生日). */
import {
  MemberTimeline as MemberTimelineSchema,
  PartyAnniversaryList as PartyAnniversaryListSchema,
  PartyMember as PartyMemberSchema,
  PartyMemberTransfer as PartyMemberTransferSchema,
  pageOf,
} from '@gridwork/contracts';
import type { z } from 'zod';
import type {
  CreatePartyMember,
  CreatePartyMemberTransfer,
  MemberTimelineEntry,
  PartyAnniversaryList,
  PartyAnniversaryQuery,
  PartyMember,
  PartyMemberListQuery as PartyMemberListQueryInput,
  PartyMemberTransfer,
  UpdatePartyMember,
} from '@gridwork/contracts';
import { downloadFile, request } from './client';
import type { Page } from './types';

export type { CreatePartyMember, CreatePartyMemberTransfer, MemberTimelineEntry, PartyAnniversaryList, PartyMember, PartyMemberTransfer, UpdatePartyMember };
/** The list filters with a typed page size (the schema coerces it from the query string). */
export type PartyMemberListQuery = Omit<PartyMemberListQueryInput, 'limit'> & { limit?: number };
export type PartyAnniversaryFilter = z.input<typeof PartyAnniversaryQuery>;

const V1 = '/api/v1';
const enc = encodeURIComponent;
const MemberPage = pageOf(PartyMemberSchema);

export const partyMembersApi = {
  list: (query: PartyMemberListQuery) => request<Page<PartyMember>>('GET', `${V1}/party-members`, { query, schema: MemberPage }),
  get: (id: string) => request<PartyMember>('GET', `${V1}/party-members/${enc(id)}`, { schema: PartyMemberSchema }),
  create: (body: CreatePartyMember) => request<PartyMember>('POST', `${V1}/party-members`, { body, schema: PartyMemberSchema }),
  update: (id: string, body: UpdatePartyMember) => request<PartyMember>('PATCH', `${V1}/party-members/${enc(id)}`, { body, schema: PartyMemberSchema }),
  transfer: (id: string, body: CreatePartyMemberTransfer) =>
    request<PartyMemberTransfer>('POST', `${V1}/party-members/${enc(id)}/transfers`, { body, schema: PartyMemberTransferSchema }),
  timeline: (id: string) => request<{ items: MemberTimelineEntry[] }>('GET', `${V1}/party-members/${enc(id)}/timeline`, { schema: MemberTimelineSchema }),
  /** The register as xlsx with the list's filters (every matching row, phones masked). */
  exportXlsx: (query: PartyMemberListQuery) => {
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    return downloadFile(`${V1}/party-members/export`, filters, 'party-members.xlsx');
  },
  anniversaries: (query: PartyAnniversaryFilter) => request<PartyAnniversaryList>('GET', `${V1}/party-anniversaries`, { query, schema: PartyAnniversaryListSchema }),
};
