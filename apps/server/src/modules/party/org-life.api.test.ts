import sharp from 'sharp';
import { and, eq, like, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletenessReport, MemberPosition, OrgLifeFrequencies, OrgLifeSession, OrgLifeSessionDetail, SessionPhoto } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { created, ok } from '../events/events.test-helpers';
import { runJobOnce } from '../../platform/jobs/scheduler';
import { notifications } from '../../platform/notifications.tables';
import { auditLog } from '../../platform/audit/audit.tables';
import { loadExcel } from '../residents/residents.exceljs';
import { memberScoreEntries, memberScoreItems } from './member-scores.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { orgLifeAttendees, orgLifeSessions } from './org-life.tables';
import { sessionReminderJob } from './org-life.reminders';
import { ORG_LIFE_EXPORT_HEADERS } from './org-life.export';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let member: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let branchA: string;
let branchB: string;
/** A fresh 党小组 under grid A's branch, with its own members. */
let group: string;
let zhangMing: string;
let committeeMember: string;
let groupMembers: string[];
let strangerInB: string;

async function addMember(orgId: string, name: string, position: MemberPosition | null = null): Promise<string> {
  const [org] = await t.database.db.select().from(partyOrgs).where(eq(partyOrgs.id, orgId));
  const [row] = await t.database.db
    .insert(partyMembers)
    .values({ orgId, placeId: org!.placeId, placePath: org!.placePath, name, status: 'full', type: 'resident', position })
    .returning({ id: partyMembers.id });
  return row!.id;
}

const iso = (offsetMs: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + offsetMs).toISOString();

function session(orgId: string, type: string, startOffsetMs: number, extra: Record<string, unknown> = {}) {
  return { type, orgId, title: '学习党的二十届三中全会精神', startsAt: iso(startOffsetMs), endsAt: iso(startOffsetMs + 2 * HOUR), location: '党群服务中心会议室', ...extra };
}

/** Approved score entries of a member for one session, by item code. */
async function scoresOf(memberId: string, sessionId: string) {
  const rows = await t.database.db
    .select({ code: memberScoreItems.code, status: memberScoreEntries.status, points: memberScoreEntries.points })
    .from(memberScoreEntries)
    .innerJoin(memberScoreItems, eq(memberScoreItems.id, memberScoreEntries.itemId))
    .where(and(eq(memberScoreEntries.memberId, memberId), eq(memberScoreEntries.sourceType, 'org-life-session'), eq(memberScoreEntries.sourceId, sessionId)));
  return Object.fromEntries(rows.map((r) => [r.code, r.status]));
}

const countSessions = async () => Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(orgLifeSessions))[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridA, member] = (await Promise.all(['staff', 'staffB', 'gridA', 'member'].map((u) => t.login(u)))) as [Client, Client, Client, Client];
  const orgs = await t.database.db.select().from(partyOrgs).where(eq(partyOrgs.type, 'branch'));
  branchA = orgs.find((o) => o.placeId === demo.gridA.id)!.id;
  branchB = orgs.find((o) => o.placeId === demo.gridB.id)!.id;
  group = created<{ id: string }>(await staff.post('/api/v1/party-orgs', { parentId: branchA, type: 'group', name: '测试党小组', placeId: demo.gridA.id })).id;
  const userId = (await member.get('/api/v1/auth/me')).json<{ id: string }>().id;
  zhangMing = (await t.database.db.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.userId, userId)))[0]!.id;
  committeeMember = await addMember(branchA, '支委王', 'committee_member');
  groupMembers = [await addMember(group, '组员甲'), await addMember(group, '组员乙'), await addMember(group, '组员丙')];
  strangerInB = await addMember(branchB, '外支部赵');
});

describe('demo data', () => {
  it('holds a year of grid A branch sessions with attendance, and one planned for tomorrow', async () => {
    const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * HOUR + offsetDays * DAY).toISOString().slice(0, 10);
    const held = ok<Page<OrgLifeSession>>(await staff.get(`/api/v1/org-life-sessions?orgId=${branchA}&status=held&from=${chinaDay(-366)}&limit=200`));
    expect(held.items.length).toBeGreaterThanOrEqual(8);
    expect(held.items.some((s) => s.presentCount > 0 && s.minutes)).toBe(true);
    const tomorrow = ok<Page<OrgLifeSession>>(await staff.get(`/api/v1/org-life-sessions?orgId=${branchA}&status=planned&from=${chinaDay(1)}&to=${chinaDay(1)}`));
    expect(tomorrow.items.length).toBeGreaterThan(0);
  });
});

describe('planning', () => {
  it('a branch general meeting invites every member of the branch and its groups; a committee meeting the committee', async () => {
    const general = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(branchA, 'branch_general_meeting', 3 * DAY)));
    const invited = general.attendees.map((a) => a.memberId);
    expect(invited).toEqual(expect.arrayContaining([zhangMing, committeeMember, ...groupMembers]));
    expect(invited).not.toContain(strangerInB);
    expect(general).toMatchObject({ status: 'planned', orgId: branchA, attendeeCount: invited.length, presentCount: 0 });
    const committee = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(branchA, 'branch_committee_meeting', 3 * DAY)));
    expect(committee.attendees.map((a) => a.memberId).sort()).toEqual(expect.arrayContaining([zhangMing, committeeMember]));
    expect(committee.attendees.map((a) => a.memberId)).not.toContain(groupMembers[0]);
    expect(committee.attendees.every((a) => a.position !== null)).toBe(true);
  });

  it('explicit attendees must belong to the org: strangers are named and nothing is written', async () => {
    const before = await countSessions();
    const problem = expectProblem(await staff.post('/api/v1/org-life-sessions', session(group, 'group_meeting', DAY, { attendeeMemberIds: [groupMembers[0], strangerInB] })), 422, 'org_life_not_org_members');
    expect(problem.detail).toContain(strangerInB);
    expect(problem.detail).not.toContain(groupMembers[0]);
    expect(await countSessions()).toBe(before);
    const chosen = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(group, 'group_meeting', DAY, { attendeeMemberIds: [groupMembers[0], groupMembers[1]] })));
    expect(chosen.attendees.map((a) => a.memberId).sort()).toEqual([groupMembers[0], groupMembers[1]].sort());
  });

  it('refuses a session type the org does not hold, end before start, and orgs outside the scope', async () => {
    expectProblem(await staff.post('/api/v1/org-life-sessions', session(branchA, 'group_meeting', DAY)), 422, 'org_life_type_not_for_org');
    expectProblem(await staff.post('/api/v1/org-life-sessions', session(group, 'party_lecture', DAY)), 422, 'org_life_type_not_for_org');
    expectProblem(await staff.post('/api/v1/org-life-sessions', { ...session(branchA, 'theme_day', DAY), endsAt: iso(DAY - HOUR) }), 422, 'org_life_session_times_invalid');
    expectProblem(await staffB.post('/api/v1/org-life-sessions', session(branchA, 'theme_day', DAY)), 404, 'not_found');
    expectProblem(await gridA.post('/api/v1/org-life-sessions', session(branchA, 'theme_day', DAY)), 403, 'forbidden');
  });

  it('a retry with the same Idempotency-Key plans the session once', async () => {
    const before = await countSessions();
    const headers = { 'idempotency-key': 'org-life-plan-0001' };
    const first = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(branchA, 'theme_day', 2 * DAY), headers));
    const again = await staff.post('/api/v1/org-life-sessions', session(branchA, 'theme_day', 2 * DAY), headers);
    expect(again.statusCode).toBe(201);
    expect(again.json<OrgLifeSessionDetail>().id).toBe(first.id);
    expect(await countSessions()).toBe(before + 1);
  });

  it('lists by org (with sub-orgs), type and dates; a member sees only their own sessions with their attendance', async () => {
    const inGroup = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(group, 'group_meeting', 5 * DAY)));
    const page = ok<Page<OrgLifeSession>>(await staff.get(`/api/v1/org-life-sessions?orgId=${branchA}&type=group_meeting&limit=200`));
    expect(page.items.map((s) => s.id)).toContain(inGroup.id);
    expect(page.items.every((s) => s.type === 'group_meeting')).toBe(true);
    const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
    const past = ok<Page<OrgLifeSession>>(await staff.get(`/api/v1/org-life-sessions?orgId=${group}&to=${today}&from=2000-01-01&limit=200`));
    expect(past.items.map((s) => s.id)).not.toContain(inGroup.id);
    expectProblem(await staffB.get(`/api/v1/org-life-sessions?orgId=${branchA}`), 404, 'not_found');
    const mine = ok<Page<OrgLifeSession>>(await member.get('/api/v1/org-life-sessions?limit=200'));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((s) => s.id)).not.toContain(inGroup.id);
    const ids = new Set((await t.database.db.select({ id: orgLifeAttendees.sessionId }).from(orgLifeAttendees).where(eq(orgLifeAttendees.memberId, zhangMing))).map((r) => r.id));
    expect(mine.items.every((s) => ids.has(s.id))).toBe(true);
    // Cursor pages cover the same sessions without repeats.
    const first = ok<Page<OrgLifeSession>>(await staff.get(`/api/v1/org-life-sessions?orgId=${branchA}&limit=2`));
    const second = ok<Page<OrgLifeSession>>(await staff.get(`/api/v1/org-life-sessions?orgId=${branchA}&limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((s) => s.id).filter((id) => first.items.some((f) => f.id === id))).toEqual([]);
  });
});

describe('attendance', () => {
  let held: OrgLifeSessionDetail;
  beforeAll(async () => {
    held = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(group, 'group_meeting', -3 * HOUR)));
  });
  const [a, b, c] = [0, 1, 2];

  it('records the sheet, marks the session held and scores present and unexcused absence once', async () => {
    const sheet = { entries: [{ memberId: groupMembers[a]!, status: 'present' }, { memberId: groupMembers[b]!, status: 'absent' }, { memberId: groupMembers[c]!, status: 'excused', note: '住院' }] };
    const saved = ok<OrgLifeSessionDetail>(await staff.put(`/api/v1/org-life-sessions/${held.id}/attendance`, sheet));
    expect(saved).toMatchObject({ status: 'held', presentCount: 1, absentCount: 1, excusedCount: 1 });
    expect(saved.attendees.find((x) => x.memberId === groupMembers[c])).toMatchObject({ status: 'excused', note: '住院' });
    expect(await scoresOf(groupMembers[a]!, held.id)).toEqual({ 'session-attendance': 'approved' });
    expect(await scoresOf(groupMembers[b]!, held.id)).toEqual({ 'session-absence': 'approved' });
    expect(await scoresOf(groupMembers[c]!, held.id)).toEqual({});
    const entries = async () => Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(memberScoreEntries).where(eq(memberScoreEntries.sourceId, held.id)))[0]!.n);
    const count = await entries();
    ok(await staff.put(`/api/v1/org-life-sessions/${held.id}/attendance`, sheet));
    expect(await entries()).toBe(count);
  });

  it('a changed status retracts the other score', async () => {
    const sheet = { entries: [{ memberId: groupMembers[a]!, status: 'absent' }, { memberId: groupMembers[b]!, status: 'present' }, { memberId: groupMembers[c]!, status: 'excused' }] };
    ok(await staff.put(`/api/v1/org-life-sessions/${held.id}/attendance`, sheet));
    expect(await scoresOf(groupMembers[a]!, held.id)).toEqual({ 'session-attendance': 'rejected', 'session-absence': 'approved' });
    expect(await scoresOf(groupMembers[b]!, held.id)).toEqual({ 'session-attendance': 'approved', 'session-absence': 'rejected' });
  });

  it('refuses attendance for a non-member or non-attendee, naming them, and writes nothing', async () => {
    const before = await t.database.db.select().from(orgLifeAttendees).where(eq(orgLifeAttendees.sessionId, held.id));
    const problem = expectProblem(
      await staff.put(`/api/v1/org-life-sessions/${held.id}/attendance`, { entries: [{ memberId: groupMembers[a]!, status: 'present' }, { memberId: strangerInB, status: 'present' }] }),
      422,
      'org_life_not_attendees',
    );
    expect(problem.detail).toContain(strangerInB);
    expect(problem.errors).toEqual([{ path: 'entries.1.memberId', message: strangerInB }]);
    expect(await t.database.db.select().from(orgLifeAttendees).where(eq(orgLifeAttendees.sessionId, held.id))).toEqual(before);
    expect(await scoresOf(groupMembers[a]!, held.id)).toEqual({ 'session-attendance': 'rejected', 'session-absence': 'approved' });
  });

  it('refuses attendance of a session that has not started, and from outside the scope', async () => {
    const future = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(group, 'group_meeting', 2 * DAY)));
    expectProblem(await staff.put(`/api/v1/org-life-sessions/${future.id}/attendance`, { entries: [{ memberId: groupMembers[a]!, status: 'present' }] }), 422, 'org_life_session_not_started');
    expect((await scoresOf(groupMembers[a]!, future.id))).toEqual({});
    expectProblem(await staffB.put(`/api/v1/org-life-sessions/${held.id}/attendance`, { entries: [] }), 404, 'not_found');
  });

  it('records make-up study for the absent and excused only, once', async () => {
    const withMakeUp = created<OrgLifeSessionDetail>(await staff.post(`/api/v1/org-life-sessions/${held.id}/make-ups`, { memberId: groupMembers[a]!, studiedOn: new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10), note: '观看会议录像并交心得' }));
    expect(withMakeUp.makeUpCount).toBe(1);
    expect(withMakeUp.attendees.find((x) => x.memberId === groupMembers[a])?.makeUp).toMatchObject({ note: '观看会议录像并交心得' });
    expectProblem(await staff.post(`/api/v1/org-life-sessions/${held.id}/make-ups`, { memberId: groupMembers[a]!, studiedOn: new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10) }), 409, 'org_life_make_up_exists');
    expectProblem(await staff.post(`/api/v1/org-life-sessions/${held.id}/make-ups`, { memberId: groupMembers[b]!, studiedOn: new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10) }), 422, 'org_life_make_up_not_absent');
    expectProblem(await staff.post(`/api/v1/org-life-sessions/${held.id}/make-ups`, { memberId: groupMembers[c]!, studiedOn: '2000-01-01' }), 422, 'org_life_make_up_date_invalid');
  });
});

describe('minutes, status and photos', () => {
  it('saves minutes; cancelling needs a reason and freezes the session', async () => {
    const s = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(branchA, 'party_lecture', 4 * DAY)));
    const withMinutes = ok<OrgLifeSessionDetail>(await staff.patch(`/api/v1/org-life-sessions/${s.id}`, { minutes: '书记讲授党课，与会党员交流发言。', location: '红色驿站' }));
    expect(withMinutes).toMatchObject({ minutes: '书记讲授党课，与会党员交流发言。', location: '红色驿站' });
    expectProblem(await staff.patch(`/api/v1/org-life-sessions/${s.id}`, { status: 'held' }), 422, 'org_life_session_not_started');
    expectProblem(await staff.patch(`/api/v1/org-life-sessions/${s.id}`, { status: 'cancelled' }), 422, 'org_life_cancel_reason_required');
    expect(ok<OrgLifeSessionDetail>(await staff.patch(`/api/v1/org-life-sessions/${s.id}`, { status: 'cancelled', cancelReason: '书记外出学习' }))).toMatchObject({ status: 'cancelled', cancelReason: '书记外出学习' });
    expectProblem(await staff.patch(`/api/v1/org-life-sessions/${s.id}`, { title: '改' }), 409, 'org_life_session_cancelled');
    expectProblem(await staffB.get(`/api/v1/org-life-sessions/${s.id}`), 404, 'not_found');
  });

  it('stores photos without EXIF and serves them only to readers of the session', async () => {
    const s = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', session(branchA, 'theme_day', -DAY)));
    const withGps = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'GridworkPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 46/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 44/1 0/1' } })
      .toBuffer();
    const boundary = '----org-life';
    const upload = (client: Client, bytes: Buffer) =>
      client.post(`/api/v1/org-life-sessions/${s.id}/photos`, Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    const photo = created<SessionPhoto>(await upload(staff, withGps));
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 320, height: 240 });
    expect(ok<SessionPhoto[]>(await staff.get(`/api/v1/org-life-sessions/${s.id}/photos`)).map((p) => p.id)).toEqual([photo.id]);
    const served = await staff.get(`/api/v1/org-life-sessions/${s.id}/photos/${photo.id}`);
    expect(served.statusCode).toBe(200);
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('GridworkPhone'))).toBe(false);
    for (const outsider of [staffB, gridA]) {
      expectProblem(await outsider.get(`/api/v1/org-life-sessions/${s.id}/photos/${photo.id}`), 404, 'not_found');
      expectProblem(await outsider.get(`/api/v1/org-life-sessions/${s.id}/photos`), 404, 'not_found');
    }
    expectProblem(await upload(staffB, withGps), 404, 'not_found');
    expectProblem(await upload(staff, Buffer.from('%PDF-1.7 not an image')), 415, 'photo_not_image');
    expect(ok<OrgLifeSessionDetail>(await staff.get(`/api/v1/org-life-sessions/${s.id}`)).photoCount).toBe(1);
  });
});

describe('completeness against configured frequencies', () => {
  it('counts held sessions per period, flags missing periods, and follows a changed frequency', async () => {
    // Last full year for a fresh group: two group meetings held in January and one in April.
    const year = new Date().getUTCFullYear() - 1;
    const heldOn = async (date: string) => {
      const s = created<OrgLifeSessionDetail>(await staff.post('/api/v1/org-life-sessions', { type: 'group_meeting', orgId: group, title: '党小组学习', startsAt: `${date}T09:00:00+08:00`, endsAt: `${date}T11:00:00+08:00` }));
      ok(await staff.put(`/api/v1/org-life-sessions/${s.id}/attendance`, { entries: s.attendees.map((x, i) => ({ memberId: x.memberId, status: i === 0 ? 'absent' : 'present' })) }));
    };
    await heldOn(`${year}-01-10`);
    await heldOn(`${year}-01-20`);
    await heldOn(`${year}-04-15`);
    const monthly = ok<CompletenessReport>(await staff.get(`/api/v1/org-life-sessions/completeness?orgId=${group}&year=${year}`));
    expect(monthly.orgs).toHaveLength(1);
    const line = monthly.orgs[0]!.lines[0]!;
    expect(line).toMatchObject({ type: 'group_meeting', period: 'month', requiredCount: 1, requiredTotal: 12, heldTotal: 3, missingPeriods: 10 });
    expect(line.periods[0]).toMatchObject({ label: `${year}-01`, held: 2, missing: false });
    expect(line.periods[1]).toMatchObject({ label: `${year}-02`, held: 0, missing: true });
    expect(monthly.orgs[0]!.attendanceRate).toBeGreaterThan(0);
    expect(monthly.orgs[0]!.attendanceRate).toBeLessThan(1);

    expectProblem(await staff.put('/api/v1/org-life-frequencies', { placeId: demo.gridA.id, items: [{ type: 'group_meeting', period: 'quarter', requiredCount: 1 }] }), 422, 'org_life_frequency_place');
    expectProblem(await staffB.put('/api/v1/org-life-frequencies', { placeId: demo.communityA.id, items: [{ type: 'group_meeting', period: 'quarter', requiredCount: 1 }] }), 404, 'not_found');
    const set = ok<OrgLifeFrequencies>(await staff.put('/api/v1/org-life-frequencies', { placeId: demo.communityA.id, items: [{ type: 'group_meeting', period: 'quarter', requiredCount: 1 }] }));
    expect(set.items.find((i) => i.type === 'group_meeting')).toMatchObject({ period: 'quarter', requiredCount: 1, setAt: demo.communityA.name });
    expect(set.items.find((i) => i.type === 'theme_day')).toMatchObject({ period: 'month', setAt: null });
    expect(ok<OrgLifeFrequencies>(await staff.get(`/api/v1/org-life-frequencies?placeId=${demo.gridA.id}`)).items.find((i) => i.type === 'group_meeting')).toMatchObject({ period: 'quarter' });
    expect(ok<OrgLifeFrequencies>(await staffB.get(`/api/v1/org-life-frequencies?placeId=${demo.communityB.id}`)).items.find((i) => i.type === 'group_meeting')).toMatchObject({ period: 'month', setAt: null });

    const quarterly = ok<CompletenessReport>(await staff.get(`/api/v1/org-life-sessions/completeness?orgId=${group}&year=${year}`));
    expect(quarterly.orgs[0]!.lines[0]).toMatchObject({ period: 'quarter', requiredTotal: 4, heldTotal: 3, missingPeriods: 2 });
    expect(quarterly.orgs[0]!.lines[0]!.periods.map((p) => p.missing)).toEqual([false, false, true, true]);

    // The whole community: grid A's branch is measured against the four branch session types.
    const community = ok<CompletenessReport>(await staff.get(`/api/v1/org-life-sessions/completeness?year=${year}`));
    const branchLine = community.orgs.find((o) => o.orgId === branchA)!;
    expect(branchLine.lines.map((l) => l.type).sort()).toEqual(['branch_committee_meeting', 'branch_general_meeting', 'party_lecture', 'theme_day']);
    expect(community.orgs.some((o) => o.orgId === branchB)).toBe(true);
    expectProblem(await staffB.get(`/api/v1/org-life-sessions/completeness?orgId=${group}`), 404, 'not_found');
  });
});

describe('reminders and export', () => {
  it('reminds required attendees with an account the day before, once', async () => {
    const tomorrowNoon = new Date(`${new Date(Date.now() + 8 * HOUR + DAY).toISOString().slice(0, 10)}T12:00:00+08:00`);
    const s = created<OrgLifeSessionDetail>(
      await staff.post('/api/v1/org-life-sessions', { type: 'branch_committee_meeting', orgId: branchA, title: '研究下月工作', startsAt: tomorrowNoon.toISOString(), endsAt: new Date(tomorrowNoon.getTime() + HOUR).toISOString() }),
    );
    const job = sessionReminderJob({ notifications: t.app.services.notifications });
    const reminders = async () => t.database.db.select().from(notifications).where(like(notifications.dedupeKey, `session-reminder:${s.id}:%`));
    expect((await runJobOnce(t.database.db, job))?.reminded).toBeGreaterThan(0);
    expect(await runJobOnce(t.database.db, job)).toEqual({ reminded: 0 });
    const sent = await reminders();
    // 张明 has an account; the committee member inserted for this test does not.
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'session-reminder' });
    const mine = (await member.get('/api/v1/notifications')).json<Page<{ title: string; kind: string }>>();
    expect(mine.items.filter((n) => n.kind === 'session-reminder').length).toBeGreaterThan(0);
    // Two days ahead: nothing yet.
    await runJobOnce(t.database.db, job, new Date(Date.now() - DAY));
    expect(await reminders()).toHaveLength(1);
  });

  it('exports the session records with attendance counts, audited', async () => {
    const response = await staff.get(`/api/v1/org-life-sessions/export?orgId=${group}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new (await loadExcel()).Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...ORG_LIFE_EXPORT_HEADERS]);
    const listed = ok<Page<OrgLifeSession>>(await staff.get(`/api/v1/org-life-sessions?orgId=${group}&limit=200`));
    expect(sheet.rowCount - 1).toBe(listed.items.length);
    const heldRow = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(heldRow[2]).toBe('党小组会');
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'org-life-session.export'));
    expect(audit).toBeDefined();
    expectProblem(await staffB.get(`/api/v1/org-life-sessions/export?orgId=${group}`), 404, 'not_found');
    expectProblem(await member.get('/api/v1/org-life-sessions/export'), 403, 'forbidden');
  });
});
