import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf, type MemberTimelineEntry, type PartyAnniversaryList, type PartyMember, type PartyMemberTransfer, type PartyOrg } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { queryRows } from '../../db/sql';
import { runJobOnce } from '../../platform/jobs/scheduler';
import { created, ok } from '../events/events.test-helpers';
import { partyAnniversaryReminderJob } from './party-anniversaries.job';
import { comingMonth } from './party-members.rules';
import { partyMembers } from './party-members.tables';
import { chinaDay } from '../../platform/china-time';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let gridB: Client;
let member: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let branchA: PartyOrg;
let branchB: PartyOrg;
let groupA: PartyOrg;
let zhangMing: PartyMember;

const orgsAt = async (placeId: string) => ok<Page<PartyOrg>>(await staff.get(`/api/v1/party-orgs?placeId=${placeId}`)).items;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridA, gridB, member] = (await Promise.all(['staff', 'staffB', 'gridA', 'gridB', 'member'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  branchA = (await orgsAt(demo.gridA.id)).find((o) => o.type === 'branch')!;
  branchB = (await orgsAt(demo.gridB.id)).find((o) => o.type === 'branch')!;
  groupA = ok<Page<PartyOrg>>(await staff.get(`/api/v1/party-orgs?parentId=${branchA.id}`)).items[0]!;
  zhangMing = ok<Page<PartyMember>>(await staff.get(`/api/v1/party-members?orgId=${branchA.id}&q=张明`)).items[0]!;
});

let seq = 300;
/** A fresh adult in the register (no account) in a fresh household of household A's building. */
async function newResident(name: string, phone?: string): Promise<string> {
  const household = created<{ id: string }>(await staff.post('/api/v1/households', { buildingId: demo.householdA.parentId!, name: `${name}家` })).id;
  const base = `34040619790303${String(seq++).padStart(3, '0')}`;
  return created<{ id: string }>(await staff.post('/api/v1/residents', { householdId: household, name, idNumber: `${base}${checkDigitOf(base)}`, ...(phone ? { phone } : {}) })).id;
}

const fullStages = { appliedOn: '2001-03-01', activistOn: '2001-09-01', candidateOn: '2002-06-01', probationaryOn: '2003-03-15', fullOn: '2004-03-15' };
const memberCount = async () => Number((await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM party_members`))[0]!.n);

describe('member records', () => {
  it('are created from the residents register: name, gender and phone come from the resident record', async () => {
    const residentId = await newResident('党员周红', '13912345678');
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: branchA.id, residentId, status: 'full', type: 'resident', stages: fullStages }));
    expect(m).toMatchObject({ name: '党员周红', gender: 'female', phone: '139****5678', orgId: branchA.id, orgName: branchA.name, residentId, placeId: demo.gridA.id, partyAnniversary: '03-15' });
    expect(m.partyYears).toBeGreaterThanOrEqual(22);
    expect(ok<PartyMember>(await gridA.get(`/api/v1/party-members/${m.id}`))).toEqual(m);
    // One record per resident.
    expectProblem(await staff.post('/api/v1/party-members', { orgId: branchA.id, residentId, status: 'full', type: 'resident', stages: fullStages }), 409, 'party_member_duplicate_resident');
    expectProblem(await staff.post('/api/v1/party-members', { orgId: branchA.id, residentId, name: '别名', status: 'full', type: 'resident', stages: fullStages }), 422, 'party_member_resident_fields');
  });

  it('or entered with name and phone, the phone encrypted and shown masked', async () => {
    const m = created<PartyMember>(
      await staff.post('/api/v1/party-members', { orgId: branchA.id, name: '外来党员钱进', gender: 'male', phone: '13800138000', status: 'probationary', type: 'in_service', employer: '潘集区人民医院', stages: { probationaryOn: '2025-07-01' } }),
    );
    expect(m).toMatchObject({ name: '外来党员钱进', phone: '138****8000', residentId: null, status: 'probationary', type: 'in_service', employer: '潘集区人民医院', stages: { probationaryOn: '2025-07-01', fullOn: null } });
    const [row] = await queryRows<{ phone_enc: string }>(t.database.db, sql`SELECT phone_enc FROM party_members WHERE id = ${m.id}`);
    expect(row!.phone_enc).not.toContain('13800138000');
    expect(t.app.services.partyMembers).toBeDefined();
    const [audit] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'party-member.create' AND entity_id = ${m.id}`);
    expect(Number(audit!.n)).toBe(1);
  });

  it('refuses bad input with a clear Chinese error and writes nothing', async () => {
    const before = await memberCount();
    const base = { orgId: branchA.id, name: '测试党员', status: 'full', type: 'resident', stages: fullStages };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, stages: { ...fullStages, activistOn: '2000-01-01' } }, 'party_member_stage_order'],
      [{ ...base, stages: { ...fullStages, fullOn: '2003-01-01' } }, 'party_member_stage_order'],
      [{ ...base, stages: { ...fullStages, fullOn: '2099-01-01' } }, 'party_member_stage_future'],
      [{ ...base, stages: { ...fullStages, fullOn: null } }, 'party_member_full_needs_date'],
      [{ ...base, status: 'probationary', stages: { appliedOn: '2020-01-01' } }, 'party_member_probationary_needs_date'],
      [{ ...base, status: 'probationary' }, 'party_member_probationary_has_full'],
      [{ ...base, type: 'mobile', mobileWhereabouts: '江苏省苏州市' }, 'party_member_mobile_needs_contact'],
      [{ ...base, type: 'in_service' }, 'party_member_in_service_needs_employer'],
      [{ ...base, name: undefined }, 'party_member_name_required'],
    ];
    for (const [body, code] of cases) {
      const problem = expectProblem(await staff.post('/api/v1/party-members', body), 422, code);
      expect(problem.detail).not.toContain('{');
    }
    expectProblem(await staff.post('/api/v1/party-members', { ...base, stages: { ...fullStages, fullOn: '2004-02-30' } }), 400, 'validation_failed');
    expect(await memberCount()).toBe(before);
  });

  it('keep one record per account', async () => {
    const lifangUser = (await (await t.login('resident')).get('/api/v1/auth/me')).json<{ id: string }>().id;
    const lifang = (await t.app.services.residents.residentIdOf(lifangUser))!;
    // An enrolled in-service member: the account is on the record, the resident not yet linked.
    await t.database.db.insert(partyMembers).values({ orgId: null, placeId: demo.communityA.id, placePath: demo.communityA.path, userId: lifangUser, name: '李芳', status: 'full', type: 'in_service', employer: '潘集区税务局', homeOrgName: '潘集区税务局机关党支部' });
    expectProblem(await staff.post('/api/v1/party-members', { orgId: branchA.id, residentId: lifang, status: 'full', type: 'resident', stages: fullStages }), 409, 'party_member_duplicate_user');
  });

  it('are created only where the actor may write: another community gets 404, a grid worker 403', async () => {
    const before = await memberCount();
    const body = { orgId: branchA.id, name: '越权党员', status: 'full', type: 'resident', stages: fullStages };
    expectProblem(await staffB.post('/api/v1/party-members', body), 404, 'not_found');
    expectProblem(await gridA.post('/api/v1/party-members', body), 403, 'forbidden');
    // A resident of community A is not readable from community B, even for community B's own org.
    const residentId = await newResident('党员吴越');
    const branchOfB = ok<Page<PartyOrg>>(await staffB.get('/api/v1/party-orgs?type=branch')).items[0]!;
    expectProblem(await staffB.post('/api/v1/party-members', { orgId: branchOfB.id, residentId, status: 'full', type: 'resident', stages: fullStages }), 404, 'not_found');
    expect(await memberCount()).toBe(before);
  });

  it('are edited with the same rules; org changes only through a transfer', async () => {
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: branchA.id, name: '编辑党员', status: 'full', type: 'resident', stages: fullStages }));
    const edited = ok<PartyMember>(await staff.patch(`/api/v1/party-members/${m.id}`, { type: 'mobile', mobileWhereabouts: '浙江省宁波市', mobileContact: '微信 bianji', position: 'committee_member' }));
    expect(edited).toMatchObject({ type: 'mobile', mobileWhereabouts: '浙江省宁波市', position: 'committee_member', stages: fullStages });
    expectProblem(await staff.patch(`/api/v1/party-members/${m.id}`, { mobileContact: null }), 422, 'party_member_mobile_needs_contact');
    expectProblem(await staff.patch(`/api/v1/party-members/${m.id}`, { status: 'probationary' }), 422, 'party_member_probationary_has_full');
    expectProblem(await staff.patch(`/api/v1/party-members/${m.id}`, { stages: { candidateOn: '2005-01-01' } }), 422, 'party_member_stage_order');
    expectProblem(await staff.patch(`/api/v1/party-members/${m.id}`, { orgId: branchB.id }), 400, 'validation_failed');
    expect(ok<PartyMember>(await staff.get(`/api/v1/party-members/${m.id}`))).toEqual(edited);
    // Linked records take name and phone from the register.
    expectProblem(await staff.patch(`/api/v1/party-members/${zhangMing.id}`, { name: '张三' }), 422, 'party_member_resident_fields');
    expectProblem(await gridA.patch(`/api/v1/party-members/${m.id}`, { position: null }), 403, 'forbidden');
    expectProblem(await gridB.patch(`/api/v1/party-members/${m.id}`, { position: null }), 404, 'not_found');
  });
});

describe('the register', () => {
  it('lists with the data scope, org subtree, type, status and name filters and a total', async () => {
    const all = ok<Page<PartyMember>>(await staff.get('/api/v1/party-members?limit=200'));
    expect(all.total).toBe(all.items.length);
    expect(all.items.every((m) => m.placeId)).toBe(true);
    const branch = ok<Page<PartyMember>>(await gridA.get(`/api/v1/party-members?orgId=${branchA.id}&limit=200`));
    expect(branch.items.map((m) => m.id)).toContain(zhangMing.id);
    // The branch's list includes its groups' members.
    expect(branch.items.some((m) => m.orgId === groupA.id)).toBe(true);
    const retired = ok<Page<PartyMember>>(await staff.get('/api/v1/party-members?type=retired&limit=200'));
    expect(retired.items.length).toBeGreaterThan(0);
    expect(retired.items.every((m) => m.type === 'retired')).toBe(true);
    const probationary = ok<Page<PartyMember>>(await staff.get('/api/v1/party-members?status=probationary&limit=200'));
    expect(probationary.items.every((m) => m.status === 'probationary' && m.stages.fullOn === null)).toBe(true);
    expect(ok<Page<PartyMember>>(await staff.get('/api/v1/party-members?q=张明')).items.map((m) => m.id)).toEqual([zhangMing.id]);
    // Pages follow one another without overlap.
    const first = ok<Page<PartyMember>>(await staff.get('/api/v1/party-members?limit=5'));
    const second = ok<Page<PartyMember>>(await staff.get(`/api/v1/party-members?limit=5&cursor=${first.nextCursor}`));
    expect(second.items.map((m) => m.id)).toEqual(all.items.slice(5, 10).map((m) => m.id));
    // Grid B's worker sees none of grid A's members, and a grid A org id is unknown to them.
    const seenByB = ok<Page<PartyMember>>(await gridB.get('/api/v1/party-members?limit=200'));
    expect(seenByB.items.length).toBeGreaterThan(0);
    expect(seenByB.items.some((m) => m.id === zhangMing.id)).toBe(false);
    expectProblem(await gridB.get(`/api/v1/party-members?orgId=${branchA.id}`), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/party-members/${zhangMing.id}`), 404, 'not_found');
  });

  it('a member reads their own record but not the register', async () => {
    expect(ok<PartyMember>(await member.get(`/api/v1/party-members/${zhangMing.id}`))).toMatchObject({ name: '张明', position: 'secretary', status: 'full', type: 'resident' });
    expectProblem(await member.get('/api/v1/party-members'), 403, 'forbidden');
  });

  it('exports the filtered register as xlsx with Chinese headers, audited', async () => {
    const list = ok<Page<PartyMember>>(await staff.get(`/api/v1/party-members?orgId=${branchA.id}&limit=200`));
    const response = await staff.get(`/api/v1/party-members/export?orgId=${branchA.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('党员名册');
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['姓名', '所在党组织', '党员类别', '入党日期', '联系电话']));
    expect(sheet.rowCount).toBe(list.items.length + 1);
    const names = sheet.getColumn(1).values.slice(2);
    expect(names).toEqual(list.items.map((m) => m.name));
    // Phones stay masked in the file.
    expect(JSON.stringify(sheet.getColumn(3).values)).not.toMatch(/1\d{10}/);
    const [audit] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'party-member.export' AND actor_name = 'staff'`);
    expect(Number(audit!.n)).toBe(1);
    expectProblem(await gridB.get(`/api/v1/party-members/export?orgId=${branchA.id}`), 404, 'not_found');
  });

  it('shows member counts (with sub-orgs) on the org tree', async () => {
    const members = ok<Page<PartyMember>>(await staff.get(`/api/v1/party-members?orgId=${branchA.id}&limit=200`));
    const branch = ok<PartyOrg>(await staff.get(`/api/v1/party-orgs/${branchA.id}`));
    expect(branch.memberCount).toBe(members.total);
    const group = ok<PartyOrg>(await staff.get(`/api/v1/party-orgs/${groupA.id}`));
    expect(group.memberCount).toBeGreaterThan(0);
    expect(group.memberCount).toBeLessThan(branch.memberCount);
    const committee = ok<PartyOrg>(await staff.get(`/api/v1/party-orgs/${branchA.parentId}`));
    expect(committee.memberCount).toBeGreaterThanOrEqual(branch.memberCount + ok<PartyOrg>(await staff.get(`/api/v1/party-orgs/${branchB.id}`)).memberCount);
    created(await staff.post('/api/v1/party-members', { orgId: groupA.id, name: '计数党员', status: 'full', type: 'retired', stages: fullStages }));
    expect(ok<PartyOrg>(await staff.get(`/api/v1/party-orgs/${branchA.id}`)).memberCount).toBe(branch.memberCount + 1);
  });
});

describe('transfers (组织关系转接)', () => {
  it('move the member to another org with history; the record follows into the new scope', async () => {
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: branchA.id, name: '转接党员', status: 'full', type: 'resident', position: 'committee_member', stages: fullStages }));
    const transfer = created<PartyMemberTransfer>(await staff.post(`/api/v1/party-members/${m.id}/transfers`, { toOrgId: branchB.id, transferredOn: '2026-01-10', reason: '搬家到第二网格' }));
    expect(transfer).toMatchObject({ memberId: m.id, fromOrgId: branchA.id, fromOrgName: branchA.name, toOrgId: branchB.id, toOrgName: branchB.name, transferredOn: '2026-01-10' });
    const moved = ok<PartyMember>(await gridB.get(`/api/v1/party-members/${m.id}`));
    expect(moved).toMatchObject({ orgId: branchB.id, placeId: demo.gridB.id, position: null });
    expectProblem(await gridA.get(`/api/v1/party-members/${m.id}`), 404, 'not_found');

    // Out of the system: the record stays, naming where it went.
    const out = created<PartyMemberTransfer>(await staff.post(`/api/v1/party-members/${m.id}/transfers`, { toOrgName: '合肥市蜀山区某街道党工委', transferredOn: '2026-02-01', reason: '工作调动' }));
    expect(out).toMatchObject({ fromOrgId: branchB.id, toOrgId: null, toOrgName: '合肥市蜀山区某街道党工委' });
    expect(ok<PartyMember>(await staff.get(`/api/v1/party-members/${m.id}`))).toMatchObject({ orgId: null, homeOrgName: '合肥市蜀山区某街道党工委' });

    const timeline = ok<{ items: MemberTimelineEntry[] }>(await staff.get(`/api/v1/party-members/${m.id}/timeline`)).items;
    expect(timeline.filter((e) => e.kind === 'transfer').map((e) => e.toOrgName)).toEqual(['合肥市蜀山区某街道党工委', branchB.name]);
    expect(timeline.filter((e) => e.kind === 'stage').map((e) => e.stage)).toEqual(['fullOn', 'probationaryOn', 'candidateOn', 'activistOn', 'appliedOn']);
    expect(timeline.map((e) => e.kind)).toContain('created');
    const ats = timeline.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('refuse a missing or double target, the same org, a future date and an org out of reach', async () => {
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: branchA.id, name: '待转党员', status: 'full', type: 'resident', stages: fullStages }));
    const url = `/api/v1/party-members/${m.id}/transfers`;
    expectProblem(await staff.post(url, { transferredOn: '2026-01-10', reason: '调动' }), 422, 'party_member_transfer_target');
    expectProblem(await staff.post(url, { toOrgId: branchB.id, toOrgName: '别处', transferredOn: '2026-01-10', reason: '调动' }), 422, 'party_member_transfer_target');
    expectProblem(await staff.post(url, { toOrgId: branchA.id, transferredOn: '2026-01-10', reason: '调动' }), 422, 'party_member_transfer_same_org');
    expectProblem(await staff.post(url, { toOrgId: branchB.id, transferredOn: '2099-01-10', reason: '调动' }), 422, 'party_member_transfer_future');
    const branchOfB = ok<Page<PartyOrg>>(await staffB.get('/api/v1/party-orgs?type=branch')).items[0]!;
    expectProblem(await staff.post(url, { toOrgId: branchOfB.id, transferredOn: '2026-01-10', reason: '调动' }), 404, 'not_found');
    expectProblem(await gridA.post(url, { toOrgId: branchB.id, transferredOn: '2026-01-10', reason: '调动' }), 403, 'forbidden');
    const [rows] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM party_member_transfers WHERE member_id = ${m.id}`);
    expect(Number(rows!.n)).toBe(0);
    expect(ok<PartyMember>(await staff.get(`/api/v1/party-members/${m.id}`)).orgId).toBe(branchA.id);
  });

  it('edits appear on the timeline with the fields they changed', async () => {
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: branchA.id, name: '时间线党员', status: 'full', type: 'resident', stages: fullStages }));
    ok(await staff.patch(`/api/v1/party-members/${m.id}`, { type: 'retired' }));
    const timeline = ok<{ items: MemberTimelineEntry[] }>(await staff.get(`/api/v1/party-members/${m.id}/timeline`)).items;
    expect(timeline[0]).toMatchObject({ kind: 'updated', actorName: 'staff', changedFields: ['type'] });
    expect(timeline[1]).toMatchObject({ kind: 'created', actorName: 'staff' });
  });
});

describe('party anniversaries (政治生日)', () => {
  it('lists a month’s anniversaries with the years in the party; the coming month by default', async () => {
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: groupA.id, name: '三月党员', status: 'full', type: 'resident', stages: fullStages }));
    const march = ok<PartyAnniversaryList>(await gridA.get(`/api/v1/party-anniversaries?month=2026-03&orgId=${branchA.id}`));
    expect(march.month).toBe('2026-03');
    expect(march.items).toContainEqual({ memberId: m.id, name: '三月党员', orgId: groupA.id, orgName: groupA.name, joinedOn: '2003-03-15', date: '2026-03-15', years: 23 });
    expect(march.items.every((a) => a.date.startsWith('2026-03-'))).toBe(true);
    const coming = ok<PartyAnniversaryList>(await staff.get('/api/v1/party-anniversaries'));
    expect(coming.month).toBe(comingMonth(chinaDay()));
    // The demo data gives every branch someone in the coming month.
    expect(coming.items.length).toBeGreaterThan(0);
    expect(ok<PartyAnniversaryList>(await gridB.get('/api/v1/party-anniversaries?month=2026-03')).items.some((a) => a.memberId === m.id)).toBe(false);
    expectProblem(await gridB.get(`/api/v1/party-anniversaries?orgId=${branchA.id}`), 404, 'not_found');
    expectProblem(await staff.get('/api/v1/party-anniversaries?month=2026-13'), 400, 'validation_failed');
  });

  it('the reminder job tells the secretary (a group’s branch secretary) once', async () => {
    const month = comingMonth(chinaDay());
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: groupA.id, name: '提醒党员', status: 'full', type: 'resident', stages: { probationaryOn: `2000-${month.slice(5, 7)}-20`, fullOn: '2001-12-01' } }));
    const job = partyAnniversaryReminderJob(t.app.services);
    await runJobOnce(t.database.db, job);
    await runJobOnce(t.database.db, job);
    const notes = ok<Page<{ kind: string; title: string; body: string }>>(await member.get('/api/v1/notifications?limit=100')).items.filter((n) => n.title.includes('提醒党员'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'party-anniversary' });
    expect(notes[0]!.body).toContain(`入党${Number(month.slice(0, 4)) - 2000}周年`);
    const [sent] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notifications WHERE dedupe_key LIKE ${`party-anniversary:${m.id}:%`}`);
    expect(Number(sent!.n)).toBe(1);
  });
});

describe('place hooks', () => {
  it('members follow their org’s place when it moves, and count as dependents of the place', async () => {
    const place = (body: Record<string, unknown>) => staff.post('/api/v1/places', body).then((r) => created<{ id: string; path: string }>(r));
    const smallGrid = await place({ parentId: demo.gridA.id, type: 'grid', name: '搬迁小网格' });
    const building = await place({ parentId: demo.gridA.id, type: 'building', name: '搬迁楼' });
    const group = created<PartyOrg>(await staff.post('/api/v1/party-orgs', { parentId: branchA.id, type: 'group', name: '搬迁楼党小组', placeId: building.id }));
    const m = created<PartyMember>(await staff.post('/api/v1/party-members', { orgId: group.id, name: '搬迁党员', status: 'full', type: 'resident', stages: fullStages }));
    const moved = ok<{ path: string }>(await staff.patch(`/api/v1/places/${building.id}`, { parentId: smallGrid.id }));
    expect(moved.path.startsWith(smallGrid.path)).toBe(true);
    const [row] = await queryRows<{ place_path: string }>(t.database.db, sql`SELECT place_path FROM party_members WHERE id = ${m.id}`);
    expect(row!.place_path).toBe(moved.path);
    expect(ok<PartyMember>(await gridA.get(`/api/v1/party-members/${m.id}`)).placeId).toBe(building.id);
    const refused = await staff.delete(`/api/v1/places/${building.id}`);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.body).toContain('党员');
  });
});
