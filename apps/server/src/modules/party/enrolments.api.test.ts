import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmployerReport, Enrolment, Notification, PartyMember } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { queryRows } from '../../db/sql';
import { created, ok } from '../events/events.test-helpers';
import { memberScoreEntries } from './member-scores.tables';
import { partyEnrolments } from './enrolments.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { freshAccount } from './service-posts.test-helpers';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let member: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridA, member, resident] = (await Promise.all(['staff', 'staffB', 'gridA', 'member', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
});

const body = (extra: Record<string, unknown> = {}) => ({
  communityId: demo.communityA.id,
  employer: '市税务局',
  homeOrgName: '市税务局机关党委',
  status: 'full',
  probationaryOn: '2012-06-01',
  fullOn: '2013-06-01',
  phone: '13900001111',
  ...extra,
});
const enrolmentCount = async () => Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(partyEnrolments))[0]!.n);
const idsOf = async (client: Client, url: string) => ok<Page<Enrolment>>(await client.get(url)).items.map((e) => e.id);

describe('enrolment (在职党员到社区报到)', () => {
  let lifang: Enrolment;

  it('a resident enrols once with the community she lives in; the name comes from her register entry', async () => {
    const key = 'enrol-lifang-0001';
    const first = await resident.post('/api/v1/enrolments', body({ name: '别的名字' }), { 'idempotency-key': key });
    lifang = created<Enrolment>(first);
    expect(lifang).toMatchObject({ name: '李芳', communityId: demo.communityA.id, communityName: demo.communityA.name, employer: '市税务局', homeOrgName: '市税务局机关党委', status: 'full', fullOn: '2013-06-01', phone: '139****1111', state: 'pending', memberId: null });
    // A retry with the same key gets the same answer, and writes nothing more.
    const retry = await resident.post('/api/v1/enrolments', body({ name: '别的名字' }), { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<Enrolment>().id).toBe(lifang.id);
    const before = await enrolmentCount();
    expectProblem(await resident.post('/api/v1/enrolments', body()), 409, 'enrolment_duplicate');
    expect(await enrolmentCount()).toBe(before);
  });

  it('offers the community she lives in', async () => {
    expect(ok<{ id: string; name: string }[]>(await resident.get('/api/v1/enrolments/home-communities'))).toEqual([{ id: demo.communityA.id, name: demo.communityA.name }]);
    expectProblem(await gridA.get('/api/v1/enrolments/home-communities'), 403, 'forbidden');
  });

  it('shows up in community A’s approval queue only; the applicant sees her own', async () => {
    expect(await idsOf(staff, `/api/v1/enrolments?state=pending&communityId=${demo.communityA.id}`)).toContain(lifang.id);
    expect(await idsOf(staffB, '/api/v1/enrolments?limit=200')).not.toContain(lifang.id);
    expect(await idsOf(resident, '/api/v1/enrolments?mine=true')).toEqual([lifang.id]);
    expect(await idsOf(member, '/api/v1/enrolments')).toEqual([]);
    expectProblem(await gridA.get('/api/v1/enrolments'), 403, 'forbidden');
    expectProblem(await staffB.get(`/api/v1/enrolments?communityId=${demo.communityA.id}`), 404, 'not_found');
  });

  it('refuses bad input with clear messages and writes nothing', async () => {
    const before = await enrolmentCount();
    expectProblem(await member.post('/api/v1/enrolments', body()), 409, 'enrolment_already_member');
    const stranger = await freshAccount(t, staff, demo.gridA.id, '外单位党员');
    expectProblem(await stranger.client.post('/api/v1/enrolments', body({ communityId: demo.gridA.id, name: '赵强' })), 422, 'enrolment_place_not_community');
    expectProblem(await stranger.client.post('/api/v1/enrolments', body({ fullOn: null, name: '赵强' })), 422, 'enrolment_full_on_required');
    expectProblem(await stranger.client.post('/api/v1/enrolments', body({ status: 'probationary', probationaryOn: null, fullOn: null, name: '赵强' })), 422, 'enrolment_probationary_on_required');
    expectProblem(await stranger.client.post('/api/v1/enrolments', body()), 422, 'enrolment_name_required');
    expectProblem(await stranger.client.post('/api/v1/enrolments', body({ phone: '12345', name: '赵强' })), 400, 'validation_failed');
    expectProblem(await stranger.client.post('/api/v1/enrolments', body({ employer: ' ', name: '赵强' })), 400, 'validation_failed');
    expectProblem(await gridA.post('/api/v1/enrolments', body({ name: '网格员' })), 403, 'forbidden');
    expect(await enrolmentCount()).toBe(before);
  });

  it('approval by community A’s staff creates the in-service member, scores it, and tells her', async () => {
    expectProblem(await staffB.post(`/api/v1/enrolments/${lifang.id}/approve`), 404, 'not_found');
    expectProblem(await gridA.post(`/api/v1/enrolments/${lifang.id}/approve`), 404, 'not_found');
    expectProblem(await resident.post(`/api/v1/enrolments/${lifang.id}/approve`), 404, 'not_found');
    const approved = ok<Enrolment>(await staff.post(`/api/v1/enrolments/${lifang.id}/approve`));
    expect(approved).toMatchObject({ state: 'approved', points: 5 });
    expect(approved.memberId).not.toBeNull();
    const [committee] = await t.database.db.select().from(partyOrgs).where(and(eq(partyOrgs.placeId, demo.communityA.id), eq(partyOrgs.type, 'community_committee')));
    const memberView = ok<PartyMember>(await staff.get(`/api/v1/party-members/${approved.memberId}`));
    expect(memberView).toMatchObject({ name: '李芳', type: 'in_service', status: 'full', orgId: committee!.id, employer: '市税务局', homeOrgName: '市税务局机关党委', placeId: demo.communityA.id });
    expect(memberView.residentId).not.toBeNull();
    const [row] = await t.database.db.select().from(partyMembers).where(eq(partyMembers.id, approved.memberId!));
    expect(row!.userId).toBe(lifang.userId);
    const scores = await t.database.db.select().from(memberScoreEntries).where(eq(memberScoreEntries.memberId, approved.memberId!));
    expect(scores.map((s) => [s.sourceType, s.sourceId, s.points])).toEqual([['enrolment', lifang.id, 5]]);
    const inbox = ok<Page<Notification>>(await resident.get('/api/v1/notifications'));
    expect(inbox.items.find((n) => n.kind === 'enrolment-approved')?.body).toContain('5 分');
  });

  it('cannot be decided twice, and a member cannot enrol again', async () => {
    expectProblem(await staff.post(`/api/v1/enrolments/${lifang.id}/approve`), 409, 'enrolment_decided');
    expectProblem(await staff.post(`/api/v1/enrolments/${lifang.id}/reject`, { reason: '重复' }), 409, 'enrolment_decided');
    expect(await t.database.db.select().from(memberScoreEntries).where(eq(memberScoreEntries.sourceId, lifang.id))).toHaveLength(1);
    expectProblem(await resident.post('/api/v1/enrolments', body()), 409, 'enrolment_already_member');
  });

  it('rejection needs a reason, tells the applicant, and lets them apply again', async () => {
    const applicant = await freshAccount(t, staff, demo.gridA.id, '钱进');
    const enrolment = created<Enrolment>(await applicant.client.post('/api/v1/enrolments', body({ name: '钱进', employer: '市第一医院', homeOrgName: '市第一医院党委' })));
    expect(enrolment.name).toBe('钱进');
    expectProblem(await staff.post(`/api/v1/enrolments/${enrolment.id}/reject`, { reason: '  ' }), 400, 'validation_failed');
    expectProblem(await staffB.post(`/api/v1/enrolments/${enrolment.id}/reject`, { reason: '不在本社区' }), 404, 'not_found');
    const rejected = ok<Enrolment>(await staff.post(`/api/v1/enrolments/${enrolment.id}/reject`, { reason: '请先转入组织关系介绍信' }));
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: '请先转入组织关系介绍信', memberId: null });
    const inbox = ok<Page<Notification>>(await applicant.client.get('/api/v1/notifications'));
    expect(inbox.items.find((n) => n.kind === 'enrolment-rejected')?.body).toContain('请先转入组织关系介绍信');
    expect(await t.database.db.select().from(partyMembers).where(eq(partyMembers.userId, applicant.userId))).toHaveLength(0);
    created<Enrolment>(await applicant.client.post('/api/v1/enrolments', body({ name: '钱进', employer: '市第一医院', homeOrgName: '市第一医院党委' })));
  });
});

describe('demo data', () => {
  it('has in-service members who sign in with the demo password, and enrolments waiting in community A', async () => {
    const chen = await t.login('zaizhi1');
    expect(ok<Page<Enrolment>>(await chen.get('/api/v1/enrolments?mine=true')).items[0]).toMatchObject({ name: '陈思远', state: 'approved', employer: '市税务局' });
    expect(ok<{ points: number }[]>(await chen.get('/api/v1/service-post-claims')).some((c) => c.points > 0)).toBe(true);
    const waiting = ok<Page<Enrolment>>(await staff.get(`/api/v1/enrolments?state=pending&communityId=${demo.communityA.id}`)).items.map((e) => e.name);
    expect(waiting).toEqual(expect.arrayContaining(['何静', '马骏']));
  });
});

describe('employer report', () => {
  it('lists who enrolled per employer unit, in scope, and exports it', async () => {
    const report = ok<EmployerReport>(await staff.get(`/api/v1/enrolments/employer-report?communityId=${demo.communityA.id}`));
    const tax = report.rows.find((r) => r.employer === '市税务局');
    expect(tax?.members.map((m) => m.name)).toContain('李芳');
    expect(report.totals.members).toBe(report.rows.reduce((n, r) => n + r.memberCount, 0));
    // Pending and rejected enrolments are not counted.
    expect(report.rows.flatMap((r) => r.members.map((m) => m.name))).not.toContain('钱进');
    // Before she enrolled, she was not there.
    const earlier = ok<EmployerReport>(await staff.get(`/api/v1/enrolments/employer-report?communityId=${demo.communityA.id}&from=2001-01-01&to=2001-12-31`));
    expect(earlier.rows.flatMap((r) => r.members.map((m) => m.name))).not.toContain('李芳');
    expectProblem(await staff.get('/api/v1/enrolments/employer-report?from=2026-05-01&to=2026-04-01'), 422, 'employer_report_period_invalid');
    expectProblem(await staffB.get(`/api/v1/enrolments/employer-report?communityId=${demo.communityA.id}`), 404, 'not_found');
    expect(ok<EmployerReport>(await staffB.get('/api/v1/enrolments/employer-report')).rows.flatMap((r) => r.members.map((m) => m.name))).not.toContain('李芳');
    expectProblem(await resident.get('/api/v1/enrolments/employer-report'), 403, 'forbidden');

    const file = await staff.get(`/api/v1/enrolments/employer-report/export?communityId=${demo.communityA.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const summary = book.getWorksheet('按单位汇总')!;
    expect(summary.getRow(1).getCell(1).value).toBe('工作单位');
    const units = summary.getColumn(1).values.slice(2);
    expect(units).toContain('市税务局');
    const [audit] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'enrolment.employer-report.export'`);
    expect(Number(audit!.n)).toBe(1);
  });
});
