import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type Page, type Problem } from '../../../../../test-support/expect-problem';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';

interface Polygon {
  type: 'Polygon';
  coordinates: number[][][];
}
interface PlaceView {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  code: string | null;
  path: string;
  depth: number;
  sortOrder: number;
  boundary: Polygon | null;
  childCount: number;
}
interface Feature {
  type: 'Feature';
  id: string;
  properties: { name: string; code: string | null; parentId: string | null };
  geometry: Polygon;
}
interface AuditRow {
  action: string;
  actor_name: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

let t: TestApp;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let staff: Client;
let admin: Client;
let gridA: Client;
beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, admin, gridA] = await Promise.all([t.login('staff'), t.login('admin'), t.login('gridA')]);
});


const rectangle = (west: number, south: number, east: number, north: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});

async function countPlaces(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM places`);
  return Number(row!.n);
}

/** Runs a refused request and checks that the places table did not change. */
async function refused(request: () => Promise<LightMyRequestResponse>, status: number, code: string): Promise<Problem> {
  const before = await countPlaces();
  const problem = expectProblem(await request(), status, code);
  expect(await countPlaces()).toBe(before);
  return problem;
}

async function children(client: Client, parentId: string): Promise<PlaceView[]> {
  const response = await client.get(`/api/v1/places?parentId=${parentId}&limit=500`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page<PlaceView>>().items;
}

/** The grids directly below a place (other tests may add buildings next to them). */
async function grids(client: Client, parentId: string): Promise<PlaceView[]> {
  return (await children(client, parentId)).filter((p) => p.type === 'grid');
}

async function place(client: Client, id: string): Promise<PlaceView> {
  const response = await client.get(`/api/v1/places/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PlaceView>();
}

async function auditRows(entityId: string): Promise<AuditRow[]> {
  return queryRows<AuditRow>(t.database.db, sql`SELECT action, actor_name, before, after FROM audit_log WHERE entity_type = 'place' AND entity_id = ${entityId} ORDER BY seq`);
}

let codeCounter = 0;
const freshCode = () => `T${Date.now().toString(36)}-${++codeCounter}`;

async function createPlace(client: Client, body: Record<string, unknown>): Promise<PlaceView> {
  const response = await client.post('/api/v1/places', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PlaceView>();
}

describe('reading the tree', () => {
  it('lists the roots of each role’s scope', async () => {
    const roots = async (client: Client) => (await client.get('/api/v1/places/roots')).json<PlaceView[]>().map((p) => p.id);
    expect(await roots(staff)).toEqual([demo.communityA.id]);
    expect(await roots(gridA)).toEqual([demo.gridA.id]);
    expect(await roots(admin)).toEqual([demo.district.id]);
    expect(await roots(await t.login('resident'))).toEqual([demo.householdA.id]);
    expect(await roots(await t.login('staffB'))).toEqual([demo.communityB.id]);
  });

  it('pages through children with limit and cursor, without duplicates, with the total on every page', async () => {
    const building = demo.householdA.parentId!;
    const all = await children(staff, building);
    expect(all).toHaveLength(4);
    expect(all.every((p) => p.type === 'household' && p.parentId === building)).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/places?parentId=${building}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: Page<PlaceView> = (await staff.get(url)).json<Page<PlaceView>>();
      expect(page.total).toBe(4);
      expect(page.items).toHaveLength(1);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((p) => p.id));
  });

  it('walks the whole scope in pages, every row inside the scope exactly once', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let total = -1;
    let pages = 0;
    do {
      const url: string = `/api/v1/places?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response: LightMyRequestResponse = await staff.get(url);
      expect(response.statusCode).toBe(200);
      const page = response.json<Page<PlaceView>>();
      total = page.total!;
      for (const p of page.items) {
        expect(seen.has(p.id)).toBe(false);
        expect(p.path.startsWith(demo.communityA.path)).toBe(true);
        seen.add(p.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    // community + 2 big grids + 4 small grids + 8 buildings + 32 households, plus whatever other tests added.
    expect(total).toBeGreaterThanOrEqual(47);
    expect(seen.size).toBe(total);
  });

  it('rejects a forged cursor with 400', async () => {
    expectProblem(await staff.get('/api/v1/places?cursor=not-a-cursor'), 400, 'validation_failed');
  });

  it('a grid worker listing the children of their community sees only their own grid', async () => {
    const page = (await gridA.get(`/api/v1/places?parentId=${demo.communityA.id}`)).json<Page<PlaceView>>();
    expect(page.items.map((p) => p.id)).toEqual([demo.gridA.id]);
    expect(page.total).toBe(1);
  });

  it('searches by name within the scope, and by exact code', async () => {
    const byName = (await staff.get(`/api/v1/places?q=${encodeURIComponent('第一网格')}`)).json<Page<PlaceView>>();
    const expected = ['第一网格', ...(await grids(staff, demo.gridA.id)).map((g) => g.name)];
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(byName.items.map((p) => p.name).sort()).toEqual(expected.sort());
    expect(byName.items.every((p) => p.path.startsWith(demo.communityA.path))).toBe(true);
    expect(byName.total).toBe(expected.length);

    const byCode = (await staff.get(`/api/v1/places?q=${encodeURIComponent(demo.gridB.code!)}`)).json<Page<PlaceView>>();
    expect(byCode.items.map((p) => p.id)).toEqual([demo.gridB.id]);

    const otherCommunity = encodeURIComponent(demo.communityB.name);
    expect((await staff.get(`/api/v1/places?q=${otherCommunity}`)).json<Page<PlaceView>>()).toMatchObject({ items: [], total: 0 });
    expect((await admin.get(`/api/v1/places?q=${otherCommunity}`)).json<Page<PlaceView>>().items.map((p) => p.id)).toEqual([demo.communityB.id]);

    // LIKE wildcards are searched literally.
    expect((await staff.get('/api/v1/places?q=%25')).json<Page<PlaceView>>().total).toBe(0);
  });

  it('gets one place with its boundary', async () => {
    const grid = await place(gridA, demo.gridA.id);
    expect(grid).toMatchObject({ id: demo.gridA.id, type: 'grid', name: '第一网格', code: demo.gridA.code, parentId: demo.communityA.id, path: demo.gridA.path });
    expect(grid.childCount).toBe((await children(gridA, demo.gridA.id)).length);
    expect(grid.boundary?.type).toBe('Polygon');
  });

  it('lists the ancestors inside the reader’s scope, root first', async () => {
    const building = await place(staff, demo.householdA.parentId!);
    const smallGrid = await place(staff, building.parentId!);
    const expected = [demo.communityA.id, demo.gridA.id, smallGrid.id, building.id];
    expect((await staff.get(`/api/v1/places/${building.id}/ancestors`)).json<PlaceView[]>().map((p) => p.id)).toEqual(expected);
    const full = (await admin.get(`/api/v1/places/${building.id}/ancestors`)).json<PlaceView[]>();
    expect(full.map((p) => p.type)).toEqual(['district', 'subdistrict', 'community', 'grid', 'grid', 'building']);
    expect(full.slice(2).map((p) => p.id)).toEqual(expected);
    expect((await gridA.get(`/api/v1/places/${building.id}/ancestors`)).json<PlaceView[]>().map((p) => p.id)).toEqual(expected.slice(1));
  });

  it('returns the grid boundaries below a place as a GeoJSON FeatureCollection', async () => {
    const response = await staff.get(`/api/v1/places/${demo.communityA.id}/grid-boundaries`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const collection = response.json<{ type: string; features: Feature[] }>();
    expect(collection.type).toBe('FeatureCollection');
    const smallGridsOfA = await grids(staff, demo.gridA.id);
    const ids = collection.features.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining([demo.gridA.id, demo.gridB.id, ...smallGridsOfA.map((g) => g.id)]));
    for (const feature of collection.features) {
      expect(feature.type).toBe('Feature');
      expect(feature.geometry.type).toBe('Polygon');
      const ring = feature.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    const gridAFeature = collection.features.find((f) => f.id === demo.gridA.id)!;
    expect(gridAFeature.properties).toEqual({ name: '第一网格', code: demo.gridA.code, parentId: demo.communityA.id });
    // Below grid A only grid A's own subtree.
    const underA = (await gridA.get(`/api/v1/places/${demo.gridA.id}/grid-boundaries`)).json<{ features: Feature[] }>();
    expect(underA.features.map((f) => f.id).sort()).toEqual([demo.gridA.id, ...smallGridsOfA.map((g) => g.id)].sort());
  });

  it('locates the innermost grid containing a point, within the scope', async () => {
    const [smallGrid] = await grids(staff, demo.gridA.id);
    const ring = smallGrid!.boundary!.coordinates[0]!;
    const lngs = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    const lng = (Math.min(...lngs) + Math.max(...lngs)) / 2;
    const lat = (Math.min(...lats) + Math.max(...lats)) / 2;
    const found = await staff.get(`/api/v1/places/locate?lng=${lng}&lat=${lat}`);
    expect(found.statusCode).toBe(200);
    expect(found.json<PlaceView>().id).toBe(smallGrid!.id);
    expect((await gridA.get(`/api/v1/places/locate?lng=${lng}&lat=${lat}`)).json<PlaceView>().id).toBe(smallGrid!.id);

    expectProblem(await staff.get('/api/v1/places/locate?lng=100&lat=10'), 404, 'no_grid_at_point');
    // The point is in community A: for community B's staff there is no grid there.
    expectProblem(await (await t.login('staffB')).get(`/api/v1/places/locate?lng=${lng}&lat=${lat}`), 404, 'no_grid_at_point');
    expectProblem(await staff.get('/api/v1/places/locate?lng=200&lat=10'), 400, 'validation_failed');
  });

  it('refuses the place tree to the auditor', async () => {
    const auditor = await t.login('auditor');
    expectProblem(await auditor.get('/api/v1/places/roots'), 403, 'forbidden');
    expectProblem(await auditor.get('/api/v1/places'), 403, 'forbidden');
  });
});

describe('changing the tree', () => {
  it('creates a grid with a polygon boundary and a code under community A', async () => {
    const code = freshCode();
    const boundary = rectangle(116.7, 32.7, 116.71, 32.705);
    const response = await staff.post('/api/v1/places', { parentId: demo.communityA.id, type: 'grid', name: '新建网格', code, sortOrder: 9, boundary });
    expect(response.statusCode, response.body).toBe(201);
    const grid = response.json<PlaceView>();
    expect(grid).toMatchObject({ parentId: demo.communityA.id, type: 'grid', name: '新建网格', code, sortOrder: 9, depth: demo.communityA.depth + 1, childCount: 0, boundary });
    expect(grid.path).toMatch(new RegExp(`^${demo.communityA.path}\\d+/$`));
    expect((await children(staff, demo.communityA.id)).map((p) => p.id)).toContain(grid.id);
    const [box] = await queryRows<{ min_lng: number; max_lat: number }>(t.database.db, sql`SELECT min_lng, max_lat FROM places WHERE id = ${grid.id}`);
    expect([Number(box!.min_lng), Number(box!.max_lat)]).toEqual([116.7, 32.705]);
    const audit = await auditRows(grid.id);
    expect(audit.map((a) => a.action)).toEqual(['place.create']);
    expect(audit[0]!.actor_name).toBe('staff');
    expect(audit[0]!.after).toMatchObject({ name: '新建网格', code, type: 'grid', hasBoundary: true });
    // The new grid is found by locate.
    expect((await staff.get('/api/v1/places/locate?lng=116.705&lat=32.7025')).json<PlaceView>().id).toBe(grid.id);
  });

  it('creates a building under a grid', async () => {
    const building = await createPlace(staff, { parentId: demo.gridA.id, type: 'building', name: '新楼 9 栋' });
    expect(building).toMatchObject({ parentId: demo.gridA.id, type: 'building', code: null, boundary: null, depth: demo.gridA.depth + 1 });
    expect(building.path.startsWith(demo.gridA.path)).toBe(true);
    expect((await place(gridA, building.id)).name).toBe('新楼 9 栋');
  });

  it('updates the name, code and boundary of a grid and clears the boundary', async () => {
    const grid = await createPlace(staff, { parentId: demo.communityA.id, type: 'grid', name: '改名前' });
    const code = freshCode();
    const response = await staff.patch(`/api/v1/places/${grid.id}`, { name: '改名后', code, boundary: rectangle(1, 1, 2, 2) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<PlaceView>()).toMatchObject({ name: '改名后', code, boundary: rectangle(1, 1, 2, 2) });
    expect((await staff.patch(`/api/v1/places/${grid.id}`, { boundary: null, code: null })).json<PlaceView>()).toMatchObject({ boundary: null, code: null });
    const audit = await auditRows(grid.id);
    expect(audit.map((a) => a.action)).toEqual(['place.create', 'place.update', 'place.update']);
    expect(audit[1]!.before).toMatchObject({ name: '改名前', code: null });
    expect(audit[1]!.after).toMatchObject({ name: '改名后', code });
  });

  it('moves a grid with its whole subtree, and role assignments at the moved place follow it', async () => {
    const [, smallGrid] = await grids(staff, demo.gridA.id);
    const created = await staff.post('/api/v1/users', { username: 'mover-informant', displayName: '移动信息员', role: 'grid_informant', placeId: smallGrid!.id });
    expect(created.statusCode, created.body).toBe(201);
    const initialPassword = created.json<{ initialPassword: string }>().initialPassword;
    const [targetGrid] = await grids(admin, demo.communityB.id);
    const oldPath = smallGrid!.path;
    const subtree = await queryRows<{ id: string; path: string }>(t.database.db, sql`SELECT id, path FROM places WHERE path LIKE ${`${oldPath}%`} ORDER BY path`);
    expect(subtree).toHaveLength(1 + 2 + 8);

    const response = await admin.patch(`/api/v1/places/${smallGrid!.id}`, { parentId: targetGrid!.id });
    expect(response.statusCode, response.body).toBe(200);
    const moved = response.json<PlaceView>();
    const newPath = `${targetGrid!.path}${oldPath.split('/').filter(Boolean).pop()}/`;
    expect(moved).toMatchObject({ parentId: targetGrid!.id, path: newPath, depth: targetGrid!.depth + 1 });

    const after = await queryRows<{ id: string; path: string; type: string }>(t.database.db, sql`SELECT id, path, type FROM places WHERE path LIKE ${`${newPath}%`}`);
    expect(after.map((r) => r.id).sort()).toEqual(subtree.map((r) => r.id).sort());
    for (const row of subtree) expect(after.find((r) => r.id === row.id)!.path).toBe(newPath + row.path.slice(oldPath.length));
    expect(after.filter((r) => r.type === 'building')).toHaveLength(2);
    const [left] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM places WHERE path LIKE ${`${oldPath}%`}`);
    expect(Number(left!.n)).toBe(0);
    const [assignment] = await queryRows<{ place_path: string }>(
      t.database.db,
      sql`SELECT ra.place_path FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.username = 'mover-informant'`,
    );
    expect(assignment!.place_path).toBe(newPath);
    expect((await children(staff, demo.gridA.id)).map((p) => p.id)).not.toContain(smallGrid!.id);

    // The informant's scope followed the place.
    const informant = await t.login('mover-informant', initialPassword);
    expect((await informant.post('/api/v1/auth/password', { currentPassword: initialPassword, newPassword: 'Moved-grid-2026' })).statusCode).toBe(200);
    const roots = (await informant.get('/api/v1/places/roots')).json<PlaceView[]>();
    expect(roots.map((p) => [p.id, p.path])).toEqual([[smallGrid!.id, newPath]]);
    const building = after.find((r) => r.type === 'building')!;
    expect((await informant.get(`/api/v1/places/${building.id}`)).statusCode).toBe(200);

    // And so did the community staffs' scopes.
    const staffB = await t.login('staffB');
    expect((await staffB.get(`/api/v1/places/${building.id}`)).statusCode).toBe(200);
    expectProblem(await staff.get(`/api/v1/places/${building.id}`), 404, 'not_found');
    const usersOf = async (client: Client) => (await client.get('/api/v1/users?q=mover')).json<Page<{ username: string }>>().items.map((u) => u.username);
    expect(await usersOf(staffB)).toEqual(['mover-informant']);
    expect(await usersOf(staff)).toEqual([]);

    const audit = await auditRows(smallGrid!.id);
    expect(audit.at(-1)).toMatchObject({ action: 'place.move', actor_name: 'admin' });
    expect(audit.at(-1)!.before).toMatchObject({ path: oldPath, parentId: demo.gridA.id });
    expect(audit.at(-1)!.after).toMatchObject({ path: newPath, parentId: targetGrid!.id });
  });

  it('refuses a move that would leave a party organisation outside its parent organisation', async () => {
    // The demo 党小组 sits at the first building of grid A's first small grid, under grid A's 党支部.
    const [firstSmall] = await grids(staff, demo.gridA.id);
    const [targetGrid] = await grids(admin, demo.communityB.id);
    const before = await queryRows<{ path: string }>(t.database.db, sql`SELECT path FROM places WHERE id = ${firstSmall!.id}`);
    const problem = await refused(() => admin.patch(`/api/v1/places/${firstSmall!.id}`, { parentId: targetGrid!.id }), 409, 'place_move_breaks_links');
    expect(problem.detail).toContain('党组织');
    const after = await queryRows<{ path: string }>(t.database.db, sql`SELECT path FROM places WHERE id = ${firstSmall!.id}`);
    expect(after).toEqual(before);
  });

  it('deletes an empty leaf and records it with its former state', async () => {
    const leaf = await createPlace(staff, { parentId: demo.gridA.id, type: 'building', name: '待拆除楼栋' });
    const before = await countPlaces();
    const response = await staff.delete(`/api/v1/places/${leaf.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect(await countPlaces()).toBe(before - 1);
    expectProblem(await staff.get(`/api/v1/places/${leaf.id}`), 404, 'not_found');
    const audit = await auditRows(leaf.id);
    expect(audit.map((a) => a.action)).toEqual(['place.create', 'place.delete']);
    expect(audit[1]).toMatchObject({ actor_name: 'staff', after: null });
    expect(audit[1]!.before).toMatchObject({ name: '待拆除楼栋', type: 'building', parentId: demo.gridA.id, path: leaf.path });
  });
});

describe('refusing bad input (the database stays unchanged)', () => {
  const post = (body: unknown) => () => staff.post('/api/v1/places', body as Record<string, unknown>);
  const validGrid = () => ({ parentId: demo.communityA.id, type: 'grid', name: '坏数据网格' });

  it('a malformed JSON body', async () => {
    await refused(() => staff.post('/api/v1/places', '{"parentId": ', { 'content-type': 'application/json' }), 400, 'malformed_json');
  });

  it('an unknown field', async () => {
    const problem = await refused(post({ ...validGrid(), colour: 'red' }), 400, 'validation_failed');
    expect(problem.detail).toContain('colour');
    expect(problem.errors?.[0]?.message).toContain('不允许的字段');
  });

  it('a value of the wrong type', async () => {
    const problem = await refused(post({ ...validGrid(), sortOrder: 'first' }), 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.sortOrder']);
    expect(problem.detail).toContain('应为数字');
  });

  it('a name of 101 characters (100 is fine)', async () => {
    const problem = await refused(post({ ...validGrid(), name: '网'.repeat(101) }), 400, 'validation_failed');
    expect(problem.detail).toContain('100');
    expect((await staff.post('/api/v1/places', { ...validGrid(), name: '网'.repeat(100) })).statusCode).toBe(201);
  });

  it('invalid GeoJSON boundaries', async () => {
    const open = { type: 'Polygon', coordinates: [[[116, 32], [117, 32], [117, 33], [116, 33]]] };
    expect((await refused(post({ ...validGrid(), boundary: open }), 422, 'boundary_invalid')).detail).toContain('闭合');
    const tooShort = { type: 'Polygon', coordinates: [[[116, 32], [117, 32], [116, 32]]] };
    await refused(post({ ...validGrid(), boundary: tooShort }), 400, 'validation_failed');
    const bowTie = { type: 'Polygon', coordinates: [[[116, 32], [117, 33], [117, 32], [116, 33], [116, 32]]] };
    expect((await refused(post({ ...validGrid(), boundary: bowTie }), 422, 'boundary_invalid')).detail).toContain('自相交');
    await refused(post({ ...validGrid(), boundary: rectangle(199, 32, 200, 33) }), 400, 'validation_failed');
    await refused(post({ ...validGrid(), boundary: { type: 'Point', coordinates: [116, 32] } }), 400, 'validation_failed');
    // The same checks guard updates.
    const gridBefore = await place(staff, demo.gridB.id);
    await refused(() => staff.patch(`/api/v1/places/${demo.gridB.id}`, { boundary: bowTie }), 422, 'boundary_invalid');
    expect(await place(staff, demo.gridB.id)).toEqual(gridBefore);
  });

  it('a boundary on a place that is not a grid', async () => {
    await refused(post({ parentId: demo.gridA.id, type: 'building', name: '有边界的楼', boundary: rectangle(116, 32, 117, 33) }), 422, 'boundary_only_for_grids');
  });

  it('a household directly under a community', async () => {
    const problem = await refused(post({ parentId: demo.communityA.id, type: 'household', name: '101室' }), 422, 'place_type_not_allowed');
    expect(problem.detail).toBe('“社区”下不能建立“户”');
  });

  it('moving a place under itself or its own descendant, with nothing else of the request applied', async () => {
    const [smallGrid] = await grids(staff, demo.gridA.id);
    const gridBefore = await place(staff, demo.gridA.id);
    await refused(() => staff.patch(`/api/v1/places/${demo.gridA.id}`, { name: '不应保存', parentId: smallGrid!.id }), 422, 'place_move_into_descendant');
    await refused(() => staff.patch(`/api/v1/places/${demo.gridA.id}`, { parentId: demo.gridA.id }), 422, 'place_move_into_descendant');
    expect(await place(staff, demo.gridA.id)).toEqual(gridBefore);
    // A grid cannot move under a building either.
    await refused(() => staff.patch(`/api/v1/places/${demo.gridB.id}`, { parentId: demo.householdA.parentId! }), 422, 'place_type_not_allowed');
    expect((await place(staff, demo.gridB.id)).parentId).toBe(demo.communityA.id);
  });

  it('a code already in use', async () => {
    const problem = await refused(post({ ...validGrid(), code: demo.gridA.code }), 409, 'place_code_taken');
    expect(problem.detail).toContain(demo.gridA.code!);
    await refused(() => staff.patch(`/api/v1/places/${demo.gridB.id}`, { code: demo.gridA.code }), 409, 'place_code_taken');
    expect((await place(staff, demo.gridB.id)).code).toBe(demo.gridB.code);
    // Keeping one's own code is no conflict.
    expect((await staff.patch(`/api/v1/places/${demo.gridB.id}`, { code: demo.gridB.code })).statusCode).toBe(200);
  });

  it('deleting a place that has children', async () => {
    const problem = await refused(() => staff.delete(`/api/v1/places/${demo.gridB.id}`), 409, 'place_has_children');
    expect(problem.detail).toContain('2');
  });

  it('deleting a grid that still has a role assignment or a party organisation', async () => {
    const withRole = await createPlace(staff, { parentId: demo.communityA.id, type: 'grid', name: '有人员的网格' });
    expect((await staff.post('/api/v1/users', { username: 'leaf-worker', displayName: '叶子网格员', role: 'grid_worker', placeId: withRole.id })).statusCode).toBe(201);
    expect((await refused(() => staff.delete(`/api/v1/places/${withRole.id}`), 409, 'place_has_dependents')).detail).toContain('账号角色 1');

    const withOrg = await createPlace(staff, { parentId: demo.communityA.id, type: 'grid', name: '有党组织的网格' });
    const [committee] = (await staff.get('/api/v1/party-orgs')).json<Page<{ id: string }>>().items;
    const branch = await staff.post('/api/v1/party-orgs', { parentId: committee!.id, type: 'branch', name: '叶子网格党支部', placeId: withOrg.id });
    expect(branch.statusCode, branch.body).toBe(201);
    expect((await refused(() => staff.delete(`/api/v1/places/${withOrg.id}`), 409, 'place_has_dependents')).detail).toContain('党组织 1');
  });

  it('deleting or moving the district root', async () => {
    await refused(() => admin.delete(`/api/v1/places/${demo.district.id}`), 422, 'place_root_immutable');
    await refused(() => admin.patch(`/api/v1/places/${demo.district.id}`, { parentId: demo.communityA.id }), 422, 'place_root_immutable');
  });

  it('a grid worker changing places: 403 inside their scope, 404 outside', async () => {
    const [smallGridA] = await grids(gridA, demo.gridA.id);
    const [smallGridB] = await grids(staff, demo.gridB.id);
    await refused(() => gridA.post('/api/v1/places', { parentId: demo.gridA.id, type: 'building', name: '网格员建楼' }), 403, 'forbidden');
    await refused(() => gridA.post('/api/v1/places', { parentId: demo.gridB.id, type: 'building', name: '网格员建楼' }), 404, 'not_found');
    await refused(() => gridA.patch(`/api/v1/places/${demo.gridA.id}`, { name: '网格员改名' }), 403, 'forbidden');
    await refused(() => gridA.patch(`/api/v1/places/${demo.gridB.id}`, { name: '网格员改名' }), 404, 'not_found');
    await refused(() => gridA.delete(`/api/v1/places/${smallGridA!.id}`), 403, 'forbidden');
    await refused(() => gridA.delete(`/api/v1/places/${smallGridB!.id}`), 404, 'not_found');
    expect((await place(staff, demo.gridA.id)).name).toBe('第一网格');
    expect((await place(staff, demo.gridB.id)).name).toBe('第二网格');
  });

  it('a community’s staff cannot reach into another community, nor move a place out of their scope', async () => {
    const staffB = await t.login('staffB');
    await refused(() => staffB.post('/api/v1/places', { parentId: demo.gridA.id, type: 'building', name: '越界楼栋' }), 404, 'not_found');
    await refused(() => staffB.patch(`/api/v1/places/${demo.gridA.id}`, { name: '越界改名' }), 404, 'not_found');
    await refused(() => staff.patch(`/api/v1/places/${demo.gridB.id}`, { parentId: demo.communityB.id }), 404, 'not_found');
    expect((await place(staff, demo.gridB.id)).parentId).toBe(demo.communityA.id);
  });
});
