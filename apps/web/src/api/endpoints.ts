/** One typed function per API operation the web app uses. */
import {
  AuditEntry as AuditEntrySchema,
  AuditVerifyResult as AuditVerifyResultSchema,
  CreateUserResponse as CreateUserResponseSchema,
  GridBoundaryFeatureCollection as FeatureCollectionSchema,
  LoginResponse as LoginResponseSchema,
  Me as MeSchema,
  PartyOrg as PartyOrgSchema,
  Place as PlaceSchema,
  ResetPasswordResponse as ResetPasswordResponseSchema,
  TotpSetupResponse as TotpSetupResponseSchema,
  UserView as UserViewSchema,
  pageOf,
} from '@gridwork/contracts';
import { isApiError, request } from './client';
import type {
  AssignRole,
  AuditEntry,
  AuditListQuery,
  AuditVerifyResult,
  ChangePasswordBody,
  CreatePartyOrg,
  CreatePlace,
  CreateUser,
  CreateUserResponse,
  GridBoundaryFeatureCollection,
  LoginBody,
  LoginResponse,
  Me,
  OkResponse,
  Page,
  PartyOrg,
  PartyOrgListQuery,
  Place,
  PlaceListQuery,
  ResetPasswordResponse,
  TotpSetupResponse,
  UpdatePartyOrg,
  UpdatePlace,
  UpdateUser,
  UserListQuery,
  UserView,
} from './types';

const V1 = '/api/v1';
const enc = encodeURIComponent;

const PlacePage = pageOf(PlaceSchema);
const UserPage = pageOf(UserViewSchema);
const AuditPage = pageOf(AuditEntrySchema);
const PartyOrgPage = pageOf(PartyOrgSchema);
const PlaceList = PlaceSchema.array();

// ── auth ────────────────────────────────────────────────────────────────────
export const authApi = {
  login: (body: LoginBody) =>
    request<LoginResponse>('POST', `${V1}/auth/login`, { body, schema: LoginResponseSchema, skipAuthRedirect: true, csrf: false }),
  /** The current session's user, or `null` when nobody is signed in. */
  me: async (): Promise<Me | null> => {
    try {
      return await request<Me>('GET', `${V1}/auth/me`, { schema: MeSchema, skipAuthRedirect: true });
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
  logout: () => request<OkResponse>('POST', `${V1}/auth/logout`, { skipAuthRedirect: true }),
  changePassword: (body: ChangePasswordBody) => request<OkResponse>('POST', `${V1}/auth/password`, { body }),
  totpSetup: () => request<TotpSetupResponse>('POST', `${V1}/auth/totp/setup`, { schema: TotpSetupResponseSchema }),
  totpConfirm: (code: string) => request<OkResponse>('POST', `${V1}/auth/totp/confirm`, { body: { code } }),
};

// ── places ──────────────────────────────────────────────────────────────────
export const placesApi = {
  roots: () => request<Place[]>('GET', `${V1}/places/roots`, { schema: PlaceList }),
  list: (query: PlaceListQuery) => request<Page<Place>>('GET', `${V1}/places`, { query, schema: PlacePage }),
  /** Every child of a place, following the cursor until the end. */
  allChildren: async (parentId: string): Promise<Place[]> => {
    const items: Place[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await placesApi.list({ parentId, limit: 500, cursor });
      items.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return items;
  },
  get: (id: string) => request<Place>('GET', `${V1}/places/${enc(id)}`, { schema: PlaceSchema }),
  ancestors: (id: string) => request<Place[]>('GET', `${V1}/places/${enc(id)}/ancestors`, { schema: PlaceList }),
  gridBoundaries: (id: string) =>
    request<GridBoundaryFeatureCollection>('GET', `${V1}/places/${enc(id)}/grid-boundaries`, { schema: FeatureCollectionSchema }),
  create: (body: CreatePlace) => request<Place>('POST', `${V1}/places`, { body, schema: PlaceSchema }),
  update: (id: string, body: UpdatePlace) => request<Place>('PATCH', `${V1}/places/${enc(id)}`, { body, schema: PlaceSchema }),
  remove: (id: string) => request<unknown>('DELETE', `${V1}/places/${enc(id)}`),
};

// ── users and roles ─────────────────────────────────────────────────────────
export const usersApi = {
  list: (query: UserListQuery) => request<Page<UserView>>('GET', `${V1}/users`, { query, schema: UserPage }),
  create: (body: CreateUser) => request<CreateUserResponse>('POST', `${V1}/users`, { body, schema: CreateUserResponseSchema }),
  update: (id: string, body: UpdateUser) => request<UserView>('PATCH', `${V1}/users/${enc(id)}`, { body }),
  resetPassword: (id: string) =>
    request<ResetPasswordResponse>('POST', `${V1}/users/${enc(id)}/reset-password`, { schema: ResetPasswordResponseSchema }),
  unlock: (id: string) => request<unknown>('POST', `${V1}/users/${enc(id)}/unlock`),
  addRole: (id: string, body: AssignRole) => request<unknown>('POST', `${V1}/users/${enc(id)}/roles`, { body }),
  removeRole: (id: string, assignmentId: string) => request<unknown>('DELETE', `${V1}/users/${enc(id)}/roles/${enc(assignmentId)}`),
};

// ── audit ───────────────────────────────────────────────────────────────────
export const auditApi = {
  list: (query: AuditListQuery) => request<Page<AuditEntry>>('GET', `${V1}/audit`, { query, schema: AuditPage }),
  verify: () => request<AuditVerifyResult>('GET', `${V1}/audit/verify`, { schema: AuditVerifyResultSchema }),
};

// ── party organisations ─────────────────────────────────────────────────────
function toPage<T>(data: Page<T> | T[]): Page<T> {
  return Array.isArray(data) ? { items: data, nextCursor: null } : data;
}

export const partyApi = {
  list: async (query: PartyOrgListQuery): Promise<Page<PartyOrg>> =>
    toPage(await request<Page<PartyOrg> | PartyOrg[]>('GET', `${V1}/party-orgs`, { query, schema: PartyOrgPage.or(PartyOrgSchema.array()) })),
  /** Every org under `parentId` (or the top orgs in scope), following the cursor. */
  all: async (parentId: string | null): Promise<PartyOrg[]> => {
    const items: PartyOrg[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await partyApi.list({ parentId: parentId ?? undefined, limit: 500, cursor });
      items.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return items;
  },
  create: (body: CreatePartyOrg) => request<PartyOrg>('POST', `${V1}/party-orgs`, { body, schema: PartyOrgSchema }),
  update: (id: string, body: UpdatePartyOrg) => request<PartyOrg>('PATCH', `${V1}/party-orgs/${enc(id)}`, { body, schema: PartyOrgSchema }),
  remove: (id: string) => request<unknown>('DELETE', `${V1}/party-orgs/${enc(id)}`),
};

export { careGroupsApi, householdsApi, residentImportsApi, residentsApi, visitsApi } from './residents-endpoints';
