import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf, type CareDashboard, type CareGroupType, type Household, type ResidentDetail, type Visit } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';

const idOf = (birth: string, seq: number) => {
  const first17 = `340406${birth}${String(seq).padStart(3, '0')}`;
  return `${first17}${checkDigitOf(first17)}`;
};
type Dashboard = z.infer<typeof CareDashboard>;

let t: TestApp;
let admin: Client;
let staff: Client;
let staffB: Client;
let gridA: Client;
let gridB: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let household: Household;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [admin, staff, staffB, gridA, gridB] = (await Promise.all(['admin', 'staff', 'staffB', 'gridA', 'gridB'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  household = (await staff.get(`/api/v1/households?placeId=${demo.gridA.id}`)).json<{ items: Household[] }>().items[1]!;
});

const dashboard = async (client: Client, placeId: string, withinDays = 0) => {
  const response = await client.get(`/api/v1/care-groups/dashboard?placeId=${placeId}&withinDays=${withinDays}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Dashboard>();
};

describe('care-group dashboard and visits', () => {
  let lonely: ResidentDetail;
  beforeAll(async () => {
    const birth = `${new Date().getFullYear() - 80}0315`;
    lonely = (await staff.post('/api/v1/residents', { name: '孟婆', idNumber: idOf(birth, 972), householdId: household.id, careGroups: [{ code: 'living_alone' }, { code: 'elderly_60' }] })).json<ResidentDetail>();
    expect(lonely.careGroups).toEqual(['elderly_60', 'living_alone']);
  });

  it('counts each group per grid and lists who was never visited as due today', async () => {
    const board = await dashboard(gridA, demo.gridA.id);
    expect(board.totals.map((g) => g.code)).toEqual(['elderly_60', 'living_alone', 'disabled', 'low_income', 'left_behind_child', 'veteran', 'serious_illness']);
    expect(board.totals.find((g) => g.code === 'living_alone')!.count).toBeGreaterThan(0);
    const due = board.due.find((d) => d.residentId === lonely.id);
    expect(due).toMatchObject({ name: '孟婆', lastVisitAt: null, careGroups: ['elderly_60', 'living_alone'], overdueDays: 0 });
    expect(due!.age).toBeGreaterThanOrEqual(79);
    // Sorted by due date, most overdue first; everyone listed is due by today.
    const days = board.due.map((d) => d.dueOn);
    expect([...days].sort()).toEqual(days);
    const today = new Date();
    const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(board.due.every((d) => d.dueOn <= todayIso)).toBe(true);
  });

  it('logs a visit with the needs found; the person is then due again after the group’s interval', async () => {
    const response = await gridA.post(`/api/v1/residents/${lonely.id}/visits`, { visitedAt: new Date().toISOString(), method: 'home', observations: '独自在家，精神尚可', needsFound: '需要助餐服务' });
    expect(response.statusCode, response.body).toBe(201);
    const visit = response.json<Visit>();
    expect(visit).toMatchObject({ residentId: lonely.id, residentName: '孟婆', visitorName: '网格员（第一网格）', needsFound: '需要助餐服务', method: 'home' });
    expect(Number((await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'visit.create' AND entity_id = ${visit.id}`))[0]!.n)).toBe(1);
    expect((await dashboard(gridA, demo.gridA.id)).due.map((d) => d.residentId)).not.toContain(lonely.id);
    expect((await dashboard(gridA, demo.gridA.id, 6)).due.map((d) => d.residentId)).not.toContain(lonely.id);
    const inAWeek = (await dashboard(gridA, demo.gridA.id, 7)).due.find((d) => d.residentId === lonely.id);
    expect(inAWeek).toMatchObject({ lastVisitAt: visit.visitedAt, overdueDays: 0 });
  });

  it('refuses visits in the future, outside the scope or without a description', async () => {
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await gridA.post(`/api/v1/residents/${lonely.id}/visits`, { visitedAt: future, observations: '未来' })).json()).toMatchObject({ code: 'visit_in_future' });
    expect((await gridA.post(`/api/v1/residents/${lonely.id}/visits`, { visitedAt: new Date().toISOString(), observations: '' })).statusCode).toBe(400);
    expect((await gridB.post(`/api/v1/residents/${lonely.id}/visits`, { visitedAt: new Date().toISOString(), observations: '越界' })).statusCode).toBe(404);
    expect((await staffB.post(`/api/v1/residents/${lonely.id}/visits`, { visitedAt: new Date().toISOString(), observations: '越界' })).statusCode).toBe(404);
  });

  it('lists the visit log per resident and per place, inside the scope', async () => {
    const mine = (await gridA.get(`/api/v1/residents/${lonely.id}/visits`)).json<{ items: Visit[] }>().items;
    expect(mine).toHaveLength(1);
    const byPlace = (await gridA.get(`/api/v1/visits?placeId=${demo.gridA.id}&limit=200`)).json<{ items: Visit[]; total: number }>();
    expect(byPlace.items.map((v) => v.id)).toContain(mine[0]!.id);
    const visitedAt = byPlace.items.map((v) => v.visitedAt);
    expect([...visitedAt].sort().reverse()).toEqual(visitedAt);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Visit[]; nextCursor: string | null } = (await gridA.get(`/api/v1/visits?placeId=${demo.gridA.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((v) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(byPlace.items.map((v) => v.id));
    expect((await gridB.get(`/api/v1/visits?placeId=${demo.gridA.id}`)).statusCode).toBe(404);
    expect((await gridB.get(`/api/v1/visits?residentId=${lonely.id}`)).statusCode).toBe(404);
    expect((await gridB.get(`/api/v1/residents/${lonely.id}/visits`)).statusCode).toBe(404);
    expect((await gridB.get('/api/v1/visits?limit=200')).json<{ items: Visit[] }>().items.map((v) => v.residentId)).not.toContain(lonely.id);
  });

  it('is closed to other grids and communities', async () => {
    expect((await gridB.get(`/api/v1/care-groups/dashboard?placeId=${demo.gridA.id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/v1/care-groups/dashboard?placeId=${demo.communityA.id}`)).statusCode).toBe(404);
    const own = await dashboard(gridB, demo.gridB.id, 366);
    expect(own.due.map((d) => d.residentId)).not.toContain(lonely.id);
  });
});

describe('care-group configuration', () => {
  it('is readable by register users and configurable only with care-group.configure, audited', async () => {
    const types = (await gridA.get('/api/v1/care-groups')).json<CareGroupType[]>();
    expect(types.find((g) => g.code === 'living_alone')).toMatchObject({ name: '独居/空巢老人', visitIntervalDays: 7, active: true });
    expect(types.find((g) => g.code === 'disabled')).toMatchObject({ hasGrade: true, visitIntervalDays: 30 });
    const next = [
      ...types.filter((g) => g.code !== 'veteran').map(({ code, name, nameEn, hasGrade, visitIntervalDays, active, sortOrder }) => ({ code, name, nameEn, hasGrade, visitIntervalDays, active, sortOrder })),
      { code: 'pregnant', name: '孕产妇', nameEn: 'Pregnant women', visitIntervalDays: 30 },
    ];
    expect((await staff.put('/api/v1/care-groups', next)).statusCode).toBe(403);
    expect((await admin.put('/api/v1/care-groups', [{ code: 'Bad Code', name: 'x', nameEn: 'x' }])).statusCode).toBe(400);
    const response = await admin.put('/api/v1/care-groups', next);
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json<CareGroupType[]>();
    expect(after.find((g) => g.code === 'pregnant')).toMatchObject({ name: '孕产妇', active: true, hasGrade: false, visitIntervalDays: 30 });
    expect(after.find((g) => g.code === 'veteran')).toMatchObject({ active: false });
    expect(Number((await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'care-group.configure'`))[0]!.n)).toBe(1);
    // A deactivated group can no longer be given; a new one can.
    const body = { name: '张果老', idNumber: idOf('19450909', 975), householdId: household.id };
    expect((await staff.post('/api/v1/residents', { ...body, careGroups: [{ code: 'veteran' }] })).json()).toMatchObject({ code: 'care_group_unknown' });
    expect((await staff.post('/api/v1/residents', { ...body, careGroups: [{ code: 'pregnant' }] })).statusCode).toBe(201);
    expect((await dashboard(staff, demo.communityA.id)).totals.map((g) => g.code)).not.toContain('veteran');
  });
});
