/**
 * The scope matrix: every /api/v1 route that takes the id of a record (in its path or as a list filter)
 * is called for a record of grid A by the worker of the sibling grid B and by the staff of the sibling
 * community B. Both must get 404 — the record's existence is not revealed — while its rightful owner
 * gets through. The table must cover every such route of the OpenAPI document: a new route without a
 * row here fails this file.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { checkDigitOf } from '@gridwork/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test-support/harness';
import { queryRows } from './db/sql';

interface Fixtures {
  /** Community A, grid A and a fresh small grid under grid A. */
  readonly gridA: string;
  readonly grid: string;
  /** A fresh empty building under grid A, for DELETE. */
  readonly leafBuilding: string;
  /** Grid A's party branch, and a fresh party group under it, for DELETE. */
  readonly branch: string;
  readonly leafGroup: string;
  /** A fresh account with two roles in grid A, and the id of its second role. */
  readonly user: string;
  readonly assignment: string;
  /** Household A's building, a fresh household in it with an adult resident (and a visit), and fresh ones for DELETE. */
  readonly building: string;
  readonly household: string;
  readonly leafHousehold: string;
  readonly resident: string;
  readonly leafResident: string;
  readonly importJob: string;
  /** A request in grid A with a photo, and a notification to grid A's worker. */
  readonly request: string;
  readonly photo: string;
  readonly notification: string;
  /** Wishes posted by community A's staff in grid A: open, open, claimed by grid A's worker, fulfilled. */
  readonly wishToClaim: string;
  readonly wishToCancel: string;
  readonly wishToFulfil: string;
  readonly wishToConfirm: string;
  /** The matrix resident's points entry (earned), for the account and the reversal. */
  readonly pointsEntry: string;
  /** Charity store goods of community A made by its staff; a counter redemption for the matrix resident; 李芳's reservation. */
  readonly storeGoods: string;
  readonly redemption: string;
  readonly reservation: string;
  /** An event in grid A by community A's staff, from two hours ago for three hours, with its start time. */
  readonly event: string;
  readonly eventStart: string;
  /** Sign-ups on it: one to cancel, and a fresh resident to sign up; 李芳's checked-out attendance to confirm. */
  readonly signupToCancel: string;
  readonly residentToSignUp: string;
  readonly attendanceToConfirm: string;
  /** A lecture topic in grid A. */
  readonly lectureTopic: string;
}

type Method = Extract<HTTPMethods, 'GET' | 'POST' | 'PATCH' | 'DELETE'>;
type Owner = 'gridA' | 'staff';

interface Row {
  readonly method: Method;
  /** As in the OpenAPI document. */
  readonly route: string;
  readonly url: (f: Fixtures) => string;
  readonly body?: (f: Fixtures) => Record<string, unknown>;
  /** Who may do this to the record: grid A's worker for reads where allowed, community A's staff for the rest. */
  readonly owner: Owner;
  /** What the owner gets where it is not 200 (a POST that creates a record under the one named, or a rule refusing what the owner may see). */
  readonly ownerStatus?: 201 | 409;
}

const RECORD_ROUTES: readonly Row[] = [
  { method: 'GET', route: '/api/v1/places/{id}', url: (f) => `/api/v1/places/${f.grid}`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/places/{id}/ancestors', url: (f) => `/api/v1/places/${f.grid}/ancestors`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/places/{id}/grid-boundaries', url: (f) => `/api/v1/places/${f.grid}/grid-boundaries`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/places/{id}', url: (f) => `/api/v1/places/${f.grid}`, body: () => ({ name: '矩阵小网格（改）' }), owner: 'staff' },
  { method: 'DELETE', route: '/api/v1/places/{id}', url: (f) => `/api/v1/places/${f.leafBuilding}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/party-orgs/{id}', url: (f) => `/api/v1/party-orgs/${f.branch}`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/party-orgs/{id}', url: (f) => `/api/v1/party-orgs/${f.branch}`, body: () => ({ name: '第一网格党支部（改）' }), owner: 'staff' },
  { method: 'DELETE', route: '/api/v1/party-orgs/{id}', url: (f) => `/api/v1/party-orgs/${f.leafGroup}`, owner: 'staff' },
  // Grid workers hold no account permissions: community A's staff own grid A's accounts.
  { method: 'GET', route: '/api/v1/users/{id}', url: (f) => `/api/v1/users/${f.user}`, owner: 'staff' },
  { method: 'PATCH', route: '/api/v1/users/{id}', url: (f) => `/api/v1/users/${f.user}`, body: () => ({ displayName: '矩阵账号（改）' }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/users/{id}/reset-password', url: (f) => `/api/v1/users/${f.user}/reset-password`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/users/{id}/unlock', url: (f) => `/api/v1/users/${f.user}/unlock`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/users/{id}/roles', url: (f) => `/api/v1/users/${f.user}/roles`, body: (f) => ({ role: 'grid_worker', placeId: f.gridA }), owner: 'staff' },
  { method: 'DELETE', route: '/api/v1/users/{id}/roles/{assignmentId}', url: (f) => `/api/v1/users/${f.user}/roles/${f.assignment}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/households/{id}', url: (f) => `/api/v1/households/${f.household}`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/households/{id}', url: (f) => `/api/v1/households/${f.household}`, body: () => ({ notes: '矩阵备注' }), owner: 'gridA' },
  { method: 'DELETE', route: '/api/v1/households/{id}', url: (f) => `/api/v1/households/${f.leafHousehold}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/{id}', url: (f) => `/api/v1/residents/${f.resident}`, owner: 'gridA' },
  { method: 'PATCH', route: '/api/v1/residents/{id}', url: (f) => `/api/v1/residents/${f.resident}`, body: () => ({ notes: '矩阵备注' }), owner: 'gridA' },
  { method: 'DELETE', route: '/api/v1/residents/{id}', url: (f) => `/api/v1/residents/${f.leafResident}`, owner: 'staff' },
  // Revealing and the PIPL copy need resident.reveal, which grid workers do not hold.
  { method: 'POST', route: '/api/v1/residents/{id}/reveal', url: (f) => `/api/v1/residents/${f.resident}/reveal`, body: () => ({ field: 'idNumber', reason: '矩阵核对' }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/{id}/personal-data', url: (f) => `/api/v1/residents/${f.resident}/personal-data`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/{id}/visits', url: (f) => `/api/v1/residents/${f.resident}/visits`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/residents/{id}/visits', url: (f) => `/api/v1/residents/${f.resident}/visits`, body: () => ({ visitedAt: new Date().toISOString(), observations: '矩阵走访' }), owner: 'gridA', ownerStatus: 201 },
  // An import job belongs to whoever started it.
  { method: 'GET', route: '/api/v1/residents/imports/{id}', url: (f) => `/api/v1/residents/imports/${f.importJob}`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/residents/imports/{id}/errors', url: (f) => `/api/v1/residents/imports/${f.importJob}/errors`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/requests/{id}', url: (f) => `/api/v1/requests/${f.request}`, owner: 'gridA' },
  // The fixture request was not made public, so it cannot be followed from outside its scope.
  { method: 'POST', route: '/api/v1/requests/{id}/follow', url: (f) => `/api/v1/requests/${f.request}/follow`, owner: 'gridA', ownerStatus: 409 },
  { method: 'DELETE', route: '/api/v1/requests/{id}/follow', url: (f) => `/api/v1/requests/${f.request}/follow`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/requests/{id}/assignees', url: (f) => `/api/v1/requests/${f.request}/assignees`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/requests/{id}/transitions', url: (f) => `/api/v1/requests/${f.request}/transitions`, body: () => ({ action: 'accept' }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/request-photos/{id}', url: (f) => `/api/v1/request-photos/${f.photo}`, owner: 'gridA' },
  // A notification belongs to the one user it was sent to.
  { method: 'POST', route: '/api/v1/notifications/{id}/read', url: (f) => `/api/v1/notifications/${f.notification}/read`, owner: 'gridA' },
  { method: 'GET', route: '/api/v1/points/accounts/{residentId}', url: (f) => `/api/v1/points/accounts/${f.resident}`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/points/entries/{id}/reverse', url: (f) => `/api/v1/points/entries/${f.pointsEntry}/reverse`, body: () => ({ reason: '矩阵冲正' }), owner: 'staff' },
  // Grid workers hold no store permissions: community A's staff run its charity store.
  { method: 'GET', route: '/api/v1/store/goods/{id}', url: (f) => `/api/v1/store/goods/${f.storeGoods}`, owner: 'staff' },
  { method: 'PATCH', route: '/api/v1/store/goods/{id}', url: (f) => `/api/v1/store/goods/${f.storeGoods}`, body: () => ({ pointsPrice: 35 }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/store/redemptions/{id}', url: (f) => `/api/v1/store/redemptions/${f.redemption}`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/store/redemptions/{id}/pick-up', url: (f) => `/api/v1/store/redemptions/${f.reservation}/pick-up`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/store/redemptions/{id}/cancel', url: (f) => `/api/v1/store/redemptions/${f.redemption}/cancel`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/wishes/{id}', url: (f) => `/api/v1/wishes/${f.wishToClaim}`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/wishes/{id}/claim', url: (f) => `/api/v1/wishes/${f.wishToClaim}/claim`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/wishes/{id}/fulfil', url: (f) => `/api/v1/wishes/${f.wishToFulfil}/fulfil`, body: () => ({ note: '已送到老人家中' }), owner: 'gridA' },
  { method: 'POST', route: '/api/v1/wishes/{id}/confirm', url: (f) => `/api/v1/wishes/${f.wishToConfirm}/confirm`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/wishes/{id}/cancel', url: (f) => `/api/v1/wishes/${f.wishToCancel}/cancel`, owner: 'staff' },
  // Grid workers read events of their grid; organising (sign-ups for others, check-in codes, confirmation) is community A's staff's.
  { method: 'GET', route: '/api/v1/events/{id}', url: (f) => `/api/v1/events/${f.event}`, owner: 'gridA' },
  // Only the description changes: the other event rows (check-in at the fixture's times) must keep working.
  { method: 'PATCH', route: '/api/v1/events/{id}', url: (f) => `/api/v1/events/${f.event}`, body: () => ({ description: '矩阵活动说明（改）' }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/events/{id}/signups', url: (f) => `/api/v1/events/${f.event}/signups`, body: (f) => ({ residentId: f.residentToSignUp }), owner: 'staff', ownerStatus: 201 },
  { method: 'POST', route: '/api/v1/events/{id}/signups/{signupId}/cancel', url: (f) => `/api/v1/events/${f.event}/signups/${f.signupToCancel}/cancel`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/events/{id}/check-in', url: (f) => `/api/v1/events/${f.event}/check-in`, body: (f) => ({ residentId: f.resident, at: f.eventStart }), owner: 'staff' },
  { method: 'POST', route: '/api/v1/events/{id}/check-out', url: (f) => `/api/v1/events/${f.event}/check-out`, body: (f) => ({ residentId: f.resident, at: new Date(Date.parse(f.eventStart) + 3_600_000).toISOString() }), owner: 'staff' },
  { method: 'GET', route: '/api/v1/events/{id}/check-in-code', url: (f) => `/api/v1/events/${f.event}/check-in-code`, owner: 'staff' },
  { method: 'GET', route: '/api/v1/events/{id}/attendance', url: (f) => `/api/v1/events/${f.event}/attendance`, owner: 'gridA' },
  { method: 'POST', route: '/api/v1/events/{id}/attendance/{attendanceId}/confirm', url: (f) => `/api/v1/events/${f.event}/attendance/${f.attendanceToConfirm}/confirm`, owner: 'staff' },
  { method: 'POST', route: '/api/v1/lecture-topics/{id}/votes', url: (f) => `/api/v1/lecture-topics/${f.lectureTopic}/votes`, owner: 'gridA' },
];

interface FilterRow {
  readonly method: 'GET';
  readonly route: string;
  readonly param: string;
  readonly value: (f: Fixtures) => string;
  readonly owner: Owner;
  /** What the owner's answer must show. */
  readonly ownerSees: (body: unknown, f: Fixtures) => void;
  /**
   * Set where grid B's worker may not use the list at all: then they get the same 403 as for the
   * unfiltered list, which says nothing about the id.
   */
  readonly gridBClosed?: true;
}

const nonEmptyPage = (body: unknown) => expect((body as { items: unknown[] }).items.length).toBeGreaterThan(0);
/** An xlsx file is a zip archive. */
const xlsxFile = (body: unknown) => expect(Buffer.isBuffer(body) && body.subarray(0, 2).toString('latin1')).toBe('PK');

const LIST_FILTERS: readonly FilterRow[] = [
  { method: 'GET', route: '/api/v1/places', param: 'parentId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/party-orgs', param: 'parentId', value: (f) => f.branch, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/party-orgs', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/users', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  {
    method: 'GET',
    route: '/api/v1/dashboard/counters',
    param: 'placeId',
    value: (f) => f.gridA,
    owner: 'gridA',
    ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA }),
  },
  { method: 'GET', route: '/api/v1/households', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/households', param: 'buildingId', value: (f) => f.building, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/residents', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/residents/export', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: xlsxFile, gridBClosed: true },
  { method: 'GET', route: '/api/v1/visits', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/visits', param: 'residentId', value: (f) => f.resident, owner: 'gridA', ownerSees: nonEmptyPage },
  {
    method: 'GET',
    route: '/api/v1/care-groups/dashboard',
    param: 'placeId',
    value: (f) => f.gridA,
    owner: 'gridA',
    ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA, totals: expect.arrayContaining([expect.objectContaining({ code: 'elderly_60' })]) }),
  },
  { method: 'GET', route: '/api/v1/requests', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/requests/export', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: xlsxFile },
  { method: 'GET', route: '/api/v1/requests/stats', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA }) },
  { method: 'GET', route: '/api/v1/wishes', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/volunteers', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/volunteers/stats', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA }) },
  { method: 'GET', route: '/api/v1/teams', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/events', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  { method: 'GET', route: '/api/v1/lecture-topics', param: 'placeId', value: (f) => f.gridA, owner: 'gridA', ownerSees: nonEmptyPage },
  // A grid is served by its community's store, so grid A's id finds community A's goods and records.
  { method: 'GET', route: '/api/v1/store/goods', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/store/donations', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/store/redemptions', param: 'placeId', value: (f) => f.gridA, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  { method: 'GET', route: '/api/v1/store/redemptions', param: 'residentId', value: (f) => f.resident, owner: 'staff', ownerSees: nonEmptyPage, gridBClosed: true },
  {
    method: 'GET',
    route: '/api/v1/store/report',
    param: 'placeId',
    value: (f) => f.gridA,
    owner: 'staff',
    ownerSees: (body, f) => expect(body).toMatchObject({ placeId: f.gridA, lines: expect.arrayContaining([expect.objectContaining({ goodsId: f.storeGoods })]) }),
    gridBClosed: true,
  },
];

/** Id filters that are deliberately not scoped by place, with the reason. */
const UNSCOPED_FILTERS: Readonly<Record<string, string>> = {
  'GET /api/v1/public/echo-wall?communityId': 'the echo wall is public by design and carries no personal data',
  'GET /api/v1/events/calendar.ics?communityId': 'the events calendar is a public feed of published events by design, with no personal data',
  'GET /api/v1/audit?entityId': 'the audit log is not place data: only the district auditor (audit.read) reads it, whole',
};

const rowKey = (r: { method: string; route: string }) => `${r.method} ${r.route}`;
const filterKey = (r: FilterRow) => `${r.method} ${r.route}?${r.param}`;
const filterUrl = (r: FilterRow, value: string) => `${r.route}?${r.param}=${value}`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** The same URL with every id replaced by one that exists nowhere. */
const withUnknownIds = (url: string) => url.replace(UUID, () => crypto.randomUUID());

let t: TestApp;
let f: Fixtures;
let clients: Record<'gridA' | 'gridB' | 'staff' | 'staffB', Client>;

function send(client: Client, method: Method, url: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse> {
  switch (method) {
    case 'GET':
      return client.get(url);
    case 'POST':
      return client.post(url, body);
    case 'PATCH':
      return client.patch(url, body);
    case 'DELETE':
      return client.delete(url);
  }
}

function created<T>(response: LightMyRequestResponse): T {
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

/** Status and body, without the request-specific `instance`. */
function answer(response: LightMyRequestResponse): { status: number; body: unknown } {
  const body = response.json<Record<string, unknown>>();
  delete body.instance;
  return { status: response.statusCode, body };
}

beforeAll(async () => {
  t = await createTestApp();
  const demo = await t.demo();
  const [gridA, gridB, staff, staffB] = await Promise.all(['gridA', 'gridB', 'staff', 'staffB'].map((u) => t.login(u)));
  clients = { gridA: gridA!, gridB: gridB!, staff: staff!, staffB: staffB! };
  const grid = created<{ id: string }>(await staff!.post('/api/v1/places', { parentId: demo.gridA.id, type: 'grid', name: '矩阵小网格' })).id;
  const leafBuilding = created<{ id: string }>(await staff!.post('/api/v1/places', { parentId: demo.gridA.id, type: 'building', name: '矩阵楼栋' })).id;
  const branch = (await staff!.get(`/api/v1/party-orgs?placeId=${demo.gridA.id}`)).json<{ items: { id: string; type: string }[] }>().items.find((o) => o.type === 'branch')!.id;
  const leafGroup = created<{ id: string }>(await staff!.post('/api/v1/party-orgs', { parentId: branch, type: 'group', name: '矩阵党小组', placeId: grid })).id;
  const user = created<{ user: { id: string } }>(await staff!.post('/api/v1/users', { username: 'matrix-user', displayName: '矩阵账号', role: 'grid_informant', placeId: demo.gridA.id })).user.id;
  const withRole = await staff!.post(`/api/v1/users/${user}/roles`, { role: 'building_captain', placeId: demo.householdA.parentId! });
  expect(withRole.statusCode, withRole.body).toBe(200);
  const assignment = withRole.json<{ roles: { id: string; role: string }[] }>().roles.find((r) => r.role === 'building_captain')!.id;
  const building = demo.householdA.parentId!;
  const household = created<{ id: string }>(await staff!.post('/api/v1/households', { buildingId: building, name: '矩阵户' })).id;
  const leafHousehold = created<{ id: string }>(await staff!.post('/api/v1/households', { buildingId: building, name: '矩阵空户' })).id;
  const idNumber = (seq: number) => `34040619800101${seq}${checkDigitOf(`34040619800101${seq}`)}`;
  const resident = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵居民', idNumber: idNumber(881) })).id;
  const leafResident = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵注销', idNumber: idNumber(883) })).id;
  created(await staff!.post(`/api/v1/residents/${resident}/visits`, { visitedAt: new Date().toISOString(), observations: '矩阵走访' }));
  const staffId = (await staff!.get('/api/v1/auth/me')).json<{ id: string }>().id;
  const [job] = await queryRows<{ id: string }>(
    t.database.db,
    sql`INSERT INTO resident_imports (status, mode, file_name, total, processed, actor_id, finished_at) VALUES ('done', 'skip-invalid', '矩阵.xlsx', 0, 0, ${staffId}, now()) RETURNING id`,
  );
  const importJob = job!.id;
  const photoPng = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } }).png().toBuffer();
  const boundary = '----matrix';
  const photo = created<{ id: string }>(
    await staff!.post('/api/v1/request-photos', Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.png"\r\nContent-Type: image/png\r\n\r\n`), photoPng, Buffer.from(`\r\n--${boundary}--\r\n`)]), {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    }),
  ).id;
  const request = created<{ id: string }>(await staff!.post('/api/v1/requests', { channel: 'counter', category: 'facilities.lighting', description: '矩阵诉求：路灯不亮', placeId: building, photoIds: [photo] })).id;
  const gridAId = (await gridA!.get('/api/v1/auth/me')).json<{ id: string }>().id;
  const assignable = created<{ id: string }>(await staff!.post('/api/v1/requests', { channel: 'counter', category: 'facilities.lighting', description: '矩阵诉求：派给网格员', placeId: building }));
  expect((await staff!.post(`/api/v1/requests/${assignable.id}/transitions`, { action: 'assign', ownerUserId: gridAId })).statusCode).toBe(200);
  const notification = (await gridA!.get('/api/v1/notifications')).json<{ items: { id: string }[] }>().items[0]!.id;
  const wish = async () => created<{ id: string }>(await staff!.post('/api/v1/wishes', { title: '矩阵心愿', description: '想要一台收音机', beneficiary: '王阿姨', placeId: building })).id;
  const [wishToClaim, wishToCancel, wishToFulfil, wishToConfirm] = [await wish(), await wish(), await wish(), await wish()];
  for (const id of [wishToFulfil, wishToConfirm]) expect((await gridA!.post(`/api/v1/wishes/${id}/claim`)).statusCode).toBe(200);
  expect((await gridA!.post(`/api/v1/wishes/${wishToConfirm}/fulfil`, { note: '已送到' })).statusCode).toBe(200);
  const pointsEntry = (await t.app.services.points.earn(t.database.db, { residentId: resident, amount: 10, sourceType: 'matrix', sourceId: null, reason: '矩阵积分', actor: null, key: 'matrix-earn' })).entryId;
  const storeGoods = created<{ id: string }>(await staff!.post('/api/v1/store/goods', { placeId: demo.communityA.id, name: '矩阵毛巾', category: '日用品', pointsPrice: 30, stock: 10, unit: '条' })).id;
  created(await staff!.post('/api/v1/store/donations', { kind: 'goods', donorType: 'partner_unit', donorName: '矩阵共建单位', goodsId: storeGoods, quantity: 2, estimatedValue: 40 }));
  await t.app.services.points.earn(t.database.db, { residentId: resident, amount: 100, sourceType: 'matrix', sourceId: null, reason: '矩阵积分', actor: null, key: 'matrix-store-earn' });
  const redemption = created<{ id: string }>(await staff!.post('/api/v1/store/redemptions', { residentId: resident, goodsId: storeGoods, quantity: 1 })).id;
  const lifangClient = await t.login('resident');
  const lifang = (await t.app.services.residents.residentIdOf((await lifangClient.get('/api/v1/auth/me')).json<{ id: string }>().id))!;
  await t.app.services.points.earn(t.database.db, { residentId: lifang, amount: 100, sourceType: 'matrix', sourceId: null, reason: '矩阵积分', actor: null, key: 'matrix-store-earn-lifang' });
  const reservation = created<{ id: string }>(await lifangClient.post('/api/v1/store/redemptions', { residentId: lifang, goodsId: storeGoods, quantity: 1 })).id;
  // Events: one in grid A, open for sign-up; 李芳 checked in and out (to confirm), two register entries signed up by staff.
  const eventStart = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000);
  const eventEnd = new Date(eventStart.getTime() + 3 * 3_600_000);
  const event = created<{ id: string }>(
    await staff!.post('/api/v1/events', { title: '矩阵活动', type: 'volunteer_service', placeId: demo.gridA.id, startsAt: eventStart.toISOString(), endsAt: eventEnd.toISOString(), signupClosesAt: eventEnd.toISOString(), capacity: 20 }),
  ).id;
  const residentToCancel = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵取消', idNumber: idNumber(891) })).id;
  const residentToSignUp = created<{ id: string }>(await staff!.post('/api/v1/residents', { householdId: household, name: '矩阵报名', idNumber: idNumber(893) })).id;
  const signupToCancel = created<{ id: string }>(await staff!.post(`/api/v1/events/${event}/signups`, { residentId: residentToCancel })).id;
  created(await staff!.post(`/api/v1/events/${event}/signups`, { residentId: resident }));
  created(await lifangClient.post(`/api/v1/events/${event}/signups`, {}));
  expect((await staff!.post(`/api/v1/events/${event}/check-in`, { residentId: lifang, at: eventStart.toISOString() })).statusCode).toBe(200);
  const attendanceToConfirm = (await staff!.post(`/api/v1/events/${event}/check-out`, { residentId: lifang, at: eventEnd.toISOString() })).json<{ id: string }>().id;
  created(await staff!.post('/api/v1/volunteers', { residentId: resident }));
  created(await staff!.post('/api/v1/teams', { name: '矩阵服务队', colour: 'green', placeId: demo.gridA.id }));
  const lectureTopic = created<{ id: string }>(await staff!.post('/api/v1/lecture-topics', { title: '矩阵讲题', placeId: demo.gridA.id })).id;
  f = { gridA: demo.gridA.id, grid, leafBuilding, branch, leafGroup, user, assignment, building, household, leafHousehold, resident, leafResident, importJob, request, photo, notification, wishToClaim, wishToCancel, wishToFulfil, wishToConfirm, pointsEntry, storeGoods, redemption, reservation, event, eventStart: eventStart.toISOString(), signupToCancel, residentToSignUp, attendanceToConfirm, lectureTopic };
});

describe('the matrix covers every route that takes a record id', () => {
  interface OpenApiParameter {
    name: string;
    in: string;
  }
  type OpenApiPaths = Record<string, Record<string, { parameters?: OpenApiParameter[] }>>;
  const operations = async () => {
    const doc = (await t.anonymous().get('/api/docs/json')).json<{ paths: OpenApiPaths }>();
    return Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, parameters: operation.parameters ?? [] })),
    );
  };

  it('has a row for every /api/v1 operation with an id in its path', async () => {
    const documented = (await operations()).filter((o) => o.path.startsWith('/api/v1/') && o.path.includes('{')).map((o) => rowKey({ method: o.method, route: o.path }));
    expect(documented.length).toBeGreaterThanOrEqual(RECORD_ROUTES.length);
    expect(RECORD_ROUTES.map(rowKey).sort()).toEqual([...new Set(documented)].sort());
  });

  it('has a row for every list filter that takes an id', async () => {
    const documented = (await operations())
      .filter((o) => o.path.startsWith('/api/v1/'))
      .flatMap((o) => o.parameters.filter((p) => p.in === 'query' && /Id$/.test(p.name)).map((p) => `${o.method} ${o.path}?${p.name}`));
    expect([...LIST_FILTERS.map(filterKey), ...Object.keys(UNSCOPED_FILTERS)].sort()).toEqual(documented.sort());
  });

  it('names only routes the server really has', () => {
    for (const row of [...RECORD_ROUTES, ...LIST_FILTERS]) {
      expect(t.app.hasRoute({ method: row.method, url: row.route.replace(/\{(\w+)\}/g, ':$1') }), rowKey(row)).toBe(true);
    }
  });
});

describe('a sibling grid’s worker and a sibling community’s staff get 404', () => {
  for (const row of RECORD_ROUTES) {
    it(rowKey(row), async () => {
      for (const who of ['gridB', 'staffB'] as const) {
        const response = await send(clients[who], row.method, row.url(f), row.body?.(f));
        expect(response.statusCode, `${who}: ${response.body}`).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json<{ code: string }>().code).toBe('not_found');
        // Exactly what an id that exists nowhere gets.
        expect(answer(response)).toEqual(answer(await send(clients[who], row.method, withUnknownIds(row.url(f)), row.body?.(f))));
      }
    });
  }

  for (const row of LIST_FILTERS) {
    it(filterKey(row), async () => {
      for (const who of ['gridB', 'staffB'] as const) {
        const response = await clients[who].get(filterUrl(row, row.value(f)));
        if (who === 'gridB' && row.gridBClosed) {
          expect(response.statusCode, response.body).toBe(403);
          expect(answer(response)).toEqual(answer(await clients[who].get(row.route)));
        } else {
          expect(response.statusCode, `${who}: ${response.body}`).toBe(404);
          expect(response.json<{ code: string }>().code).toBe('not_found');
        }
        expect(answer(response)).toEqual(answer(await clients[who].get(filterUrl(row, crypto.randomUUID()))));
      }
    });
  }

  it('and none of their attempts changed anything', async () => {
    const staff = clients.staff;
    expect((await staff.get(`/api/v1/places/${f.grid}`)).json<{ name: string }>().name).toBe('矩阵小网格');
    expect((await staff.get(`/api/v1/places/${f.leafBuilding}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/v1/party-orgs/${f.branch}`)).json<{ name: string }>().name).toBe('第一网格党支部');
    expect((await staff.get(`/api/v1/party-orgs/${f.leafGroup}`)).statusCode).toBe(200);
    const user = (await staff.get(`/api/v1/users/${f.user}`)).json<{ displayName: string; roles: unknown[] }>();
    expect(user.displayName).toBe('矩阵账号');
    expect(user.roles).toHaveLength(2);
    const [writes] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE actor_name IN ('gridB', 'staffB') AND action NOT LIKE 'auth.%'`);
    expect(Number(writes!.n)).toBe(0);
  });
});

describe('the rightful owner gets through', () => {
  for (const row of RECORD_ROUTES) {
    it(`${rowKey(row)} as ${row.owner}`, async () => {
      const response = await send(clients[row.owner], row.method, row.url(f), row.body?.(f));
      expect(response.statusCode, response.body).toBe(row.ownerStatus ?? 200);
    });
  }

  for (const row of LIST_FILTERS) {
    it(`${filterKey(row)} as ${row.owner}`, async () => {
      const response = await clients[row.owner].get(filterUrl(row, row.value(f)));
      expect(response.statusCode, response.body).toBe(200);
      row.ownerSees(String(response.headers['content-type']).includes('json') ? response.json<unknown>() : response.rawPayload, f);
    });
  }
});
