import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberScoreDetail, MemberScoreRanking, Notification, ScoreEntry, ScoreItem, ServiceRequest } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { queryRows } from '../../db/sql';
import { awardMemberScore, memberIdOfUser, retractMemberScore } from './member-scores.award';
import { memberScoreEntries } from './member-scores.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

let t: TestApp;
let staff: Client;
let staffB: Client;
let admin: Client;
let gridA: Client;
let gridB: Client;
let member: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
/** Grid A's branch, and a fresh party group under it whose members only this file scores. */
let branch: { id: string; placePath: string };
let group: string;
let zhangMing: string;

const userIdOf = async (client: Client) => (await client.get('/api/v1/auth/me')).json<{ id: string }>().id;

async function newMember(name: string, orgId = group, userId: string | null = null): Promise<string> {
  const [row] = await t.database.db
    .insert(partyMembers)
    .values({ orgId, placeId: demo.gridA.id, placePath: demo.gridA.path, name, status: 'full', type: 'resident', userId })
    .returning({ id: partyMembers.id });
  return row!.id;
}

async function newGroup(name: string): Promise<string> {
  const [row] = await t.database.db.insert(partyOrgs).values({ parentId: branch.id, type: 'group', name, placeId: demo.gridA.id, placePath: demo.gridA.path }).returning({ id: partyOrgs.id });
  return row!.id;
}

const award = (memberId: string, item: Parameters<typeof awardMemberScore>[1]['item'], extra: { hours?: number; sourceId?: string } = {}) =>
  awardMemberScore(t.database.db, { memberId, item, sourceType: 'org-life-session', sourceId: extra.sourceId ?? randomUUID(), occurredAt: new Date(), hours: extra.hours, reason: `测试：${item}` });

const itemByCode = async (code: string) => (await staff.get('/api/v1/member-score-items')).json<ScoreItem[]>().find((i) => i.code === code)!;

const entryCount = async () => Number((await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM member_score_entries`))[0]!.n);

const ranking = async (client: Client, query: string) => {
  const response = await client.get(`/api/v1/member-scores?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MemberScoreRanking>();
};

const enter = (client: Client, body: Record<string, unknown>) => client.post('/api/v1/member-score-entries', body);
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, admin, gridA, gridB, member, resident] = (await Promise.all(['staff', 'staffB', 'admin', 'gridA', 'gridB', 'member', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client, Client, Client];
  const [row] = await t.database.db.select({ id: partyOrgs.id, placePath: partyOrgs.placePath }).from(partyOrgs).where(and(eq(partyOrgs.placeId, demo.gridA.id), eq(partyOrgs.type, 'branch')));
  branch = row!;
  group = await newGroup('积分测试党小组');
  zhangMing = (await memberIdOfUser(t.database.db, await userIdOf(member)))!;
});

describe('the yearly ranking', () => {
  it('ranks by approved points, ties sharing a rank, with totals per dimension', async () => {
    const [first, second, third, fourth] = [await newMember('排名甲'), await newMember('排名乙'), await newMember('排名丙'), await newMember('排名丁')];
    // 甲: 3 (宗旨意识) + 2 (先锋形象) = 5; 乙: 2 + 5 (组织观念) = 7; 丙: 5 hours × 1 (宗旨意识) = 5; 丁: nothing.
    await award(first!, 'wish-fulfilled');
    await award(first!, 'request-resolved');
    await award(second!, 'session-attendance');
    await award(second!, 'enrolment');
    await award(third!, 'post-hours', { hours: 5 });

    const page = await ranking(staff, `orgId=${group}`);
    expect(page.items.map((r) => [r.name, r.rank, r.total])).toEqual([
      ['排名乙', 1, 7],
      ['排名甲', 2, 5],
      ['排名丙', 2, 5],
      ['排名丁', 4, 0],
    ]);
    expect(page.items[1]!.dimensions).toEqual({ party_spirit: 0, purpose: 3, organisation: 0, vanguard: 2 });
    expect(page.items[0]!.dimensions).toEqual({ party_spirit: 0, purpose: 0, organisation: 7, vanguard: 0 });
    expect(page.items[0]!.orgName).toBe('积分测试党小组');
    expect(page.total).toBe(4);

    // The branch's ranking takes in its groups: the group's leader is ranked there too.
    const branchPage = await ranking(staff, `orgId=${branch.id}&limit=200`);
    expect(branchPage.items.map((r) => r.memberId)).toEqual(expect.arrayContaining([first, second, third, fourth]));

    // Pages keep the ranks of the whole ranking.
    const firstPage = await ranking(staff, `orgId=${group}&limit=2`);
    const secondPage = await ranking(staff, `orgId=${group}&limit=2&cursor=${firstPage.nextCursor}`);
    expect([...firstPage.items, ...secondPage.items].map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(secondPage.nextCursor).toBeNull();

    // Another year has nothing yet.
    const lastYear = await ranking(staff, `orgId=${group}&year=${page.year - 1}`);
    expect(lastYear.items.every((r) => r.total === 0)).toBe(true);
  });

  it('counts a manual entry only once it is approved', async () => {
    const org = await newGroup('审核计分党小组');
    const [leader, other] = [await newMember('计分甲', org), await newMember('计分乙', org)];
    await award(leader!, 'session-attendance');
    const commendation = await itemByCode('commendation');
    const pending = (await enter(staff, { memberId: other, itemId: commendation.id, reason: '社区防汛值守表现突出', occurredOn: today() })).json<ScoreEntry>();
    expect(pending).toMatchObject({ status: 'pending', points: 5, sourceType: 'manual', reason: '社区防汛值守表现突出', enteredByMe: true, approvedBy: null });
    expect((await ranking(staff, `orgId=${org}`)).items.map((r) => [r.name, r.total])).toEqual([
      ['计分甲', 2],
      ['计分乙', 0],
    ]);
    expect((await admin.post(`/api/v1/member-score-entries/${pending.id}/approve`, {})).statusCode).toBe(200);
    expect((await ranking(staff, `orgId=${org}`)).items.map((r) => [r.name, r.rank, r.total])).toEqual([
      ['计分乙', 1, 5],
      ['计分甲', 2, 2],
    ]);
  });

  it('exports the ranking with a column per dimension, and audits it', async () => {
    const response = await staff.get(`/api/v1/member-scores/export?orgId=${group}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['排名', '姓名', '所在党组织', '党性修养', '宗旨意识', '组织观念', '先锋形象', '年度总分']);
    expect(rows.slice(1)).toEqual([
      [1, '排名乙', '积分测试党小组', 0, 0, 7, 0, 7],
      [2, '排名甲', '积分测试党小组', 0, 3, 0, 2, 5],
      [2, '排名丙', '积分测试党小组', 0, 5, 0, 0, 5],
      [4, '排名丁', '积分测试党小组', 0, 0, 0, 0, 0],
    ]);
    const audits = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'member-score.export' AND actor_name = 'staff'`);
    expect(Number(audits[0]!.n)).toBe(1);
  });

  it('is read in scope: another community’s org is 404, a grid worker may not read scores', async () => {
    expectProblem(await staffB.get(`/api/v1/member-scores?orgId=${branch.id}`), 404, 'not_found');
    expectProblem(await staffB.get(`/api/v1/member-scores/export?orgId=${branch.id}`), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/member-scores?orgId=${branch.id}`), 403, 'forbidden');
    // Without an org, another community's staff see only their own members.
    const theirs = await ranking(staffB, 'limit=200');
    expect(theirs.items.some((r) => r.memberId === zhangMing)).toBe(false);
    expect((await ranking(admin, 'limit=200')).items.some((r) => r.memberId === zhangMing)).toBe(true);
  });
});

describe('a member’s entries', () => {
  it('are traceable to their source, enterer and approver', async () => {
    const wishId = randomUUID();
    await awardMemberScore(t.database.db, { memberId: zhangMing, item: 'wish-fulfilled', sourceType: 'wish', sourceId: wishId, occurredAt: new Date(), reason: '为王阿姨买一台收音机' });
    const response = await staff.get(`/api/v1/party-members/${zhangMing}/scores`);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json<MemberScoreDetail>();
    expect(detail.name).toBe('张明');
    expect(detail.entries.find((e) => e.sourceId === wishId)).toMatchObject({ itemCode: 'wish-fulfilled', dimension: 'purpose', points: 3, status: 'approved', sourceType: 'wish', sourceLabel: '微心愿：为王阿姨买一台收音机', enteredBy: null });
    const manual = detail.entries.find((e) => e.sourceType === 'manual' && e.status === 'approved');
    expect(manual?.enteredBy?.name).toBeTruthy();
    expect(manual?.approvedBy?.name).toBeTruthy();
    expect(manual?.reason).toBeTruthy();
    expect(detail.total).toBe(detail.entries.filter((e) => e.status === 'approved').reduce((sum, e) => sum + e.points, 0));
  });

  it('are not revealed outside the scope', async () => {
    for (const client of [gridB, staffB, resident]) expectProblem(await client.get(`/api/v1/party-members/${zhangMing}/scores`), 404, 'not_found');
    expectProblem(await staffB.get(`/api/v1/member-score-entries?memberId=${zhangMing}`), 404, 'not_found');
    expectProblem(await staff.get(`/api/v1/party-members/${randomUUID()}/scores`), 404, 'not_found');
  });

  it('are the member’s own on the phone: totals by dimension, rank in the org, sources', async () => {
    const response = await member.get('/api/v1/member-scores/me');
    expect(response.statusCode, response.body).toBe(200);
    const mine = response.json<MemberScoreDetail>();
    expect(mine.memberId).toBe(zhangMing);
    expect(mine.orgId).toBe(branch.id);
    const branchRanking = await ranking(staff, `orgId=${branch.id}&limit=200`);
    const line = branchRanking.items.find((r) => r.memberId === zhangMing)!;
    expect(mine.rank).toBe(line.rank);
    expect(mine.rankOf).toBe(branchRanking.total);
    expect(mine.total).toBe(line.total);
    expect(mine.dimensions).toEqual(line.dimensions);
    expect(mine.entries.every((e) => e.sourceLabel.length > 0)).toBe(true);
    // His own detail is open to him too, nobody else's.
    expect((await member.get(`/api/v1/party-members/${zhangMing}/scores`)).statusCode).toBe(200);
    expectProblem(await resident.get('/api/v1/member-scores/me'), 404, 'score_not_member');
    expectProblem(await gridA.get('/api/v1/member-scores/me'), 403, 'forbidden');
  });
});

describe('manual entries', () => {
  it('need a reason: missing or blank is refused and nothing is written', async () => {
    const item = await itemByCode('pioneer-deed');
    const before = await entryCount();
    const missing = expectProblem(await enter(staff, { memberId: zhangMing, itemId: item.id, occurredOn: today() }), 400, 'validation_failed');
    expect(missing.errors?.some((e) => e.path.includes('reason'))).toBe(true);
    expectProblem(await enter(staff, { memberId: zhangMing, itemId: item.id, reason: '   ', occurredOn: today() }), 400, 'validation_failed');
    expect(await entryCount()).toBe(before);
  });

  it('keep the item’s direction, need an active item and a date that has come', async () => {
    const deduction = await itemByCode('discipline-deduction');
    const bonus = await itemByCode('commendation');
    const before = await entryCount();
    const problem = expectProblem(await enter(staff, { memberId: zhangMing, itemId: deduction.id, points: 3, reason: '误填为加分', occurredOn: today() }), 422, 'score_points_sign_mismatch');
    expect(problem.detail).toContain('扣分');
    expectProblem(await enter(staff, { memberId: zhangMing, itemId: bonus.id, reason: '明天的事', occurredOn: '2099-01-01' }), 422, 'score_occurred_in_future');
    const created = await admin.post('/api/v1/member-score-items', { name: '参与文明劝导', dimension: 'vanguard', points: 1, active: false });
    expect(created.statusCode, created.body).toBe(201);
    expectProblem(await enter(staff, { memberId: zhangMing, itemId: created.json<ScoreItem>().id, reason: '文明劝导', occurredOn: today() }), 422, 'score_item_inactive');
    expect(await entryCount()).toBe(before);
    // A smaller bonus than the item's is fine.
    const smaller = await enter(staff, { memberId: zhangMing, itemId: bonus.id, points: 2.5, reason: '楼道宣传栏更新', occurredOn: today() });
    expect(smaller.statusCode, smaller.body).toBe(201);
    expect(smaller.json<ScoreEntry>().points).toBe(2.5);
  });

  it('are entered once per Idempotency-Key', async () => {
    const item = await itemByCode('pioneer-deed');
    const body = { memberId: zhangMing, itemId: item.id, reason: '网络重试的录入', occurredOn: today() };
    const headers = { 'idempotency-key': `score-${randomUUID()}` };
    const first = await staff.post('/api/v1/member-score-entries', body, headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await staff.post('/api/v1/member-score-entries', body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<ScoreEntry>().id).toBe(first.json<ScoreEntry>().id);
    const rows = await t.database.db.select().from(memberScoreEntries).where(eq(memberScoreEntries.reason, '网络重试的录入'));
    expect(rows).toHaveLength(1);
  });

  it('are entered only in scope', async () => {
    const item = await itemByCode('commendation');
    expectProblem(await enter(staffB, { memberId: zhangMing, itemId: item.id, reason: '跨社区录入', occurredOn: today() }), 404, 'not_found');
    expectProblem(await gridA.post('/api/v1/member-score-entries', { memberId: zhangMing, itemId: item.id, reason: '网格员录入', occurredOn: today() }), 403, 'forbidden');
  });

  it('are approved by someone else than who entered them, once, and the enterer is told', async () => {
    const item = await itemByCode('pioneer-deed');
    const entry = (await enter(staff, { memberId: zhangMing, itemId: item.id, reason: '带头清理小区积水', occurredOn: today() })).json<ScoreEntry>();
    const own = expectProblem(await staff.post(`/api/v1/member-score-entries/${entry.id}/approve`, {}), 403, 'score_self_approval');
    expect(own.detail).toContain('不能审核自己录入');
    expectProblem(await staff.post(`/api/v1/member-score-entries/${entry.id}/reject`, {}), 403, 'score_self_approval');
    const queue = (await admin.get('/api/v1/member-score-entries?status=pending&manual=true&limit=200')).json<Page<ScoreEntry>>();
    expect(queue.items.find((e) => e.id === entry.id)).toMatchObject({ enteredByMe: false, status: 'pending' });

    const approved = await admin.post(`/api/v1/member-score-entries/${entry.id}/approve`, { note: '情况属实' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ScoreEntry>()).toMatchObject({ status: 'approved', approvedBy: { name: '区级管理员' } });
    expectProblem(await admin.post(`/api/v1/member-score-entries/${entry.id}/approve`, {}), 409, 'score_entry_decided');
    expectProblem(await admin.post(`/api/v1/member-score-entries/${entry.id}/reject`, {}), 409, 'score_entry_decided');

    const notices = (await staff.get('/api/v1/notifications')).json<Page<Notification>>().items.filter((n) => n.kind === 'score-entry-decided' && n.body.includes('带头清理小区积水'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toBe('积分录入已通过：张明 +3 分');
    expect(notices[0]!.body).toContain('情况属实');
  });

  it('can be rejected, which counts nothing and tells the enterer', async () => {
    const item = await itemByCode('commendation');
    const entry = (await enter(admin, { memberId: zhangMing, itemId: item.id, reason: '重复申报的表彰', occurredOn: today() })).json<ScoreEntry>();
    const before = (await member.get('/api/v1/member-scores/me')).json<MemberScoreDetail>().total;
    const rejected = await staff.post(`/api/v1/member-score-entries/${entry.id}/reject`, { note: '已在上月计分' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<ScoreEntry>().status).toBe('rejected');
    expect((await member.get('/api/v1/member-scores/me')).json<MemberScoreDetail>().total).toBe(before);
    const notices = (await admin.get('/api/v1/notifications')).json<Page<Notification>>().items.filter((n) => n.kind === 'score-entry-decided');
    expect(notices.map((n) => n.title)).toEqual([expect.stringContaining('未通过')]);
  });

  it('are decided only in scope', async () => {
    const item = await itemByCode('commendation');
    const entry = (await enter(admin, { memberId: zhangMing, itemId: item.id, reason: '范围测试', occurredOn: today() })).json<ScoreEntry>();
    expectProblem(await staffB.post(`/api/v1/member-score-entries/${entry.id}/approve`, {}), 404, 'not_found');
    expectProblem(await gridB.post(`/api/v1/member-score-entries/${entry.id}/approve`, {}), 404, 'not_found');
    expect((await staff.post(`/api/v1/member-score-entries/${entry.id}/approve`, {})).statusCode).toBe(200);
  });
});

describe('automatic points', () => {
  it('are idempotent per source, and a retracted one can come back', async () => {
    const someone = await newMember('自动积分');
    const sourceId = randomUUID();
    const key = { memberId: someone, item: 'session-attendance' as const, sourceType: 'org-life-session' as const, sourceId };
    expect(await awardMemberScore(t.database.db, { ...key, occurredAt: new Date(), reason: '支部党员大会' })).toBe(2);
    expect(await awardMemberScore(t.database.db, { ...key, occurredAt: new Date(), reason: '支部党员大会' })).toBe(0);
    const total = async () => (await staff.get(`/api/v1/party-members/${someone}/scores`)).json<MemberScoreDetail>();
    expect((await total()).total).toBe(2);
    await retractMemberScore(t.database.db, key);
    expect((await total()).total).toBe(0);
    expect((await total()).entries.map((e) => e.status)).toEqual(['rejected']);
    expect(await awardMemberScore(t.database.db, { ...key, occurredAt: new Date(), reason: '支部党员大会' })).toBe(2);
    const after = await total();
    expect(after.total).toBe(2);
    expect(after.entries).toHaveLength(1);
  });

  it('follow the scoresheet: new points for new awards only, inactive items award nothing', async () => {
    const someone = await newMember('细则变更');
    const wish = await itemByCode('wish-fulfilled');
    expect(await award(someone, 'wish-fulfilled')).toBe(3);
    expectProblem(await staff.patch(`/api/v1/member-score-items/${wish.id}`, { points: 4 }), 403, 'forbidden');
    const changed = await admin.patch(`/api/v1/member-score-items/${wish.id}`, { points: 4 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<ScoreItem>()).toMatchObject({ code: 'wish-fulfilled', points: 4, auto: true });
    expect(await award(someone, 'wish-fulfilled')).toBe(4);
    const detail = (await staff.get(`/api/v1/party-members/${someone}/scores`)).json<MemberScoreDetail>();
    expect(detail.entries.map((e) => e.points).sort()).toEqual([3, 4]);
    expect(detail.total).toBe(7);
    expectProblem(await admin.patch(`/api/v1/member-score-items/${wish.id}`, { per: 'hour' }), 422, 'score_item_per_fixed');

    const study = await itemByCode('study');
    expect((await admin.patch(`/api/v1/member-score-items/${study.id}`, { active: false })).statusCode).toBe(200);
    expect(await award(someone, 'study')).toBe(0);
    expect((await staff.get(`/api/v1/party-members/${someone}/scores`)).json<MemberScoreDetail>().entries).toHaveLength(2);
    expect((await admin.patch(`/api/v1/member-score-items/${study.id}`, { active: true })).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/member-score-items/${wish.id}`, { points: 3 })).statusCode).toBe(200);
  });

  it('come from a confirmed micro-wish claimed by a party member, once, and not for anyone else', async () => {
    const building = demo.householdA.parentId!;
    const wish = async (title: string) => (await staff.post('/api/v1/wishes', { title, description: '想要一台收音机', beneficiary: '王阿姨', placeId: building })).json<{ id: string }>().id;
    const bySomeone = async (client: Client, id: string) => {
      expect((await client.post(`/api/v1/wishes/${id}/claim`)).statusCode).toBe(200);
      expect((await client.post(`/api/v1/wishes/${id}/fulfil`, { note: '已送到' })).statusCode).toBe(200);
      expect((await staff.post(`/api/v1/wishes/${id}/confirm`)).statusCode).toBe(200);
    };
    const memberWish = await wish('党员认领的心愿');
    const workerWish = await wish('网格员认领的心愿');
    await bySomeone(member, memberWish);
    await bySomeone(gridA, workerWish);
    expectProblem(await staff.post(`/api/v1/wishes/${memberWish}/confirm`), 409, 'wish_not_fulfilled');
    const rows = await t.database.db.select().from(memberScoreEntries).where(eq(memberScoreEntries.sourceType, 'wish'));
    expect(rows.filter((r) => r.sourceId === memberWish).map((r) => [r.memberId, r.points, r.status, r.reason])).toEqual([[zhangMing, 3, 'approved', '党员认领的心愿']]);
    expect(rows.filter((r) => r.sourceId === workerWish)).toEqual([]);
  });

  it('come from a service request resolved by a party member, taken back when it is reopened', async () => {
    const gridAId = await userIdOf(gridA);
    const raise = async () => (await staff.post('/api/v1/requests', { channel: 'counter', category: 'facilities.lighting', description: '楼道灯不亮', placeId: demo.householdA.parentId })).json<ServiceRequest>().id;
    const act = async (client: Client, id: string, body: Record<string, unknown>) => {
      const response = await client.post(`/api/v1/requests/${id}/transitions`, body);
      expect(response.statusCode, response.body).toBe(200);
    };
    const requestEntries = async (id: string) => t.database.db.select().from(memberScoreEntries).where(and(eq(memberScoreEntries.sourceType, 'request'), eq(memberScoreEntries.sourceId, id)));

    // Grid A's worker is no party member (yet): resolving scores nothing.
    const before = await raise();
    await act(staff, before, { action: 'assign', ownerUserId: gridAId });
    await act(gridA, before, { action: 'resolve', result: '已更换灯泡' });
    expect(await requestEntries(before)).toEqual([]);

    const worker = await newMember('网格员党员', branch.id, gridAId);
    const request = await raise();
    await act(staff, request, { action: 'assign', ownerUserId: gridAId });
    await act(gridA, request, { action: 'resolve', result: '已更换灯泡' });
    expect((await requestEntries(request)).map((r) => [r.memberId, r.points, r.status, r.dimension])).toEqual([[worker, 2, 'approved', 'vanguard']]);
    await act(staff, request, { action: 'reopen', reason: '居民反映仍不亮' });
    expect((await requestEntries(request)).map((r) => r.status)).toEqual(['rejected']);
    await act(gridA, request, { action: 'resolve', result: '更换了线路' });
    expect((await requestEntries(request)).map((r) => r.status)).toEqual(['approved']);
  });
});

describe('the scoresheet', () => {
  it('lists the four dimensions’ items for whoever scores or is scored, and is configured by district and subdistrict staff only', async () => {
    const items = (await member.get('/api/v1/member-score-items')).json<ScoreItem[]>();
    expect(new Set(items.map((i) => i.dimension))).toEqual(new Set(['party_spirit', 'purpose', 'organisation', 'vanguard']));
    expect(items.find((i) => i.code === 'post-hours')).toMatchObject({ per: 'hour', auto: true });
    expectProblem(await gridA.get('/api/v1/member-score-items'), 403, 'forbidden');
    expectProblem(await staff.post('/api/v1/member-score-items', { name: '社区自定项目', dimension: 'purpose', points: 2 }), 403, 'forbidden');
    const created = await admin.post('/api/v1/member-score-items', { name: '参加志愿服务', dimension: 'purpose', points: 2 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<ScoreItem>()).toMatchObject({ auto: false, active: true, per: 'each', code: expect.stringMatching(/^manual-/) });
    expectProblem(await admin.post('/api/v1/member-score-items', { name: '零分项目', dimension: 'purpose', points: 0 }), 400, 'validation_failed');
    expectProblem(await admin.patch(`/api/v1/member-score-items/${randomUUID()}`, { points: 1 }), 404, 'not_found');
  });
});

describe('place moves', () => {
  it('carry the entries’ data scope along with the moved place', async () => {
    const created = await staff.post('/api/v1/places', { parentId: demo.gridA.id, type: 'grid', name: '积分迁移小网格' });
    expect(created.statusCode, created.body).toBe(201);
    const place = created.json<{ id: string; path: string }>();
    const [row] = await t.database.db
      .insert(partyMembers)
      .values({ orgId: null, placeId: place.id, placePath: place.path, name: '迁移党员', status: 'full', type: 'in_service', homeOrgName: '某单位党支部' })
      .returning({ id: partyMembers.id });
    await award(row!.id, 'enrolment');
    const moved = await admin.patch(`/api/v1/places/${place.id}`, { parentId: demo.communityB.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const newPath = moved.json<{ path: string }>().path;
    expect(newPath.startsWith(demo.communityB.path)).toBe(true);
    const entries = await t.database.db.select({ placePath: memberScoreEntries.placePath }).from(memberScoreEntries).where(eq(memberScoreEntries.memberId, row!.id));
    expect(entries.map((e) => e.placePath)).toEqual([newPath]);
  });
});
