import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmployerReport, Enrolment, Notification, ServiceHours, ServiceHoursEntry, ServicePost, ServicePostClaim } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { created, ok } from '../events/events.test-helpers';
import { memberScoreEntries } from './member-scores.tables';
import { servicePostClaims, servicePostHours, servicePosts } from './service-posts.tables';
import { daysFromToday, freshMember } from './service-posts.test-helpers';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let gridB: Client;
let member: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridA, gridB, member, resident] = (await Promise.all(['staff', 'staffB', 'gridA', 'gridB', 'member', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client, Client];
});

const postBody = (extra: Record<string, unknown> = {}) => ({
  placeId: demo.gridA.id,
  kind: 'civility_persuasion',
  title: '文明劝导岗',
  description: '周末在小区门口劝导不文明养犬',
  capacity: 5,
  startsOn: daysFromToday(-10),
  endsOn: daysFromToday(30),
  ...extra,
});
const newPost = async (extra: Record<string, unknown> = {}) => created<ServicePost>(await staff.post('/api/v1/service-posts', postBody(extra)));
const postIds = async (client: Client, url: string) => ok<Page<ServicePost>>(await client.get(url)).items.map((p) => p.id);
const postRow = async (id: string) => (await t.database.db.select().from(servicePosts).where(eq(servicePosts.id, id)))[0]!;
const claimsOf = async (postId: string) => t.database.db.select().from(servicePostClaims).where(eq(servicePostClaims.postId, postId));
const myMemberId = async (client: Client) => ok<ServicePostClaim[]>(await client.get('/api/v1/service-post-claims'))[0]?.memberId;

describe('service posts (服务岗位)', () => {
  it('are published by staff in a community or grid of their scope', async () => {
    const post = await newPost();
    expect(post).toMatchObject({ placeId: demo.gridA.id, placeName: demo.gridA.name, kind: 'civility_persuasion', capacity: 5, claimedCount: 0, remaining: 5, status: 'open', myClaimId: null, manageable: true });
    expect((await newPost({ placeId: demo.communityA.id, kind: 'policy_publicity', title: '政策宣传岗' })).placeName).toBe(demo.communityA.name);
    expectProblem(await staff.post('/api/v1/service-posts', postBody({ placeId: demo.householdA.id })), 422, 'service_post_place_invalid');
    expectProblem(await staff.post('/api/v1/service-posts', postBody({ startsOn: daysFromToday(5), endsOn: daysFromToday(1) })), 422, 'service_post_period_invalid');
    expectProblem(await staff.post('/api/v1/service-posts', postBody({ capacity: 0 })), 400, 'validation_failed');
    expectProblem(await staff.post('/api/v1/service-posts', postBody({ kind: 'karaoke' })), 400, 'validation_failed');
    expectProblem(await staffB.post('/api/v1/service-posts', postBody()), 404, 'not_found');
    expectProblem(await gridA.post('/api/v1/service-posts', postBody()), 403, 'forbidden');
    expectProblem(await member.post('/api/v1/service-posts', postBody()), 403, 'forbidden');
  });

  it('are seen by members of the community and by workers of the grid, not by other grids or communities', async () => {
    const post = await newPost({ title: '可见性测试岗' });
    expect(await postIds(member, '/api/v1/service-posts?limit=200')).toContain(post.id);
    expect(await postIds(resident, '/api/v1/service-posts?limit=200')).toContain(post.id);
    expect(await postIds(gridA, `/api/v1/service-posts?limit=200&placeId=${demo.gridA.id}`)).toContain(post.id);
    expect(await postIds(gridB, '/api/v1/service-posts?limit=200')).not.toContain(post.id);
    expect(await postIds(staffB, '/api/v1/service-posts?limit=200')).not.toContain(post.id);
    expectProblem(await gridB.get(`/api/v1/service-posts/${post.id}`), 404, 'not_found');
    expectProblem(await staffB.get(`/api/v1/service-posts?placeId=${demo.gridA.id}`), 404, 'not_found');
    expect(ok<ServicePost>(await member.get(`/api/v1/service-posts/${post.id}`))).toMatchObject({ id: post.id, manageable: false });
  });
});

describe('when places move', () => {
  it('a post follows its grid into another community', async () => {
    const grid = created<{ id: string }>(await staff.post('/api/v1/places', { parentId: demo.communityA.id, type: 'grid', name: '搬迁网格' })).id;
    const post = await newPost({ placeId: grid, title: '随网格迁移的岗位' });
    const admin = await t.login('admin');
    expect((await admin.patch(`/api/v1/places/${grid}`, { parentId: demo.communityB.id })).statusCode).toBe(200);
    expect(ok<ServicePost>(await staffB.get(`/api/v1/service-posts/${post.id}`)).manageable).toBe(true);
    expectProblem(await staff.get(`/api/v1/service-posts/${post.id}`), 404, 'not_found');
  });
});

describe('claims (认领)', () => {
  it('a member claims a post once; a non-member is told to enrol first', async () => {
    const post = await newPost({ title: '矛盾调解岗', kind: 'dispute_mediation' });
    expectProblem(await resident.post(`/api/v1/service-posts/${post.id}/claims`), 403, 'not_a_party_member');
    const claim = created<ServicePostClaim>(await member.post(`/api/v1/service-posts/${post.id}/claims`, {}, { 'idempotency-key': 'claim-zhangming-1' }));
    expect(claim).toMatchObject({ postId: post.id, postTitle: '矛盾调解岗', memberName: '张明', hoursLogged: 0, points: 0, hours: [] });
    const replay = await member.post(`/api/v1/service-posts/${post.id}/claims`, {}, { 'idempotency-key': 'claim-zhangming-1' });
    expect(replay.statusCode).toBe(201);
    expect(replay.json<ServicePostClaim>().id).toBe(claim.id);
    expectProblem(await member.post(`/api/v1/service-posts/${post.id}/claims`), 409, 'service_post_already_claimed');
    expect((await postRow(post.id)).claimedCount).toBe(1);
    expect(ok<ServicePost>(await member.get(`/api/v1/service-posts/${post.id}`))).toMatchObject({ myClaimId: claim.id, claimedCount: 1, remaining: 4 });
    // Staff see every claim; another member sees only their own (none).
    expect(ok<ServicePostClaim[]>(await gridA.get(`/api/v1/service-posts/${post.id}/claims`)).map((c) => c.id)).toEqual([claim.id]);
    const other = await freshMember(t, staff, demo.communityA, '孙伟');
    expect(ok<ServicePostClaim[]>(await other.client.get(`/api/v1/service-posts/${post.id}/claims`))).toEqual([]);
  });

  it('a full post answers 409 with the number of places, and nothing is written', async () => {
    const post = await newPost({ title: '助老服务岗', kind: 'elderly_care', capacity: 1 });
    created(await member.post(`/api/v1/service-posts/${post.id}/claims`));
    const other = await freshMember(t, staff, demo.gridA, '周敏');
    const problem = expectProblem(await other.client.post(`/api/v1/service-posts/${post.id}/claims`), 409, 'service_post_full');
    expect(problem.detail).toContain('1 个名额');
    expect((await postRow(post.id)).claimedCount).toBe(1);
    expect(await claimsOf(post.id)).toHaveLength(1);
    expect(await postIds(other.client, '/api/v1/service-posts?available=true&limit=200')).not.toContain(post.id);
  });

  it('of two simultaneous claims for the last place exactly one succeeds', async () => {
    const post = await newPost({ title: '疫情防控值守岗', kind: 'epidemic_duty', capacity: 2 });
    const first = await freshMember(t, staff, demo.gridA, '吴刚');
    const second = await freshMember(t, staff, demo.gridA, '郑洁');
    created(await member.post(`/api/v1/service-posts/${post.id}/claims`));
    const answers = await Promise.all([first.client.post(`/api/v1/service-posts/${post.id}/claims`), second.client.post(`/api/v1/service-posts/${post.id}/claims`)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json<{ code: string }>().code).toBe('service_post_full');
    expect((await postRow(post.id)).claimedCount).toBe(2);
    expect(await claimsOf(post.id)).toHaveLength(2);
  });

  it('staff claim on behalf of a member in their scope; closed and ended posts take no claims', async () => {
    const post = await newPost({ title: '代认领岗' });
    const other = await freshMember(t, staff, demo.gridA, '冯磊');
    expectProblem(await staffB.post(`/api/v1/service-posts/${post.id}/claims`, { memberId: other.memberId }), 404, 'not_found');
    expectProblem(await gridA.post(`/api/v1/service-posts/${post.id}/claims`, { memberId: other.memberId }), 403, 'forbidden');
    expect(created<ServicePostClaim>(await staff.post(`/api/v1/service-posts/${post.id}/claims`, { memberId: other.memberId })).memberName).toBe('冯磊');

    expectProblem(await gridA.post(`/api/v1/service-posts/${post.id}/close`), 403, 'forbidden');
    expectProblem(await staffB.post(`/api/v1/service-posts/${post.id}/close`), 404, 'not_found');
    expect(ok<ServicePost>(await staff.post(`/api/v1/service-posts/${post.id}/close`)).status).toBe('closed');
    expectProblem(await staff.post(`/api/v1/service-posts/${post.id}/close`), 409, 'service_post_closed');
    expectProblem(await member.post(`/api/v1/service-posts/${post.id}/claims`), 409, 'service_post_closed');

    const ended = await newPost({ title: '已结束的岗位', startsOn: daysFromToday(-30), endsOn: daysFromToday(-1) });
    expectProblem(await member.post(`/api/v1/service-posts/${ended.id}/claims`), 422, 'service_post_ended');
    expect(await claimsOf(ended.id)).toHaveLength(0);
  });
});

describe('hours (服务时长)', () => {
  let post: ServicePost;
  let claim: ServicePostClaim;

  beforeAll(async () => {
    post = await newPost({ title: '文明劝导时长岗', startsOn: daysFromToday(-5), endsOn: daysFromToday(5) });
    claim = created<ServicePostClaim>(await member.post(`/api/v1/service-posts/${post.id}/claims`));
  });

  const log = (client: Client, extra: Record<string, unknown> = {}) => client.post(`/api/v1/service-post-claims/${claim.id}/hours`, { servedOn: daysFromToday(0), hours: 2.5, note: '小区门口劝导', ...extra });
  const hoursCount = async () => (await t.database.db.select().from(servicePostHours).where(eq(servicePostHours.claimId, claim.id))).length;

  it('refuses impossible hours, future days and days outside the post’s period, writing nothing', async () => {
    for (const hours of [0, -1, 24.5, 1.25]) expectProblem(await log(member, { hours }), 422, 'service_hours_invalid');
    expectProblem(await log(member, { servedOn: daysFromToday(1) }), 422, 'service_hours_future');
    expectProblem(await log(member, { servedOn: daysFromToday(-6) }), 422, 'service_hours_outside_period');
    expectProblem(await log(member, { servedOn: '2026-02-30' }), 400, 'validation_failed');
    expectProblem(await log(gridB), 404, 'not_found');
    expectProblem(await log(gridA), 403, 'forbidden');
    expect(await hoursCount()).toBe(0);
  });

  it('are logged by the member, confirmed by staff once, scored, and shown with the points', async () => {
    const logged = created<ServiceHours>(await log(member));
    expect(logged).toMatchObject({ hours: 2.5, status: 'pending', points: 0 });
    const queue = ok<Page<ServiceHoursEntry>>(await staff.get(`/api/v1/service-post-hours?status=pending&placeId=${demo.gridA.id}`));
    expect(queue.items.find((h) => h.id === logged.id)).toMatchObject({ postTitle: '文明劝导时长岗', memberName: '张明', placeName: demo.gridA.name });
    expect(ok<Page<ServiceHoursEntry>>(await gridB.get('/api/v1/service-post-hours')).items.map((h) => h.id)).not.toContain(logged.id);
    expectProblem(await member.get('/api/v1/service-post-hours'), 403, 'forbidden');

    expectProblem(await staffB.post(`/api/v1/service-post-hours/${logged.id}/confirm`), 404, 'not_found');
    expectProblem(await gridA.post(`/api/v1/service-post-hours/${logged.id}/confirm`), 403, 'forbidden');
    expectProblem(await member.post(`/api/v1/service-post-hours/${logged.id}/confirm`), 403, 'forbidden');
    const confirmed = ok<ServiceHoursEntry>(await staff.post(`/api/v1/service-post-hours/${logged.id}/confirm`));
    expect(confirmed).toMatchObject({ status: 'confirmed', points: 2.5 });
    expectProblem(await staff.post(`/api/v1/service-post-hours/${logged.id}/confirm`), 409, 'service_hours_decided');
    const entries = await t.database.db.select().from(memberScoreEntries).where(eq(memberScoreEntries.sourceId, logged.id));
    expect(entries.map((e) => [e.sourceType, e.points])).toEqual([['service-post-claim', 2.5]]);

    const mine = ok<ServicePostClaim[]>(await member.get('/api/v1/service-post-claims')).find((c) => c.id === claim.id)!;
    expect(mine).toMatchObject({ hoursLogged: 2.5, hoursConfirmed: 2.5, points: 2.5 });
    expect(mine.hours[0]).toMatchObject({ id: logged.id, status: 'confirmed', points: 2.5 });
    const inbox = ok<Page<Notification>>(await member.get('/api/v1/notifications'));
    expect(inbox.items.find((n) => n.kind === 'post-hours-confirmed')?.body).toContain('2.5');
  });

  it('a day holds at most 24 hours; rejected hours need a reason and score nothing', async () => {
    expectProblem(await log(member, { hours: 22 }), 422, 'service_hours_day_limit');
    const second = created<ServiceHours>(await log(member, { servedOn: daysFromToday(-1), hours: 3 }));
    expectProblem(await staff.post(`/api/v1/service-post-hours/${second.id}/reject`, { reason: '' }), 400, 'validation_failed');
    const rejected = ok<ServiceHoursEntry>(await staff.post(`/api/v1/service-post-hours/${second.id}/reject`, { reason: '当天未在岗' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '当天未在岗', points: 0 });
    expectProblem(await staff.post(`/api/v1/service-post-hours/${second.id}/confirm`), 409, 'service_hours_decided');
    expect(await t.database.db.select().from(memberScoreEntries).where(eq(memberScoreEntries.sourceId, second.id))).toHaveLength(0);
    const inbox = ok<Page<Notification>>(await member.get('/api/v1/notifications'));
    expect(inbox.items.find((n) => n.kind === 'post-hours-rejected')?.body).toContain('当天未在岗');
    const mine = ok<ServicePostClaim[]>(await member.get('/api/v1/service-post-claims')).find((c) => c.id === claim.id)!;
    expect(mine).toMatchObject({ hoursLogged: 2.5, hoursConfirmed: 2.5 });
    // Staff may log hours for the member too.
    created<ServiceHours>(await log(staff, { servedOn: daysFromToday(-2), hours: 1 }));
    expect(await myMemberId(member)).toBe(claim.memberId);
  });
});

describe('an in-service member from enrolment to the employer report', () => {
  it('enrols, is approved, claims, serves, and is counted for the employer', async () => {
    const enrolment = created<Enrolment>(
      await resident.post('/api/v1/enrolments', { communityId: demo.communityA.id, employer: '区自来水公司', homeOrgName: '区自来水公司党支部', status: 'probationary', probationaryOn: '2025-07-01', phone: '13700002222' }),
    );
    ok(await staff.post(`/api/v1/enrolments/${enrolment.id}/approve`));
    const post = await newPost({ placeId: demo.communityA.id, title: '政策宣传服务岗', kind: 'policy_publicity' });
    const claim = created<ServicePostClaim>(await resident.post(`/api/v1/service-posts/${post.id}/claims`));
    const hours = created<ServiceHours>(await resident.post(`/api/v1/service-post-claims/${claim.id}/hours`, { servedOn: daysFromToday(0), hours: 3 }));
    ok(await staff.post(`/api/v1/service-post-hours/${hours.id}/confirm`));
    const report = ok<EmployerReport>(await staff.get(`/api/v1/enrolments/employer-report?communityId=${demo.communityA.id}`));
    expect(report.rows.find((r) => r.employer === '区自来水公司')).toMatchObject({
      memberCount: 1,
      hoursConfirmed: 3,
      members: [{ name: '李芳', homeOrgName: '区自来水公司党支部', hours: 3 }],
      posts: [{ postId: post.id, title: '政策宣传服务岗', hours: 3 }],
    });
  });
});
