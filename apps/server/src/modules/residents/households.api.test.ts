import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf, type Household, type Place, type Resident, type ResidentDetail } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';

const idOf = (birth: string, seq: number) => {
  const first17 = `340406${birth}${String(seq).padStart(3, '0')}`;
  return `${first17}${checkDigitOf(first17)}`;
};

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let gridB: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let building: Place;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridA, gridB] = (await Promise.all(['staff', 'staffB', 'gridA', 'gridB'].map((u) => t.login(u)))) as [Client, Client, Client, Client];
  building = (await staff.get(`/api/v1/places/${demo.householdA.parentId}`)).json<Place>();
});

const auditCount = async (action: string, id: string) =>
  Number((await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${id}`))[0]!.n);

describe('households', () => {
  it('are the household places of a building, with head and member count', async () => {
    const page = (await gridA.get(`/api/v1/households?buildingId=${building.id}`)).json<{ items: Household[]; total: number }>();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((h) => h.buildingId === building.id && h.buildingName === building.name)).toBe(true);
    const a = (await gridA.get(`/api/v1/households/${demo.householdA.id}`)).json<Household>();
    expect(a).toMatchObject({ id: demo.householdA.id, name: demo.householdA.name, code: demo.householdA.code, headName: '张明', memberCount: 4 });
    expect((await gridA.get(`/api/v1/households?q=${encodeURIComponent(demo.householdA.code!)}`)).json<{ items: Household[] }>().items.map((h) => h.id)).toEqual([demo.householdA.id]);
  });

  it('are created under a building only, inside the scope, with a free code', async () => {
    const response = await gridA.post('/api/v1/households', { buildingId: building.id, name: '1栋901室', code: 'T-B1-901', registeredAddress: '潘集区某路 1 号' });
    expect(response.statusCode, response.body).toBe(201);
    const household = response.json<Household>();
    expect(household).toMatchObject({ name: '1栋901室', code: 'T-B1-901', buildingId: building.id, memberCount: 0, registeredAddress: '潘集区某路 1 号' });
    expect((await staff.get(`/api/v1/places/${household.id}`)).json<Place>()).toMatchObject({ type: 'household', parentId: building.id });
    expect(await auditCount('household.create', household.id)).toBe(1);
    expect((await gridA.post('/api/v1/households', { buildingId: building.id, name: '重复', code: 'T-B1-901' })).json()).toMatchObject({ code: 'place_code_taken' });
    expect((await gridA.post('/api/v1/households', { buildingId: demo.gridA.id, name: '错层' })).json()).toMatchObject({ code: 'household_not_a_building' });
    expect((await gridB.post('/api/v1/households', { buildingId: building.id, name: '越界' })).statusCode).toBe(404);
    expect((await staffB.post('/api/v1/households', { buildingId: building.id, name: '越界' })).statusCode).toBe(404);
  });

  it('are edited: name, code, head (a member only), address', async () => {
    const household = (await staff.post('/api/v1/households', { buildingId: building.id, name: '1栋902室' })).json<Household>();
    const member = (await staff.post('/api/v1/residents', { name: '吕洞宾', idNumber: idOf('19750505', 961), householdId: household.id })).json<ResidentDetail>();
    const outsider = (await staff.get(`/api/v1/residents?placeId=${demo.householdA.id}`)).json<{ items: Resident[] }>().items[0]!;
    expect((await staff.patch(`/api/v1/households/${household.id}`, { headResidentId: outsider.id })).json()).toMatchObject({ code: 'household_head_not_member' });
    const edited = await staff.patch(`/api/v1/households/${household.id}`, { name: '1栋902室（改）', headResidentId: member.id, notes: '新迁入' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '1栋902室（改）', headResidentId: member.id, headName: '吕洞宾', memberCount: 1, notes: '新迁入' });
    expect(await auditCount('household.update', household.id)).toBe(1);
    expect((await gridB.patch(`/api/v1/households/${household.id}`, { name: '越界' })).statusCode).toBe(404);
  });

  it('are deleted only when empty, and their place goes with them', async () => {
    const household = (await staff.post('/api/v1/households', { buildingId: building.id, name: '1栋903室' })).json<Household>();
    const member = (await staff.post('/api/v1/residents', { name: '韩湘子', idNumber: idOf('19880808', 963), householdId: household.id })).json<ResidentDetail>();
    expect((await staff.delete(`/api/v1/households/${household.id}`)).json()).toMatchObject({ code: 'household_not_empty', detail: '该户还有 1 名居民，不能删除' });
    // The place tree refuses too, naming the register.
    expect((await staff.delete(`/api/v1/places/${household.id}`)).json<{ detail: string }>().detail).toContain('居民 1');
    expect((await staff.patch(`/api/v1/residents/${member.id}`, { householdId: demo.householdA.id, moveReason: '合户' })).statusCode).toBe(200);
    expect((await gridB.delete(`/api/v1/households/${household.id}`)).statusCode).toBe(404);
    expect((await staff.delete(`/api/v1/households/${household.id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/v1/households/${household.id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/places/${household.id}`)).statusCode).toBe(404);
    expect(await auditCount('household.delete', household.id)).toBe(1);
    // The history still names where the resident came from, by id.
    const moves = (await staff.get(`/api/v1/residents/${member.id}`)).json<ResidentDetail>().moves;
    expect(moves.map((m) => m.fromHouseholdId)).toEqual([null, household.id]);
  });

  it('are hidden outside the scope', async () => {
    expect((await gridB.get(`/api/v1/households/${demo.householdA.id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/v1/households/${demo.householdA.id}`)).statusCode).toBe(404);
    expect((await gridB.get(`/api/v1/households?placeId=${demo.gridA.id}`)).statusCode).toBe(404);
    expect((await gridB.get(`/api/v1/households?buildingId=${building.id}`)).statusCode).toBe(404);
    const own = (await gridB.get('/api/v1/households?limit=500')).json<{ items: Household[] }>().items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((h) => h.path.startsWith(demo.gridB.path))).toBe(true);
  });
});

describe('moving places', () => {
  it('carries the residents, households, care groups and visits along (the place hooks)', async () => {
    const [gridBSmall] = (await staff.get(`/api/v1/places?parentId=${demo.gridB.id}`)).json<{ items: Place[] }>().items;
    const target = (await staff.post('/api/v1/places', { parentId: demo.gridA.id, type: 'building', name: '待迁楼栋' })).json<Place>();
    const household = (await staff.post('/api/v1/households', { buildingId: target.id, name: '待迁楼栋101室' })).json<Household>();
    const resident = (await staff.post('/api/v1/residents', { name: '铁拐李', idNumber: idOf('19500101', 965), householdId: household.id, careGroups: [{ code: 'living_alone' }] })).json<ResidentDetail>();
    await gridA.post(`/api/v1/residents/${resident.id}/visits`, { visitedAt: new Date().toISOString(), observations: '一切正常' });
    expect((await gridB.get(`/api/v1/residents/${resident.id}`)).statusCode).toBe(404);
    const moved = await staff.patch(`/api/v1/places/${target.id}`, { parentId: gridBSmall!.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const newPath = moved.json<Place>().path;
    expect((await gridB.get(`/api/v1/residents/${resident.id}`)).statusCode).toBe(200);
    expect((await gridA.get(`/api/v1/residents/${resident.id}`)).statusCode).toBe(404);
    expect((await gridB.get(`/api/v1/households/${household.id}`)).json<Household>().path.startsWith(newPath)).toBe(true);
    for (const table of ['residents', 'households', 'resident_care_groups', 'visits']) {
      const rows = await queryRows<{ place_path: string }>(t.database.db, sql`SELECT place_path FROM ${sql.identifier(table)} WHERE place_path LIKE ${`${target.path}%`} OR place_path LIKE ${`${newPath}%`}`);
      expect(rows.length, table).toBeGreaterThan(0);
      expect(rows.every((r) => r.place_path.startsWith(newPath)), table).toBe(true);
    }
  });
});
