import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type Page, type Problem } from '../../../../../test-support/expect-problem';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';

interface PartyOrgView {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  isJointCommittee: boolean;
  branchKind: string | null;
  placeId: string;
  placeName: string;
  childCount: number;
}
interface PlaceView {
  id: string;
  type: string;
  path: string;
}

let t: TestApp;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let staff: Client;
let staffB: Client;
let admin: Client;
let gridA: Client;
let gridB: Client;
/** 朝阳社区大党委 (community A) and the branches of grid A and grid B. */
let committeeA: PartyOrgView;
let branchA: PartyOrgView;
let branchB: PartyOrgView;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, admin, gridA, gridB] = await Promise.all([t.login('staff'), t.login('staffB'), t.login('admin'), t.login('gridA'), t.login('gridB')]);
  committeeA = (await staff.get('/api/v1/party-orgs')).json<Page<PartyOrgView>>().items[0]!;
  const branches = (await staff.get(`/api/v1/party-orgs?parentId=${committeeA.id}`)).json<Page<PartyOrgView>>().items;
  branchA = branches.find((b) => b.placeId === demo.gridA.id)!;
  branchB = branches.find((b) => b.placeId === demo.gridB.id)!;
});


async function countOrgs(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM party_orgs`);
  return Number(row!.n);
}

/** A refused request leaves the party_orgs table as it was. */
async function refused(request: () => Promise<LightMyRequestResponse>, status: number, code: string): Promise<Problem> {
  const before = await countOrgs();
  const problem = expectProblem(await request(), status, code);
  expect(await countOrgs()).toBe(before);
  return problem;
}

async function topOrgs(client: Client): Promise<PartyOrgView[]> {
  const response = await client.get('/api/v1/party-orgs');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page<PartyOrgView>>().items;
}

async function createGrid(parentId: string, name: string): Promise<PlaceView> {
  const response = await staff.post('/api/v1/places', { parentId, type: 'grid', name });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PlaceView>();
}

async function createOrg(client: Client, body: Record<string, unknown>): Promise<PartyOrgView> {
  const response = await client.post('/api/v1/party-orgs', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PartyOrgView>();
}

describe('reading the party tree', () => {
  it('lists the top organisations of each role’s scope', async () => {
    const adminTop = await topOrgs(admin);
    expect(adminTop.map((o) => o.type)).toEqual(['working_committee', 'working_committee']);
    expect(adminTop.every((o) => o.parentId === null && o.name.endsWith('党工委'))).toBe(true);

    expect(committeeA).toMatchObject({ type: 'community_committee', name: '朝阳社区大党委', isJointCommittee: true, placeId: demo.communityA.id, placeName: '朝阳社区' });
    expect((await topOrgs(staff)).map((o) => o.id)).toEqual([committeeA.id]);
    expect((await topOrgs(staffB)).map((o) => [o.name, o.placeId])).toEqual([['和平社区党委', demo.communityB.id]]);
    expect((await topOrgs(gridA)).map((o) => o.id)).toEqual([branchA.id]);
    expect((await topOrgs(gridB)).map((o) => o.id)).toEqual([branchB.id]);
    expect((await topOrgs(await t.login('member'))).map((o) => o.id)).toEqual([branchA.id]);
    expectProblem(await (await t.login('resident')).get('/api/v1/party-orgs'), 403, 'forbidden');
    expectProblem(await (await t.login('auditor')).get('/api/v1/party-orgs'), 403, 'forbidden');
  });

  it('lists the children of an organisation, and filters by place', async () => {
    const page = (await staff.get(`/api/v1/party-orgs?parentId=${committeeA.id}`)).json<Page<PartyOrgView>>();
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items.every((o) => o.parentId === committeeA.id && o.type === 'branch')).toBe(true);
    expect(branchA).toMatchObject({ name: '第一网格党支部', branchKind: 'grid', placeName: '第一网格', isJointCommittee: false });
    expect(branchB).toMatchObject({ name: '第二网格党支部', placeName: '第二网格' });
    const groups = (await gridA.get(`/api/v1/party-orgs?parentId=${branchA.id}`)).json<Page<PartyOrgView>>().items;
    expect(groups.map((g) => [g.type, g.name])).toEqual([['group', '1栋党小组']]);
    const byPlace = (await staff.get(`/api/v1/party-orgs?placeId=${demo.gridB.id}`)).json<Page<PartyOrgView>>().items;
    expect(byPlace.map((o) => o.id)).toEqual([branchB.id]);
    // One page at a time.
    const first = (await staff.get(`/api/v1/party-orgs?parentId=${committeeA.id}&limit=1`)).json<Page<PartyOrgView>>();
    expect(first.items).toHaveLength(1);
    const second = (await staff.get(`/api/v1/party-orgs?parentId=${committeeA.id}&limit=1&cursor=${first.nextCursor}`)).json<Page<PartyOrgView>>();
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it('gets one organisation with its place name and child count', async () => {
    const response = await staff.get(`/api/v1/party-orgs/${committeeA.id}`);
    expect(response.statusCode).toBe(200);
    const org = response.json<PartyOrgView>();
    expect(org).toMatchObject({ id: committeeA.id, placeName: '朝阳社区' });
    expect(org.childCount).toBe((await staff.get(`/api/v1/party-orgs?parentId=${committeeA.id}`)).json<Page<PartyOrgView>>().total);
  });

  it('answers 404 for organisations outside the scope', async () => {
    expectProblem(await staffB.get(`/api/v1/party-orgs/${committeeA.id}`), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/party-orgs/${branchA.id}`), 404, 'not_found');
    expectProblem(await gridA.get(`/api/v1/party-orgs/${committeeA.id}`), 404, 'not_found');
    expectProblem(await staffB.get(`/api/v1/party-orgs?parentId=${committeeA.id}`), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/party-orgs?parentId=${branchA.id}`), 404, 'not_found');
    expectProblem(await staff.get('/api/v1/party-orgs/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expectProblem(await staffB.get(`/api/v1/party-orgs?placeId=${demo.gridA.id}`), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/party-orgs?placeId=${demo.gridA.id}`), 404, 'not_found');
  });
});

describe('changing the party tree', () => {
  it('creates a branch under a community committee, linked to a grid', async () => {
    const grid = await createGrid(demo.communityA.id, '党建新网格');
    const branch = await createOrg(staff, { parentId: committeeA.id, type: 'branch', name: '党建新网格党支部', placeId: grid.id, isJointCommittee: true });
    expect(branch).toMatchObject({ parentId: committeeA.id, type: 'branch', name: '党建新网格党支部', placeId: grid.id, placeName: '党建新网格', branchKind: 'grid', isJointCommittee: false, childCount: 0 });
    const children = (await staff.get(`/api/v1/party-orgs?parentId=${committeeA.id}`)).json<Page<PartyOrgView>>().items;
    expect(children.map((o) => o.id)).toContain(branch.id);
    const estate = await createOrg(staff, { parentId: committeeA.id, type: 'branch', name: '小区功能型党支部', placeId: grid.id, branchKind: 'estate' });
    expect(estate.branchKind).toBe('estate');
    const [audit] = await queryRows<{ actor_name: string; after: { name: string } }>(
      t.database.db,
      sql`SELECT actor_name, after FROM audit_log WHERE action = 'party-org.create' AND entity_id = ${branch.id}`,
    );
    expect(audit).toMatchObject({ actor_name: 'staff', after: { name: '党建新网格党支部', type: 'branch', placeId: grid.id } });
  });

  it('enforces the organisation types allowed under each parent', async () => {
    expect((await refused(() => staff.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'group', name: '越级党小组', placeId: demo.gridA.id }), 422, 'party_org_type_not_allowed')).detail).toBe(
      '“社区党委”下不能建立“党小组”',
    );
    await refused(() => staff.post('/api/v1/party-orgs', { parentId: branchA.id, type: 'community_committee', name: '倒置党委', placeId: demo.gridA.id }), 422, 'party_org_type_not_allowed');
    await refused(() => staff.post('/api/v1/party-orgs', { parentId: null, type: 'branch', name: '无上级党支部', placeId: demo.gridA.id }), 422, 'party_org_type_not_allowed');
  });

  it('requires the place served to lie within the parent organisation’s place', async () => {
    const [smallGridB] = (await staff.get(`/api/v1/places?parentId=${demo.gridB.id}&type=grid`)).json<Page<PlaceView>>().items;
    expect(
      (await refused(() => staff.post('/api/v1/party-orgs', { parentId: branchA.id, type: 'group', name: '错位党小组', placeId: smallGridB!.id }), 422, 'party_org_place_mismatch')).detail,
    ).toBe('党组织所服务的地点必须在上级组织的地点范围内');
    const [gridOfB] = (await admin.get(`/api/v1/places?parentId=${demo.communityB.id}&type=grid`)).json<Page<PlaceView>>().items;
    await refused(() => admin.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'branch', name: '跨社区党支部', placeId: gridOfB!.id }), 422, 'party_org_place_mismatch');
  });

  it('refuses to delete an organisation that has sub-organisations', async () => {
    const problem = await refused(() => staff.delete(`/api/v1/party-orgs/${committeeA.id}`), 409, 'party_org_has_children');
    expect(problem.detail).toMatch(/还有 \d+ 个下级组织/);
    await refused(() => staff.delete(`/api/v1/party-orgs/${branchA.id}`), 409, 'party_org_has_children');
  });

  it('refuses to delete an organisation that still has members, and deletes it once they are transferred', async () => {
    const group = await createOrg(staff, { parentId: branchA.id, type: 'group', name: '有党员的党小组', placeId: demo.householdA.parentId! });
    const joined = await staff.post('/api/v1/party-members', { orgId: group.id, name: '党员孙立', gender: 'male', phone: '13800138111', status: 'full', type: 'resident', stages: { probationaryOn: '2010-07-01', fullOn: '2011-07-01' } });
    expect(joined.statusCode, joined.body).toBe(201);
    const problem = await refused(() => staff.delete(`/api/v1/party-orgs/${group.id}`), 409, 'party_org_has_records');
    expect(problem.detail).toBe('该党组织还有 1 名党员、0 条组织生活记录，请先转接党员，不能删除');
    const moved = await staff.post(`/api/v1/party-members/${joined.json<{ id: string }>().id}/transfers`, { toOrgId: branchA.id, transferredOn: '2026-11-01', reason: '党小组撤销' });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((await staff.delete(`/api/v1/party-orgs/${group.id}`)).statusCode).toBe(200);
  });

  it('renames an organisation and records before and after', async () => {
    const response = await staff.patch(`/api/v1/party-orgs/${branchB.id}`, { name: '第二网格联合党支部', branchKind: 'estate', isJointCommittee: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<PartyOrgView>()).toMatchObject({ id: branchB.id, name: '第二网格联合党支部', branchKind: 'estate', isJointCommittee: false });
    expect((await gridB.get(`/api/v1/party-orgs/${branchB.id}`)).json<PartyOrgView>().name).toBe('第二网格联合党支部');
    const [audit] = await queryRows<{ before: { name: string }; after: { name: string } }>(
      t.database.db,
      sql`SELECT before, after FROM audit_log WHERE action = 'party-org.update' AND entity_id = ${branchB.id} ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit!.before.name).toBe('第二网格党支部');
    expect(audit!.after.name).toBe('第二网格联合党支部');
  });

  it('deletes a leaf organisation', async () => {
    const leaf = await createOrg(staff, { parentId: branchA.id, type: 'group', name: '临时党小组', placeId: demo.householdA.parentId! });
    const before = await countOrgs();
    expect((await staff.delete(`/api/v1/party-orgs/${leaf.id}`)).json()).toEqual({ ok: true });
    expect(await countOrgs()).toBe(before - 1);
    expectProblem(await staff.get(`/api/v1/party-orgs/${leaf.id}`), 404, 'not_found');
  });

  it('refuses changes outside the scope with 404, and to readers without the write permission with 403', async () => {
    const name = (await staff.get(`/api/v1/party-orgs/${branchA.id}`)).json<PartyOrgView>().name;
    expectProblem(await staffB.patch(`/api/v1/party-orgs/${branchA.id}`, { name: '越界改名' }), 404, 'not_found');
    expectProblem(await gridB.patch(`/api/v1/party-orgs/${branchA.id}`, { name: '越界改名' }), 404, 'not_found');
    expectProblem(await gridA.patch(`/api/v1/party-orgs/${branchA.id}`, { name: '越权改名' }), 403, 'forbidden');
    await refused(() => staffB.delete(`/api/v1/party-orgs/${branchA.id}`), 404, 'not_found');
    await refused(() => staffB.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'branch', name: '越界支部', placeId: demo.gridA.id }), 404, 'not_found');
    await refused(() => staff.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'branch', name: '越界支部', placeId: demo.communityB.id }), 404, 'not_found');
    await refused(() => gridA.post('/api/v1/party-orgs', { parentId: branchA.id, type: 'group', name: '网格员建小组', placeId: demo.householdA.parentId! }), 403, 'forbidden');
    expect((await staff.get(`/api/v1/party-orgs/${branchA.id}`)).json<PartyOrgView>().name).toBe(name);
  });

  it('refuses malformed input', async () => {
    await refused(() => staff.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'branch', name: '党'.repeat(101), placeId: demo.gridA.id }), 400, 'validation_failed');
    await refused(() => staff.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'cell', name: '未知类型', placeId: demo.gridA.id }), 400, 'validation_failed');
    await refused(() => staff.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'branch', name: '多余字段', placeId: demo.gridA.id, secretary: '张三' }), 400, 'validation_failed');
    expectProblem(await staff.patch(`/api/v1/party-orgs/${branchA.id}`, { placeId: demo.gridB.id }), 400, 'validation_failed');
  });

  it('keeps an organisation with its place when the place moves', async () => {
    const target = await createGrid(demo.gridA.id, '迁入的小网格');
    const moving = await createGrid(demo.gridA.id, '将迁移的小网格');
    const group = await createOrg(staff, { parentId: branchA.id, type: 'group', name: '随网格迁移党小组', placeId: moving.id });
    const created = await staff.post('/api/v1/users', { username: 'party-informant', displayName: '党建信息员', role: 'grid_informant', placeId: target.id });
    expect(created.statusCode, created.body).toBe(201);
    const initialPassword = created.json<{ initialPassword: string }>().initialPassword;
    const informant = await t.login('party-informant', initialPassword);
    expect((await informant.post('/api/v1/auth/password', { currentPassword: initialPassword, newPassword: 'Party-grid-2026' })).statusCode).toBe(200);
    expectProblem(await informant.get(`/api/v1/party-orgs/${group.id}`), 404, 'not_found');

    const moved = await staff.patch(`/api/v1/places/${moving.id}`, { parentId: target.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const newPath = moved.json<PlaceView>().path;
    expect(newPath.startsWith(target.path)).toBe(true);
    const [row] = await queryRows<{ place_path: string }>(t.database.db, sql`SELECT place_path FROM party_orgs WHERE id = ${group.id}`);
    expect(row!.place_path).toBe(newPath);
    expect((await informant.get(`/api/v1/party-orgs/${group.id}`)).json<PartyOrgView>()).toMatchObject({ id: group.id, placeName: '将迁移的小网格' });
    expect((await informant.get('/api/v1/party-orgs')).json<Page<PartyOrgView>>().items.map((o) => o.id)).toEqual([group.id]);
  });
});
