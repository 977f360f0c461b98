/** The council agenda API (红色议事会议题). */
import { CouncilAgendaItem as CouncilAgendaItemSchema, pageOf, type CouncilAgendaItem, type CouncilItemStatus } from '@gridwork/contracts';
import { request } from './client';
import type { Page } from './types';

const V1 = '/api/v1';
const enc = encodeURIComponent;
const AgendaPage = pageOf(CouncilAgendaItemSchema);

export interface CouncilAgendaListQuery {
  placeId?: string;
  requestId?: string;
  status?: CouncilItemStatus;
  cursor?: string;
  limit?: number;
}

export const councilsApi = {
  list: (query: CouncilAgendaListQuery) => request<Page<CouncilAgendaItem>>('GET', `${V1}/council-agenda`, { query: { ...query }, schema: AgendaPage }),
  schedule: (id: string, meetingOn: string) => request<CouncilAgendaItem>('POST', `${V1}/council-agenda/${enc(id)}/schedule`, { body: { meetingOn }, schema: CouncilAgendaItemSchema }),
  decide: (id: string, decision: string) => request<CouncilAgendaItem>('POST', `${V1}/council-agenda/${enc(id)}/decision`, { body: { decision }, schema: CouncilAgendaItemSchema }),
};
