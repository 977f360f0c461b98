/** The residents register API (人口台账): residents, households, care groups, visits, Excel. */
import {
  CareDashboard as CareDashboardSchema,
  CareGroupType as CareGroupTypeSchema,
  Household as HouseholdSchema,
  ImportAccepted as ImportAcceptedSchema,
  ImportJob as ImportJobSchema,
  Resident as ResidentSchema,
  ResidentDetail as ResidentDetailSchema,
  RevealResponse as RevealResponseSchema,
  Visit as VisitSchema,
  pageOf,
} from '@gridwork/contracts';
import { downloadFile, request, uploadForm } from './client';
import type { Page } from './types';
import type {
  CareDashboard,
  CareGroupType,
  CreateHousehold,
  CreateResident,
  CreateVisit,
  Household,
  HouseholdListQuery,
  ImportAccepted,
  ImportJob,
  ImportMode,
  Resident,
  ResidentDetail,
  ResidentListQuery,
  RevealableField,
  RevealResponse,
  UpdateHousehold,
  UpdateResident,
  UpsertCareGroupType,
  Visit,
  VisitListQuery,
} from './residents-types';

const V1 = '/api/v1';
const enc = encodeURIComponent;

const ResidentPage = pageOf(ResidentSchema);
const HouseholdPage = pageOf(HouseholdSchema);
const VisitPage = pageOf(VisitSchema);
const CareGroupList = CareGroupTypeSchema.array();

function toPage<T>(data: Page<T> | T[]): Page<T> {
  return Array.isArray(data) ? { items: data, nextCursor: null } : data;
}

/** Follow a cursor until the end (or `maxPages`), collecting the items. */
async function collect<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

// ── residents ───────────────────────────────────────────────────────────────
export const residentsApi = {
  list: (query: ResidentListQuery) => request<Page<Resident>>('GET', `${V1}/residents`, { query, schema: ResidentPage }),
  get: (id: string) => request<ResidentDetail>('GET', `${V1}/residents/${enc(id)}`, { schema: ResidentDetailSchema }),
  create: (body: CreateResident) => request<Resident>('POST', `${V1}/residents`, { body, schema: ResidentSchema }),
  update: (id: string, body: UpdateResident) => request<Resident>('PATCH', `${V1}/residents/${enc(id)}`, { body }),
  /** Anonymise: irreversible, the history stays consistent. */
  remove: (id: string) => request<unknown>('DELETE', `${V1}/residents/${enc(id)}`),
  reveal: (id: string, field: RevealableField, reason: string) =>
    request<RevealResponse>('POST', `${V1}/residents/${enc(id)}/reveal`, { body: { field, reason }, schema: RevealResponseSchema }),
  /** 个人信息导出 (PIPL access right), saved as a JSON file. */
  downloadPersonalData: (id: string) => downloadFile(`${V1}/residents/${enc(id)}/personal-data`, undefined, `resident-${id}.json`),
  /** Every resident under a place (a building), following the cursor. */
  allUnder: (placeId: string) => collect((cursor) => residentsApi.list({ placeId, limit: 200, cursor }), 20),
  exportXlsx: (query: ResidentListQuery) => {
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    return downloadFile(`${V1}/residents/export`, filters, 'residents.xlsx');
  },
};

// ── households ──────────────────────────────────────────────────────────────
export const householdsApi = {
  list: (query: HouseholdListQuery) => request<Page<Household>>('GET', `${V1}/households`, { query, schema: HouseholdPage }),
  /** Every household of a building, following the cursor. */
  allOfBuilding: (buildingId: string) => collect((cursor) => householdsApi.list({ buildingId, limit: 500, cursor })),
  get: (id: string) => request<Household>('GET', `${V1}/households/${enc(id)}`, { schema: HouseholdSchema }),
  create: (body: CreateHousehold) => request<Household>('POST', `${V1}/households`, { body, schema: HouseholdSchema }),
  update: (id: string, body: UpdateHousehold) => request<Household>('PATCH', `${V1}/households/${enc(id)}`, { body, schema: HouseholdSchema }),
  remove: (id: string) => request<unknown>('DELETE', `${V1}/households/${enc(id)}`),
};

// ── care groups (重点人群) ───────────────────────────────────────────────────
export const careGroupsApi = {
  list: () => request<CareGroupType[]>('GET', `${V1}/care-groups`, { schema: CareGroupList }),
  upsert: (body: UpsertCareGroupType) => request<unknown>('PUT', `${V1}/care-groups`, { body }),
  dashboard: (placeId: string, withinDays: number) =>
    request<CareDashboard>('GET', `${V1}/care-groups/dashboard`, { query: { placeId, withinDays }, schema: CareDashboardSchema }),
};

// ── visits (走访) ────────────────────────────────────────────────────────────
export const visitsApi = {
  ofResident: async (residentId: string, cursor?: string): Promise<Page<Visit>> =>
    toPage(
      await request<Page<Visit> | Visit[]>('GET', `${V1}/residents/${enc(residentId)}/visits`, {
        query: { cursor, limit: 50 },
        schema: VisitPage.or(VisitSchema.array()),
      }),
    ),
  create: (residentId: string, body: CreateVisit) =>
    request<Visit>('POST', `${V1}/residents/${enc(residentId)}/visits`, { body, schema: VisitSchema }),
  list: (query: VisitListQuery) => request<Page<Visit>>('GET', `${V1}/visits`, { query, schema: VisitPage }),
};

// ── Excel import ────────────────────────────────────────────────────────────
export const residentImportsApi = {
  downloadTemplate: () => downloadFile(`${V1}/residents/import-template`, undefined, 'residents-template.xlsx'),
  start: (file: File, mode: ImportMode) => {
    const form = new FormData();
    form.append('mode', mode);
    form.append('file', file, file.name);
    return uploadForm<ImportAccepted>(`${V1}/residents/imports`, form, ImportAcceptedSchema);
  },
  get: (id: string) => request<ImportJob>('GET', `${V1}/residents/imports/${enc(id)}`, { schema: ImportJobSchema }),
  downloadErrors: (id: string) => downloadFile(`${V1}/residents/imports/${enc(id)}/errors`, undefined, `import-errors-${id}.xlsx`),
};
