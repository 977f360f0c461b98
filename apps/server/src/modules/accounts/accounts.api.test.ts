import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type Page, type Problem } from '../../../../../test-support/expect-problem';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';
import { DEMO_ACCOUNTS } from './accounts.seed';

interface RoleView {
  id: string;
  role: string;
  placeId: string;
  placeName: string;
  placeType: string;
}
interface UserView {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  roles: RoleView[];
}

let t: TestApp;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let staff: Client;
let admin: Client;
let secadmin: Client;
let buildingA: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, admin, secadmin] = await Promise.all([t.login('staff'), t.login('admin'), t.login('secadmin')]);
  buildingA = demo.householdA.parentId!;
});

const DEMO_USERNAMES = new Set(DEMO_ACCOUNTS.map((a) => a.username));

async function counts(): Promise<{ users: number; roles: number }> {
  const [row] = await queryRows<{ users: number; roles: number }>(
    t.database.db,
    sql`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM role_assignments) AS roles`,
  );
  return { users: Number(row!.users), roles: Number(row!.roles) };
}

/** A refused request leaves users and role assignments as they were. */
async function refused(request: () => Promise<LightMyRequestResponse>, status: number, code: string): Promise<Problem> {
  const before = await counts();
  const problem = expectProblem(await request(), status, code);
  expect(await counts()).toEqual(before);
  return problem;
}

async function usernames(client: Client, query = ''): Promise<string[]> {
  const response = await client.get(`/api/v1/users?limit=200${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page<UserView>>().items.map((u) => u.username);
}

const demoOnly = (names: string[]) => names.filter((n) => DEMO_USERNAMES.has(n)).sort();

async function userId(username: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(t.database.db, sql`SELECT id FROM users WHERE username = ${username}`);
  return row!.id;
}

async function createUser(client: Client, body: Record<string, unknown>): Promise<{ user: UserView; initialPassword: string }> {
  const response = await client.post('/api/v1/users', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ user: UserView; initialPassword: string }>();
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = ${entityId} ORDER BY seq`);
  return rows.map((r) => r.action);
}

/** The PostgreSQL error code of a failed query (drizzle wraps the driver's error in `cause`). */
function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

describe('listing accounts', () => {
  it('community staff see exactly the accounts with a role inside their community', async () => {
    expect(demoOnly(await usernames(staff))).toEqual(['gridA', 'gridB', 'member', 'resident', 'staff']);
    expect(demoOnly(await usernames(await t.login('staffB')))).toEqual(['staffB']);
    expect(demoOnly(await usernames(admin))).toEqual([...DEMO_USERNAMES].sort());
  });

  it('filters by place subtree, role and text', async () => {
    expect(demoOnly(await usernames(staff, `&placeId=${demo.gridA.id}`))).toEqual(['gridA', 'member', 'resident']);
    expect(demoOnly(await usernames(staff, '&role=grid_worker'))).toEqual(['gridA', 'gridB']);
    expect(await usernames(staff, `&q=${encodeURIComponent('李芳')}`)).toEqual(['resident']);
    expectProblem(await staff.get(`/api/v1/users?placeId=${demo.communityB.id}`), 404, 'not_found');
  });

  it('pages with a cursor and a total', async () => {
    const first = (await admin.get('/api/v1/users?limit=4')).json<Page<UserView>>();
    expect(first.items).toHaveLength(4);
    expect(first.total).toBeGreaterThanOrEqual(10);
    const second = (await admin.get(`/api/v1/users?limit=4&cursor=${first.nextCursor}`)).json<Page<UserView>>();
    expect(second.items.map((u) => u.username).filter((n) => first.items.some((u) => u.username === n))).toEqual([]);
  });

  it('shows one account with its roles, and hides accounts outside the scope', async () => {
    const response = await staff.get(`/api/v1/users/${await userId('gridA')}`);
    expect(response.statusCode).toBe(200);
    expect(response.json<UserView>()).toMatchObject({ username: 'gridA', roles: [{ role: 'grid_worker', placeId: demo.gridA.id, placeName: '第一网格', placeType: 'grid' }] });
    expectProblem(await staff.get(`/api/v1/users/${await userId('staffB')}`), 404, 'not_found');
    expectProblem(await staff.get(`/api/v1/users/${await userId('admin')}`), 404, 'not_found');
  });

  it('gives field roles and the auditor no account list', async () => {
    expectProblem(await (await t.login('gridA')).get('/api/v1/users'), 403, 'forbidden');
    const auditor = await t.login('auditor');
    expectProblem(await auditor.get('/api/v1/users'), 403, 'forbidden');
    expectProblem(await auditor.get('/api/v1/places/roots'), 403, 'forbidden');
    const audit = await auditor.get('/api/v1/audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.json<Page<{ action: string }>>().items.length).toBeGreaterThan(0);
  });
});

describe('creating accounts', () => {
  it('creates an account with a one-time password that must be changed', async () => {
    const { user, initialPassword } = await createUser(staff, { username: 'zhaoliu', displayName: '赵六', phone: '13800001111', role: 'grid_informant', placeId: demo.gridA.id });
    expect(initialPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(user).toMatchObject({ username: 'zhaoliu', displayName: '赵六', phone: '13800001111', mustChangePassword: true, disabled: false, locked: false });
    expect(user.roles.map((r) => [r.role, r.placeId])).toEqual([['grid_informant', demo.gridA.id]]);
    expect(await auditActions(user.id)).toEqual(['user.create', 'role.assign']);
    const session = await t.login('zhaoliu', initialPassword);
    expect((await session.get('/api/v1/auth/me')).json<{ restriction: string }>().restriction).toBe('change_password');
    expect(demoOnly(await usernames(staff)).length).toBe(5);
    expect(await usernames(staff, '&q=zhaoliu')).toEqual(['zhaoliu']);
  });

  it('refuses a username that is taken, in any letter case', async () => {
    expect((await refused(() => staff.post('/api/v1/users', { username: 'gridB', displayName: '重名', role: 'grid_worker', placeId: demo.gridA.id }), 409, 'username_taken')).detail).toContain('gridB');
    await refused(() => staff.post('/api/v1/users', { username: 'GRIDB', displayName: '重名', role: 'grid_worker', placeId: demo.gridA.id }), 409, 'username_taken');
  });

  it('refuses a role at a place outside the scope with 404', async () => {
    await refused(() => staff.post('/api/v1/users', { username: 'outsider', displayName: '越界', role: 'community_staff', placeId: demo.communityB.id }), 404, 'not_found');
    await refused(() => staff.post('/api/v1/users', { username: 'outsider', displayName: '越界', role: 'grid_worker', placeId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
  });

  it('refuses a role at the wrong level of the tree', async () => {
    const problem = await refused(() => staff.post('/api/v1/users', { username: 'mismatch', displayName: '错层', role: 'grid_worker', placeId: demo.communityA.id }), 422, 'role_place_mismatch');
    expect(problem.detail).toBe('角色“网格员”不能分配在“社区”层级');
  });

  it('refuses malformed input', async () => {
    await refused(() => staff.post('/api/v1/users', { username: 'ab', displayName: '太短', role: 'grid_worker', placeId: demo.gridA.id }), 400, 'validation_failed');
    await refused(() => staff.post('/api/v1/users', { username: 'badphone', displayName: '电话', phone: '12345', role: 'grid_worker', placeId: demo.gridA.id }), 400, 'validation_failed');
    await refused(() => staff.post('/api/v1/users', { username: 'badrole', displayName: '角色', role: 'emperor', placeId: demo.gridA.id }), 400, 'validation_failed');
    await refused(() => staff.post('/api/v1/users', { username: 'extra', displayName: '多余', role: 'grid_worker', placeId: demo.gridA.id, password: 'x' }), 400, 'validation_failed');
  });

  it('keeps separated-duty roles to those who may grant them', async () => {
    await refused(() => staff.post('/api/v1/users', { username: 'fake-auditor', displayName: '假审计', role: 'auditor', placeId: demo.district.id }), 403, 'forbidden');
    await refused(() => secadmin.post('/api/v1/users', { username: 'sec-staff', displayName: '安全员建社区账号', role: 'community_staff', placeId: demo.communityA.id }), 403, 'forbidden');
  });
});

describe('changing accounts', () => {
  it('assigns and revokes a role, and refuses to revoke the last one', async () => {
    const { user } = await createUser(staff, { username: 'rolechanger', displayName: '角色变更', role: 'grid_informant', placeId: demo.gridA.id });
    const assigned = await staff.post(`/api/v1/users/${user.id}/roles`, { role: 'building_captain', placeId: buildingA });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const roles = assigned.json<UserView>().roles;
    expect(roles.map((r) => r.role).sort()).toEqual(['building_captain', 'grid_informant']);
    await refused(() => staff.post(`/api/v1/users/${user.id}/roles`, { role: 'building_captain', placeId: buildingA }), 409, 'role_already_assigned');
    await refused(() => staff.post(`/api/v1/users/${user.id}/roles`, { role: 'grid_worker', placeId: demo.communityB.id }), 404, 'not_found');
    await refused(() => staff.post(`/api/v1/users/${user.id}/roles`, { role: 'building_captain', placeId: demo.gridA.id }), 422, 'role_place_mismatch');

    const captain = roles.find((r) => r.role === 'building_captain')!;
    const revoked = await staff.delete(`/api/v1/users/${user.id}/roles/${captain.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<UserView>().roles.map((r) => r.role)).toEqual(['grid_informant']);
    await refused(() => staff.delete(`/api/v1/users/${user.id}/roles/${captain.id}`), 404, 'not_found');
    const last = revoked.json<UserView>().roles[0]!;
    expect((await refused(() => staff.delete(`/api/v1/users/${user.id}/roles/${last.id}`), 409, 'last_role')).detail).toContain('唯一的角色');
    expect(await auditActions(user.id)).toEqual(['user.create', 'role.assign', 'role.assign', 'role.revoke']);
  });

  it('a role change or a renamed place reaches a signed-in user on their very next request', async () => {
    const { user, initialPassword } = await createUser(staff, { username: 'liveroles', displayName: '角色即时生效', role: 'grid_informant', placeId: demo.gridA.id });
    const session = await t.login('liveroles', initialPassword);
    const rolesNow = async () => (await session.get('/api/v1/auth/me')).json<{ roles: { role: string; placeName: string }[] }>().roles;
    expect((await rolesNow()).map((r) => r.role)).toEqual(['grid_informant']);
    const captain = (await staff.post(`/api/v1/users/${user.id}/roles`, { role: 'building_captain', placeId: buildingA })).json<UserView>().roles.find((r) => r.role === 'building_captain')!;
    expect((await rolesNow()).map((r) => r.role).sort()).toEqual(['building_captain', 'grid_informant']);
    const building = (await staff.get(`/api/v1/places/${buildingA}`)).json<{ name: string }>();
    expect((await staff.patch(`/api/v1/places/${buildingA}`, { name: '改名后的楼栋' })).statusCode).toBe(200);
    try {
      expect((await rolesNow()).find((r) => r.role === 'building_captain')?.placeName).toBe('改名后的楼栋');
    } finally {
      await staff.patch(`/api/v1/places/${buildingA}`, { name: building.name });
    }
    expect((await staff.delete(`/api/v1/users/${user.id}/roles/${captain.id}`)).statusCode).toBe(200);
    expect((await rolesNow()).map((r) => r.role)).toEqual(['grid_informant']);
  });

  it('updates, resets and disables another account', async () => {
    const { user } = await createUser(staff, { username: 'editable', displayName: '可编辑', role: 'grid_worker', placeId: demo.gridB.id });
    const updated = await staff.patch(`/api/v1/users/${user.id}`, { displayName: '已编辑', phone: '13900002222' });
    expect(updated.json<UserView>()).toMatchObject({ displayName: '已编辑', phone: '13900002222' });
    const reset = await staff.post(`/api/v1/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json<{ temporaryPassword: string }>().temporaryPassword;
    expect((await t.login('editable', temporary)).cookie).not.toBeNull();
    expect((await staff.patch(`/api/v1/users/${user.id}`, { disabled: true })).json<UserView>().disabled).toBe(true);
    await expect(t.login('editable', temporary)).rejects.toThrow(/401/);
    expect(await auditActions(user.id)).toEqual(['user.create', 'role.assign', 'user.update', 'user.reset-password', 'auth.login', 'user.disable', 'auth.login-failed']);
  });

  it('refuses to act on one’s own account', async () => {
    const self = await userId('staff');
    const [ownRole] = (await staff.get(`/api/v1/users/${self}`)).json<UserView>().roles;
    await refused(() => staff.post(`/api/v1/users/${self}/roles`, { role: 'grid_worker', placeId: demo.gridA.id }), 422, 'cannot_change_self');
    await refused(() => staff.delete(`/api/v1/users/${self}/roles/${ownRole!.id}`), 422, 'cannot_change_self');
    expect((await refused(() => staff.patch(`/api/v1/users/${self}`, { disabled: true }), 422, 'cannot_change_self')).detail).toBe('不能对自己的账号执行此操作');
    await refused(() => staff.post(`/api/v1/users/${self}/reset-password`), 422, 'cannot_change_self');
    expect((await staff.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('keeps the three separated duties apart, in the service and in the database', async () => {
    const { user } = await createUser(secadmin, { username: 'auditor2', displayName: '审计员二', role: 'auditor', placeId: demo.district.id });
    expect(user.roles.map((r) => r.role)).toEqual(['auditor']);
    const problem = await refused(() => secadmin.post(`/api/v1/users/${user.id}/roles`, { role: 'system_admin', placeId: demo.district.id }), 409, 'separated_duties');
    expect(problem.detail).toContain('三员分立');
    // The district admin may grant separated duties too, and is refused the same way.
    await refused(() => admin.post(`/api/v1/users/${user.id}/roles`, { role: 'security_admin', placeId: demo.district.id }), 409, 'separated_duties');
    // Nor may a separated-duty account take a business role, or a business account a separated duty.
    await refused(() => admin.post(`/api/v1/users/${user.id}/roles`, { role: 'district_admin', placeId: demo.district.id }), 409, 'separated_duties');
    const gridWorker = (await admin.get('/api/v1/users?q=gridA')).json<{ items: { id: string; username: string }[] }>().items.find((u) => u.username === 'gridA')!;
    await refused(() => secadmin.post(`/api/v1/users/${gridWorker.id}/roles`, { role: 'auditor', placeId: demo.district.id }), 409, 'separated_duties');

    const before = await counts();
    const insert = t.database.db.execute(
      sql`INSERT INTO role_assignments (user_id, role, place_id, place_path) VALUES (${user.id}, 'system_admin', ${demo.district.id}, ${demo.district.path})`,
    );
    const error = await insert.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(pgCode(error)).toBe('23505');
    expect(await counts()).toEqual(before);
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM role_assignments WHERE user_id = ${user.id}`);
    expect(Number(row!.n)).toBe(1);
  });
});
