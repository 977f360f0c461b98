/** The in-service enrolment and service post APIs (在职党员报到 · 服务岗位 · 服务时长 · 按单位统计). */
import {
  EmployerReport as EmployerReportSchema,
  Enrolment as EnrolmentSchema,
  HomeCommunity as HomeCommunitySchema,
  ServiceHours as ServiceHoursSchema,
  ServiceHoursEntry as ServiceHoursEntrySchema,
  ServicePost as ServicePostSchema,
  ServicePostClaim as ServicePostClaimSchema,
  pageOf,
} from '@gridwork/contracts';
import type {
  CreateEnrolment,
  CreateServicePost,
  EmployerReport,
  Enrolment,
  EnrolmentState,
  HomeCommunity,
  HoursStatus,
  LogHours,
  ServiceHours,
  ServiceHoursEntry,
  ServicePost,
  ServicePostClaim,
  ServicePostKind,
  ServicePostStatus,
} from '@gridwork/contracts';
import { downloadFile, request } from './client';
import type { Page } from './types';

const V1 = '/api/v1';
const enc = encodeURIComponent;

export interface EnrolmentQuery {
  state?: EnrolmentState;
  communityId?: string;
  mine?: 'true';
  cursor?: string;
  limit?: number;
}

export interface ServicePostQuery {
  placeId?: string;
  status?: ServicePostStatus;
  kind?: ServicePostKind;
  available?: 'true';
  cursor?: string;
  limit?: number;
}

export interface ServiceHoursQuery {
  placeId?: string;
  status?: HoursStatus;
  cursor?: string;
  limit?: number;
}

export interface EmployerReportFilters {
  communityId?: string;
  /** `YYYY-MM-DD`, China dates. */
  from?: string;
  to?: string;
}

const EnrolmentPage = pageOf(EnrolmentSchema);
const PostPage = pageOf(ServicePostSchema);
const HoursPage = pageOf(ServiceHoursEntrySchema);

export const enrolmentsApi = {
  list: (query: EnrolmentQuery) => request<Page<Enrolment>>('GET', `${V1}/enrolments`, { query: { ...query }, schema: EnrolmentPage }),
  homeCommunities: () => request<HomeCommunity[]>('GET', `${V1}/enrolments/home-communities`, { schema: HomeCommunitySchema.array() }),
  create: (body: CreateEnrolment, idempotencyKey: string) => request<Enrolment>('POST', `${V1}/enrolments`, { body, schema: EnrolmentSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  approve: (id: string) => request<Enrolment>('POST', `${V1}/enrolments/${enc(id)}/approve`, { schema: EnrolmentSchema }),
  reject: (id: string, reason: string) => request<Enrolment>('POST', `${V1}/enrolments/${enc(id)}/reject`, { body: { reason }, schema: EnrolmentSchema }),
  employerReport: (filters: EmployerReportFilters) => request<EmployerReport>('GET', `${V1}/enrolments/employer-report`, { query: { ...filters }, schema: EmployerReportSchema }),
  exportEmployerReport: (filters: EmployerReportFilters) => downloadFile(`${V1}/enrolments/employer-report/export`, { ...filters }, 'employer-report.xlsx'),
};

export const servicePostsApi = {
  list: (query: ServicePostQuery) => request<Page<ServicePost>>('GET', `${V1}/service-posts`, { query: { ...query }, schema: PostPage }),
  get: (id: string) => request<ServicePost>('GET', `${V1}/service-posts/${enc(id)}`, { schema: ServicePostSchema }),
  create: (body: CreateServicePost) => request<ServicePost>('POST', `${V1}/service-posts`, { body, schema: ServicePostSchema }),
  close: (id: string) => request<ServicePost>('POST', `${V1}/service-posts/${enc(id)}/close`, { schema: ServicePostSchema }),
  claims: (id: string) => request<ServicePostClaim[]>('GET', `${V1}/service-posts/${enc(id)}/claims`, { schema: ServicePostClaimSchema.array() }),
  claim: (id: string, idempotencyKey: string, memberId?: string) =>
    request<ServicePostClaim>('POST', `${V1}/service-posts/${enc(id)}/claims`, { body: memberId ? { memberId } : {}, schema: ServicePostClaimSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  myClaims: () => request<ServicePostClaim[]>('GET', `${V1}/service-post-claims`, { schema: ServicePostClaimSchema.array() }),
  logHours: (claimId: string, body: LogHours) => request<ServiceHours>('POST', `${V1}/service-post-claims/${enc(claimId)}/hours`, { body, schema: ServiceHoursSchema }),
  hours: (query: ServiceHoursQuery) => request<Page<ServiceHoursEntry>>('GET', `${V1}/service-post-hours`, { query: { ...query }, schema: HoursPage }),
  confirmHours: (id: string) => request<ServiceHoursEntry>('POST', `${V1}/service-post-hours/${enc(id)}/confirm`, { schema: ServiceHoursEntrySchema }),
  rejectHours: (id: string, reason: string) => request<ServiceHoursEntry>('POST', `${V1}/service-post-hours/${enc(id)}/reject`, { body: { reason }, schema: ServiceHoursEntrySchema }),
};
