import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Leaderboard, MyStudyPoints, StudyAttachment, StudyMaterial, StudyRecord, StudyRoster } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { memberScoreEntries } from './member-scores.tables';
import { studyPoints, studyRecords } from './learning.tables';
import { created, learningMember, ok, orgAt } from './learning.test-helpers';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let member: Client;
let resident: Client;
let branchA: Awaited<ReturnType<typeof orgAt>>;
let branchB: Awaited<ReturnType<typeof orgAt>>;
let committeeA: Awaited<ReturnType<typeof orgAt>>;
let committeeB: Awaited<ReturnType<typeof orgAt>>;
let zhangMingId: string;

beforeAll(async () => {
  t = await createTestApp();
  const demo = await t.demo();
  [staff, staffB, gridA, member, resident] = (await Promise.all(['staff', 'staffB', 'gridA', 'member', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  branchA = await orgAt(t, demo.gridA.id, 'branch');
  branchB = await orgAt(t, demo.gridB.id, 'branch');
  committeeA = await orgAt(t, demo.communityA.id, 'community_committee');
  committeeB = await orgAt(t, demo.communityB.id, 'community_committee');
  const me = ok<{ id: string }>(await member.get('/api/v1/auth/me'));
  const [row] = await t.database.db.execute<{ id: string }>(sql`SELECT id FROM party_members WHERE user_id = ${me.id}`).then((r) => (r as unknown as { rows: { id: string }[] }).rows);
  zhangMingId = row!.id;
});

const material = (orgIds: string[], extra: Record<string, unknown> = {}) => ({ title: '测试学习资料', body: '学习正文：密切联系群众。', orgIds, links: [{ title: '参考链接', url: 'https://www.12371.cn/' }], studyPoints: 3, ...extra });
const publish = async (orgIds: string[], extra: Record<string, unknown> = {}) => created<StudyMaterial>(await staff.post('/api/v1/study-materials', material(orgIds, extra)));
const listIds = async (client: Client, query = '') => ok<Page<StudyMaterial>>(await client.get(`/api/v1/study-materials${query}`)).items.map((m) => m.id);
const studyCount = async (materialId: string) => Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(studyRecords).where(eq(studyRecords.materialId, materialId)))[0]!.n);
const pointsOf = async (memberId: string) => (await t.database.db.select().from(studyPoints).where(eq(studyPoints.memberId, memberId))).map((p) => ({ sourceId: p.sourceId, points: p.points }));
const studyScores = async (memberId: string, sourceId: string) =>
  (await t.database.db.select().from(memberScoreEntries).where(and(eq(memberScoreEntries.memberId, memberId), eq(memberScoreEntries.sourceType, 'study-material'), eq(memberScoreEntries.sourceId, sourceId)))).length;

describe('the demo', () => {
  it('has materials, a 党史知识测试 and a 学习之星 board with members on it', async () => {
    const titles = ok<Page<StudyMaterial>>(await member.get('/api/v1/study-materials')).items.map((m) => m.title);
    expect(titles).toEqual(expect.arrayContaining(['党章学习：党员的八项义务', '党史小故事：一盏马灯']));
    const quizzes = ok<Page<{ title: string; questionCount: number }>>(await member.get('/api/v1/quizzes')).items;
    expect(quizzes).toEqual(expect.arrayContaining([expect.objectContaining({ title: '党史知识测试', questionCount: 10 })]));
    const board = ok<Leaderboard>(await staff.get(`/api/v1/learning/leaderboard?orgId=${committeeA.id}`));
    expect(board.entries[0]).toMatchObject({ rank: 1 });
    expect(board.entries.map((e) => e.memberId)).toContain(zhangMingId);
  });
});

describe('publishing study materials to party orgs', () => {
  it('reaches the members of the target org’s subtree and staff in scope, no one else', async () => {
    const forBranchA = await publish([branchA.id], { title: '第一网格支部学习' });
    const forCommunity = await publish([committeeA.id], { title: '社区党委学习' });
    expect(forBranchA).toMatchObject({ title: '第一网格支部学习', orgs: [{ id: branchA.id }], studyPoints: 3, studiedCount: 0, myStudy: null, links: [{ title: '参考链接' }] });
    const { client: bMember } = await learningMember(t, staff, branchB, '网格二党员', { login: true });

    // 张明 is in grid A's branch: both reach him. A member of grid B's branch sees only the community's.
    const zhangMing = await listIds(member);
    expect(zhangMing).toEqual(expect.arrayContaining([forBranchA.id, forCommunity.id]));
    const other = await listIds(bMember!);
    expect(other).toContain(forCommunity.id);
    expect(other).not.toContain(forBranchA.id);
    expectProblem(await bMember!.get(`/api/v1/study-materials/${forBranchA.id}`), 404, 'not_found');
    expect(ok<StudyMaterial>(await member.get(`/api/v1/study-materials/${forBranchA.id}`)).body).toBe('学习正文：密切联系群众。');

    // Staff of community B neither list nor open it; a grid worker holds no learning permission.
    expect(await listIds(staffB)).not.toContain(forBranchA.id);
    expectProblem(await staffB.get(`/api/v1/study-materials/${forBranchA.id}`), 404, 'not_found');
    expectProblem(await gridA.get('/api/v1/study-materials'), 403, 'forbidden');
  });

  it('filters by org: what reaches that org’s members', async () => {
    const forBranchA = await publish([branchA.id], { title: '按组织筛选' });
    expect(await listIds(staff, `?orgId=${branchA.id}`)).toContain(forBranchA.id);
    expect(await listIds(staff, `?orgId=${branchB.id}`)).not.toContain(forBranchA.id);
    expectProblem(await staffB.get(`/api/v1/study-materials?orgId=${branchA.id}`), 404, 'not_found');
  });

  it('refuses an org outside the publisher’s scope and a bad link; nothing is written', async () => {
    const before = await listIds(staff, '?limit=200');
    expectProblem(await staff.post('/api/v1/study-materials', material([committeeB.id])), 422, 'study_org_unknown');
    expectProblem(await staff.post('/api/v1/study-materials', material([branchA.id], { links: [{ title: '坏链接', url: 'javascript:alert(1)' }] })), 400, 'validation_failed');
    expectProblem(await member.post('/api/v1/study-materials', material([branchA.id])), 403, 'forbidden');
    expect(await listIds(staff, '?limit=200')).toEqual(before);
  });

  it('lets staff edit the text and the reach; staff of another community cannot', async () => {
    const m = await publish([branchA.id], { title: '待修改' });
    const changed = ok<StudyMaterial>(await staff.patch(`/api/v1/study-materials/${m.id}`, { title: '已修改', orgIds: [committeeA.id] }));
    expect(changed).toMatchObject({ title: '已修改', orgs: [{ id: committeeA.id }] });
    expectProblem(await staffB.patch(`/api/v1/study-materials/${m.id}`, { title: '越权' }), 404, 'not_found');
    expectProblem(await member.patch(`/api/v1/study-materials/${m.id}`, { title: '党员改' }), 403, 'forbidden');
  });
});

describe('attachments', () => {
  const upload = (client: Client, id: string, name: string, bytes: Buffer) => {
    const boundary = '----learning';
    return client.post(
      `/api/v1/study-materials/${id}/attachments`,
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
  };
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('stores a PDF recognised by its content and serves it to a member it reaches', async () => {
    const m = await publish([branchA.id], { title: '带附件' });
    const file = created<StudyAttachment>(await upload(staff, m.id, '学习提纲.pdf', pdf));
    expect(file).toMatchObject({ fileName: '学习提纲.pdf', contentType: 'application/pdf', byteSize: pdf.length });
    const download = await member.get(`/api/v1/study-materials/${m.id}/attachments/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(ok<StudyMaterial>(await member.get(`/api/v1/study-materials/${m.id}`)).attachments.map((a) => a.id)).toEqual([file.id]);
    expectProblem(await staffB.get(`/api/v1/study-materials/${m.id}/attachments/${file.id}`), 404, 'not_found');
  });

  it('refuses a file that only claims to be a PDF, and members uploading', async () => {
    const m = await publish([branchA.id], { title: '拒收附件' });
    expectProblem(await upload(staff, m.id, 'fake.pdf', Buffer.from('<html><script>alert(1)</script></html>')), 415, 'attachment_type_not_allowed');
    expectProblem(await upload(member, m.id, 'ok.pdf', pdf), 403, 'forbidden');
    expect(ok<StudyMaterial>(await staff.get(`/api/v1/study-materials/${m.id}`)).attachments).toEqual([]);
  });
});

describe('studying', () => {
  it('a member marks a material studied once: study points and one member-score entry', async () => {
    const m = await publish([branchA.id], { title: '只学一次', studyPoints: 4 });
    const key = 'study-once-000001';
    const record = created<StudyRecord>(await member.post(`/api/v1/study-materials/${m.id}/studies`, {}, { 'idempotency-key': key }));
    expect(record).toMatchObject({ materialId: m.id, memberId: zhangMingId, mode: 'self', points: 4 });
    const retry = await member.post(`/api/v1/study-materials/${m.id}/studies`, {}, { 'idempotency-key': key });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expectProblem(await member.post(`/api/v1/study-materials/${m.id}/studies`, {}), 409, 'study_already_recorded');
    expect(await studyCount(m.id)).toBe(1);
    expect((await pointsOf(zhangMingId)).filter((p) => p.sourceId === m.id)).toEqual([{ sourceId: m.id, points: 4 }]);
    expect(await studyScores(zhangMingId, m.id)).toBe(1);
    expect(ok<StudyMaterial>(await member.get(`/api/v1/study-materials/${m.id}`)).myStudy).toMatchObject({ mode: 'self' });
    expect(await listIds(member, '?studied=no&limit=200')).not.toContain(m.id);
    const mine = ok<MyStudyPoints>(await member.get('/api/v1/learning/my-points'));
    expect(mine.entries).toEqual(expect.arrayContaining([expect.objectContaining({ sourceId: m.id, points: 4, title: `学习《只学一次》` })]));
  });

  it('refuses a caller who is not a party member, and writes nothing', async () => {
    const m = await publish([committeeA.id], { title: '非党员' });
    expectProblem(await resident.post(`/api/v1/study-materials/${m.id}/studies`, {}), 403, 'not_a_party_member');
    // Staff are not members either: they record 送学上门 for someone instead.
    expectProblem(await staff.post(`/api/v1/study-materials/${m.id}/studies`, {}), 403, 'not_a_party_member');
    expect(await studyCount(m.id)).toBe(0);
  });

  it('送学上门: staff record a home study for a housebound member, with a note; the roster shows who has not studied yet', async () => {
    const m = await publish([branchA.id], { title: '送学上门资料', studyPoints: 2 });
    const { memberId: elder } = await learningMember(t, staff, branchA, '王奶奶', { type: 'housebound' });
    expectProblem(await staff.post(`/api/v1/study-materials/${m.id}/studies`, { memberId: elder, mode: 'delivered' }), 422, 'study_note_required');
    expectProblem(await staff.post(`/api/v1/study-materials/${m.id}/studies`, { mode: 'delivered', note: '上门' }), 422, 'study_member_required');
    expectProblem(await member.post(`/api/v1/study-materials/${m.id}/studies`, { memberId: elder, mode: 'delivered', note: '代学' }), 403, 'forbidden');
    expectProblem(await staffB.post(`/api/v1/study-materials/${m.id}/studies`, { memberId: elder, mode: 'delivered', note: '越权' }), 404, 'not_found');
    expect(await studyCount(m.id)).toBe(0);

    const before = ok<StudyRoster>(await staff.get(`/api/v1/study-materials/${m.id}/studies`));
    expect(before.studied).toEqual([]);
    expect(before.notStudied.map((x) => x.memberId)).toEqual(expect.arrayContaining([elder, zhangMingId]));

    const record = created<StudyRecord>(await staff.post(`/api/v1/study-materials/${m.id}/studies`, { memberId: elder, mode: 'delivered', note: '11 月 20 日上门讲解并留下学习资料' }));
    expect(record).toMatchObject({ memberId: elder, memberName: '王奶奶', mode: 'delivered', note: '11 月 20 日上门讲解并留下学习资料', points: 2 });
    expectProblem(await staff.post(`/api/v1/study-materials/${m.id}/studies`, { memberId: elder, mode: 'delivered', note: '再送一次' }), 409, 'study_already_recorded');
    expect(await studyScores(elder, m.id)).toBe(1);

    const after = ok<StudyRoster>(await staff.get(`/api/v1/study-materials/${m.id}/studies`));
    expect(after.studied.map((s) => [s.memberName, s.mode])).toEqual([['王奶奶', 'delivered']]);
    expect(after.notStudied.map((x) => x.memberId)).toContain(zhangMingId);
    expect(after.notStudied.map((x) => x.memberId)).not.toContain(elder);
    // Who studied is staff information.
    expectProblem(await member.get(`/api/v1/study-materials/${m.id}/studies`), 403, 'forbidden');
  });

  it('refuses 送学上门 for a member the material does not reach', async () => {
    const m = await publish([branchA.id], { title: '范围外送学' });
    const { memberId: elsewhere } = await learningMember(t, staff, branchB, '网格二老党员', { type: 'housebound' });
    expectProblem(await staff.post(`/api/v1/study-materials/${m.id}/studies`, { memberId: elsewhere, mode: 'delivered', note: '上门' }), 422, 'study_member_not_targeted');
    expect(await studyCount(m.id)).toBe(0);
  });
});

describe('学习之星', () => {
  it('ranks the members of the org subtree by study points in the period; equal points share a rank', async () => {
    const { communityA } = await t.demo();
    // A community of its own, so the board holds only this test's members.
    const place = created<{ id: string; path: string }>(await staff.post('/api/v1/places', { parentId: communityA.id, type: 'grid', name: '学习之星网格' }));
    const org = created<{ id: string }>(await staff.post('/api/v1/party-orgs', { parentId: committeeA.id, type: 'branch', name: '学习之星支部', placeId: place.id }));
    const branch = { id: org.id, placeId: place.id, placePath: place.path };
    const first = await learningMember(t, staff, branch, '甲', { login: true });
    const second = await learningMember(t, staff, branch, '乙', { login: true });
    const third = await learningMember(t, staff, branch, '丙', { login: true });
    const [big, small] = [await publish([org.id], { title: '五分资料', studyPoints: 5 }), await publish([org.id], { title: '二分资料', studyPoints: 2 })];
    for (const m of [big, small]) created(await first.client!.post(`/api/v1/study-materials/${m.id}/studies`, {}));
    created(await second.client!.post(`/api/v1/study-materials/${big.id}/studies`, {}));
    created(await third.client!.post(`/api/v1/study-materials/${big.id}/studies`, {}));

    const board = ok<Leaderboard>(await staff.get(`/api/v1/learning/leaderboard?orgId=${org.id}`));
    expect(board.entries.map((e) => [e.rank, e.name, e.points, e.studies])).toEqual([
      [1, '甲', 7, 2],
      [2, '乙', 5, 1],
      [2, '丙', 5, 1],
    ]);
    // A member sees the board of their own org by default, with their own line.
    const own = ok<Leaderboard>(await second.client!.get('/api/v1/learning/leaderboard'));
    expect(own.orgId).toBe(org.id);
    expect(own.me).toMatchObject({ name: '乙', rank: 2, isMe: true });

    // A period before any of it: nobody on the board.
    const empty = ok<Leaderboard>(await staff.get(`/api/v1/learning/leaderboard?orgId=${org.id}&from=2020-01-01&to=2020-12-31`));
    expect(empty.entries).toEqual([]);
    // The community board includes them (and 张明, who studied above).
    const community = ok<Leaderboard>(await staff.get(`/api/v1/learning/leaderboard?orgId=${committeeA.id}&limit=200`));
    expect(community.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['甲', '乙', '丙']));
    // Out of scope, or an org above nobody: 404; a member may not look at another branch.
    expectProblem(await staffB.get(`/api/v1/learning/leaderboard?orgId=${org.id}`), 404, 'not_found');
    expectProblem(await member.get(`/api/v1/learning/leaderboard?orgId=${org.id}`), 404, 'not_found');
    expectProblem(await gridA.get(`/api/v1/learning/leaderboard?orgId=${org.id}`), 403, 'forbidden');
  });
});
