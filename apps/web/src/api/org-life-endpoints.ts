/** The org-life APIs (三会一课 · 主题党日): sessions, attendance, make-ups, photos, completeness, frequencies. */
import {
  CompletenessReport as CompletenessReportSchema,
  OrgLifeFrequencies as OrgLifeFrequenciesSchema,
  OrgLifeSession as OrgLifeSessionSchema,
  OrgLifeSessionDetail as OrgLifeSessionDetailSchema,
  PartyMember as PartyMemberSchema,
  SessionPhoto as SessionPhotoSchema,
  pageOf,
} from '@gridwork/contracts';
import type {
  CompletenessReport,
  CreateMakeUp,
  CreateOrgLifeSession,
  OrgLifeFrequencies,
  OrgLifeSession,
  OrgLifeSessionDetail,
  OrgLifeSessionStatus,
  OrgLifeSessionType,
  PartyMember,
  SessionAttendanceSheet,
  SessionPhoto,
  UpdateOrgLifeFrequencies,
  UpdateOrgLifeSession,
} from '@gridwork/contracts';
import { downloadFile, request, uploadForm } from './client';
import type { Page } from './types';

const V1 = '/api/v1';
const enc = encodeURIComponent;

export interface OrgLifeSessionFilters {
  orgId?: string;
  type?: OrgLifeSessionType;
  status?: OrgLifeSessionStatus;
  /** `YYYY-MM-DD`, China dates. */
  from?: string;
  to?: string;
}

export interface OrgLifeSessionQuery extends OrgLifeSessionFilters {
  mine?: 'attending';
  cursor?: string;
  limit?: number;
}

const SessionPage = pageOf(OrgLifeSessionSchema);
const MemberPage = pageOf(PartyMemberSchema);

export const orgLifeApi = {
  list: (query: OrgLifeSessionQuery) => request<Page<OrgLifeSession>>('GET', `${V1}/org-life-sessions`, { query: { ...query }, schema: SessionPage }),
  get: (id: string) => request<OrgLifeSessionDetail>('GET', `${V1}/org-life-sessions/${enc(id)}`, { schema: OrgLifeSessionDetailSchema }),
  create: (body: CreateOrgLifeSession, idempotencyKey: string) =>
    request<OrgLifeSessionDetail>('POST', `${V1}/org-life-sessions`, { body, schema: OrgLifeSessionDetailSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, body: UpdateOrgLifeSession) => request<OrgLifeSessionDetail>('PATCH', `${V1}/org-life-sessions/${enc(id)}`, { body, schema: OrgLifeSessionDetailSchema }),
  recordAttendance: (id: string, body: SessionAttendanceSheet) =>
    request<OrgLifeSessionDetail>('PUT', `${V1}/org-life-sessions/${enc(id)}/attendance`, { body, schema: OrgLifeSessionDetailSchema }),
  addMakeUp: (id: string, body: CreateMakeUp) => request<OrgLifeSessionDetail>('POST', `${V1}/org-life-sessions/${enc(id)}/make-ups`, { body, schema: OrgLifeSessionDetailSchema }),
  photos: (id: string) => request<SessionPhoto[]>('GET', `${V1}/org-life-sessions/${enc(id)}/photos`, { schema: SessionPhotoSchema.array() }),
  photoUrl: (id: string, photoId: string) => `${V1}/org-life-sessions/${enc(id)}/photos/${enc(photoId)}`,
  uploadPhoto: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<SessionPhoto>(`${V1}/org-life-sessions/${enc(id)}/photos`, form, SessionPhotoSchema);
  },
  completeness: (query: { orgId?: string; year?: number }) => request<CompletenessReport>('GET', `${V1}/org-life-sessions/completeness`, { query, schema: CompletenessReportSchema }),
  exportXlsx: (filters: OrgLifeSessionFilters) => downloadFile(`${V1}/org-life-sessions/export`, { ...filters }, 'org-life-sessions.xlsx'),
  frequencies: (placeId?: string) => request<OrgLifeFrequencies>('GET', `${V1}/org-life-frequencies`, { query: { placeId }, schema: OrgLifeFrequenciesSchema }),
  setFrequencies: (body: UpdateOrgLifeFrequencies) => request<OrgLifeFrequencies>('PUT', `${V1}/org-life-frequencies`, { body, schema: OrgLifeFrequenciesSchema }),
  /** Members of an org and its sub-orgs, to choose required attendees from (every page). */
  membersOf: async (orgId: string): Promise<PartyMember[]> => {
    const items: PartyMember[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await request<Page<PartyMember>>('GET', `${V1}/party-members`, { query: { orgId, limit: 200, cursor }, schema: MemberPage });
      items.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return items;
  },
};
