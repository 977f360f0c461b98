/** The service requests API (爱心快递 · 三事分流 · 微心愿 · 回音壁). */
import {
  Assignee as AssigneeSchema,
  EchoWall as EchoWallSchema,
  PublicCommunity as PublicCommunitySchema,
  NearbyRequest as NearbyRequestSchema,
  Notification as NotificationSchema,
  RequestCategory as RequestCategorySchema,
  RequestStats as RequestStatsSchema,
  ServiceRequest as ServiceRequestSchema,
  ServiceRequestSummary as ServiceRequestSummarySchema,
  StagedPhoto as StagedPhotoSchema,
  TriageSuggestion as TriageSuggestionSchema,
  Wish as WishSchema,
  pageOf,
} from '@gridwork/contracts';
import { downloadFile, request, uploadForm } from './client';
import type { Page } from './types';
import type {
  Assignee,
  CreateRequest,
  CreateWish,
  EchoWall,
  NearbyRequest,
  Notification,
  PublicCommunity,
  RequestCategory,
  RequestListQuery,
  RequestStats,
  RequestTransition,
  ServiceRequest,
  ServiceRequestSummary,
  StagedPhoto,
  TriageSuggestion,
  UpsertRequestCategory,
  Wish,
  WishListQuery,
} from './requests-types';

const V1 = '/api/v1';
const enc = encodeURIComponent;

const RequestPage = pageOf(ServiceRequestSummarySchema);
const WishPage = pageOf(WishSchema);
const NotificationPage = pageOf(NotificationSchema);

/** A fresh key per user submission; a retry of the same submission reuses it. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; a community LAN may serve plain HTTP.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function listQuery(query: RequestListQuery) {
  const { status, ...rest } = query;
  return { ...rest, status: Array.isArray(status) ? status.join(',') : status };
}

export const requestsApi = {
  list: (query: RequestListQuery) => request<Page<ServiceRequestSummary>>('GET', `${V1}/requests`, { query: listQuery(query), schema: RequestPage }),
  get: (id: string) => request<ServiceRequest>('GET', `${V1}/requests/${enc(id)}`, { schema: ServiceRequestSchema }),
  /** `idempotencyKey` stays the same across retries of one submission. */
  create: (body: CreateRequest, idempotencyKey: string) =>
    request<ServiceRequest>('POST', `${V1}/requests`, { body, schema: ServiceRequestSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  transition: (id: string, body: RequestTransition) =>
    request<ServiceRequest>('POST', `${V1}/requests/${enc(id)}/transitions`, { body, schema: ServiceRequestSchema }),
  /** 关注: follow someone else's request instead of raising it again. */
  follow: (id: string) => request<ServiceRequest>('POST', `${V1}/requests/${enc(id)}/follow`, { schema: ServiceRequestSchema }),
  unfollow: (id: string) => request<unknown>('DELETE', `${V1}/requests/${enc(id)}/follow`),
  /** People who may own the request (workers and staff of its grid and above). */
  assignees: (id: string) => request<Assignee[]>('GET', `${V1}/requests/${enc(id)}/assignees`, { schema: AssigneeSchema.array() }),
  nearby: (category: string, lng: number, lat: number) =>
    request<NearbyRequest[]>('GET', `${V1}/requests/nearby`, { query: { category, lng, lat }, schema: NearbyRequestSchema.array() }),
  suggestTriage: (category: string, text: string) =>
    request<TriageSuggestion>('GET', `${V1}/requests/triage-suggestion`, { query: { category, text }, schema: TriageSuggestionSchema }),
  stats: (query: { placeId?: string; from?: string; to?: string }) => request<RequestStats>('GET', `${V1}/requests/stats`, { query, schema: RequestStatsSchema }),
  /** Staged upload; the returned id goes into `photoIds` of a creation or transition. */
  uploadPhoto: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<StagedPhoto>(`${V1}/request-photos`, form, StagedPhotoSchema);
  },
  /** The Server-Sent Events stream of requests landing in or changing within my scope. */
  liveUrl: () => `${V1}/requests/live`,
  /** The register as xlsx with the list's filters; paging is dropped because the server exports every matching row. */
  exportXlsx: (query: RequestListQuery) => {
    const { cursor: _cursor, limit: _limit, ...filters } = listQuery(query);
    return downloadFile(`${V1}/requests/export`, filters, 'requests.xlsx');
  },
};

export const requestCategoriesApi = {
  list: () => request<RequestCategory[]>('GET', `${V1}/request-categories`, { schema: RequestCategorySchema.array() }),
  configure: (body: UpsertRequestCategory[]) => request<RequestCategory[]>('PUT', `${V1}/request-categories`, { body, schema: RequestCategorySchema.array() }),
};

export const wishesApi = {
  list: (query: WishListQuery) => request<Page<Wish>>('GET', `${V1}/wishes`, { query, schema: WishPage }),
  get: (id: string) => request<Wish>('GET', `${V1}/wishes/${enc(id)}`, { schema: WishSchema }),
  create: (body: CreateWish, idempotencyKey: string) =>
    request<Wish>('POST', `${V1}/wishes`, { body, schema: WishSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  claim: (id: string) => request<Wish>('POST', `${V1}/wishes/${enc(id)}/claim`, { schema: WishSchema }),
  fulfil: (id: string, note: string) => request<Wish>('POST', `${V1}/wishes/${enc(id)}/fulfil`, { body: { note }, schema: WishSchema }),
  confirm: (id: string) => request<Wish>('POST', `${V1}/wishes/${enc(id)}/confirm`, { schema: WishSchema }),
  cancel: (id: string) => request<Wish>('POST', `${V1}/wishes/${enc(id)}/cancel`, { schema: WishSchema }),
};

export const notificationsApi = {
  list: (query: { unread?: boolean; cursor?: string; limit?: number }) =>
    request<Page<Notification>>('GET', `${V1}/notifications`, { query, schema: NotificationPage }),
  markRead: (id: string) => request<unknown>('POST', `${V1}/notifications/${enc(id)}/read`),
};

/** No sign-in: the echo wall (回音壁) is public. */
export const echoWallApi = {
  communities: () => request<PublicCommunity[]>('GET', `${V1}/public/communities`, { schema: PublicCommunitySchema.array(), skipAuthRedirect: true }),
  get: (communityId: string, cursor?: string) =>
    request<EchoWall>('GET', `${V1}/public/echo-wall`, { query: { communityId, cursor, limit: 20 }, schema: EchoWallSchema, skipAuthRedirect: true }),
};
