import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Attendance, AttendanceSheet, CheckInCode, Event, LectureTopic, Signup } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { queryRows } from '../../db/sql';
import { accountWithoutRecord, created, eventBody, newResident, ok } from './events.test-helpers';

let t: TestApp;
let staff: Client;
let gridA: Client;
let gridB: Client;
let staffB: Client;
let member: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let building: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, gridA, gridB, staffB, member, resident] = (await Promise.all(['staff', 'gridA', 'gridB', 'staffB', 'member', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client, Client];
  building = demo.householdA.parentId!;
});

const publish = async (startInHours: number, hours: number, extra: Record<string, unknown> = {}) => created<Event>(await staff.post('/api/v1/events', eventBody(demo.gridA.id, startInHours, hours, extra)));
const signUp = async (client: Client, eventId: string, body: Record<string, unknown> = {}) => created<Signup>(await client.post(`/api/v1/events/${eventId}/signups`, body));
const count = async (table: string) => Number((await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]!.n);
const HOUR = 3_600_000;
const at = (event: Event, minutes: number) => new Date(new Date(event.startsAt).getTime() + minutes * 60_000).toISOString();

describe('events', () => {
  it('are published by an organiser and seen by the residents of the community, not by a sibling grid', async () => {
    const event = await publish(24, 3);
    expect(event).toMatchObject({ status: 'published', signedUp: 0, waitlisted: 0, mySignup: null, canManage: true, placeName: demo.gridA.name });
    for (const client of [resident, member, gridA]) {
      expect((await client.get('/api/v1/events?limit=200')).json<Page<Event>>().items.map((e) => e.id)).toContain(event.id);
      expect(ok<Event>(await client.get(`/api/v1/events/${event.id}`)).canManage).toBe(false);
    }
    for (const client of [gridB, staffB]) {
      expectProblem(await client.get(`/api/v1/events/${event.id}`), 404, 'not_found');
      expect((await client.get('/api/v1/events?limit=200')).json<Page<Event>>().items.map((e) => e.id)).not.toContain(event.id);
    }
  });

  it('refuses bad events: end before start, a building as place, organising without event.write', async () => {
    const body = eventBody(demo.gridA.id, 24, 2);
    expectProblem(await staff.post('/api/v1/events', { ...body, endsAt: body.startsAt }), 400, 'validation_failed');
    expectProblem(await staff.post('/api/v1/events', { ...body, placeId: building }), 422, 'event_place_invalid');
    expectProblem(await gridA.post('/api/v1/events', body), 403, 'forbidden');
    expectProblem(await resident.post('/api/v1/events', body), 403, 'forbidden');
    expectProblem(await staffB.post('/api/v1/events', body), 404, 'not_found');
  });

  it('keeps drafts from residents and creates once per Idempotency-Key', async () => {
    const key = `event-${Date.now()}`;
    const draft = created<Event>(await staff.post('/api/v1/events', eventBody(demo.gridA.id, 48, 2, { status: 'draft' }), { 'idempotency-key': key }));
    const again = await staff.post('/api/v1/events', eventBody(demo.gridA.id, 48, 2, { status: 'draft' }), { 'idempotency-key': key });
    expect(again.json<Event>().id).toBe(draft.id);
    expect(draft.status).toBe('draft');
    expectProblem(await resident.get(`/api/v1/events/${draft.id}`), 404, 'not_found');
    expect(ok<Event>(await gridA.get(`/api/v1/events/${draft.id}`)).status).toBe('draft');
  });
});

describe('editing', () => {
  const patch = (client: Client, id: string, body: Record<string, unknown>) => client.patch(`/api/v1/events/${id}`, body);
  const audits = async (id: string) => (await queryRows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE entity_id = ${id} ORDER BY seq`)).map((r) => r.action);

  it('changes the fields an organiser sends, checks the time rules on the merged event, and is audited', async () => {
    const event = await publish(300, 2);
    const startsAt = new Date(Date.parse(event.startsAt) + HOUR).toISOString();
    const endsAt = new Date(Date.parse(event.endsAt) + 2 * HOUR).toISOString();
    const edited = ok<Event>(await patch(staff, event.id, { title: '楼道清理（改期）', type: 'culture_sports', colour: 'orange', address: null, startsAt, endsAt, capacity: 25, pointsPerHour: 15, description: '带手套' }));
    expect(edited).toMatchObject({ title: '楼道清理（改期）', type: 'culture_sports', colour: 'orange', address: null, capacity: 25, pointsPerHour: 15, description: '带手套', status: 'published' });
    expect([edited.startsAt, edited.endsAt]).toEqual([new Date(startsAt).toISOString(), new Date(endsAt).toISOString()]);
    expect(await audits(event.id)).toEqual(['event.create', 'event.update']);
    // Only the end, before the stored start: refused like a bad creation, and nothing changes.
    expectProblem(await patch(staff, event.id, { endsAt: event.startsAt }), 400, 'validation_failed');
    expectProblem(await patch(staff, event.id, { signupClosesAt: new Date(Date.parse(endsAt) + HOUR).toISOString() }), 400, 'validation_failed');
    expectProblem(await patch(staff, event.id, {}), 400, 'validation_failed');
    expect(ok<Event>(await staff.get(`/api/v1/events/${event.id}`)).endsAt).toBe(edited.endsAt);
  });

  it('publishes a draft, which residents then see; a published event cannot go back to draft', async () => {
    const draft = await publish(310, 2, { status: 'draft' });
    expectProblem(await resident.get(`/api/v1/events/${draft.id}`), 404, 'not_found');
    expect(ok<Event>(await patch(staff, draft.id, { status: 'published' })).status).toBe('published');
    expect(ok<Event>(await resident.get(`/api/v1/events/${draft.id}`)).status).toBe('published');
    const problem = expectProblem(await patch(staff, draft.id, { status: 'draft' }), 409, 'event_status_transition');
    expect(problem.detail).toContain('草稿');
    expect(await audits(draft.id)).toEqual(['event.create', 'event.publish']);
  });

  it('cancels: everyone signed up with an account is notified, and the event is then closed to edits and sign-ups', async () => {
    const event = await publish(320, 2, { capacity: 1 });
    await signUp(resident, event.id);
    await signUp(member, event.id);
    expect(ok<Event>(await patch(staff, event.id, { status: 'cancelled' })).status).toBe('cancelled');
    for (const client of [resident, member]) {
      const items = (await client.get('/api/v1/notifications?limit=50')).json<Page<{ kind: string; link: string | null; title: string }>>().items;
      expect(items.filter((n) => n.kind === 'event-cancelled' && n.link === `/events/${event.id}`)).toHaveLength(1);
    }
    expectProblem(await patch(staff, event.id, { title: '再改一次' }), 409, 'event_cancelled_readonly');
    expectProblem(await patch(staff, event.id, { status: 'published' }), 409, 'event_cancelled_readonly');
    expectProblem(await staff.post(`/api/v1/events/${event.id}/signups`, { residentId: await newResident(staff, building, '取消后报名') }), 409, 'event_not_open');
    expect(await audits(event.id)).toContain('event.cancel');
  });

  it('refuses a capacity below the confirmed sign-ups; a larger one moves the waiting list up', async () => {
    const event = await publish(330, 2, { capacity: 2 });
    const [a, b, c] = [await newResident(staff, building, '名额甲'), await newResident(staff, building, '名额乙'), await newResident(staff, building, '名额丙')];
    for (const id of [a, b]) await signUp(staff, event.id, { residentId: id });
    await signUp(resident, event.id);
    await signUp(staff, event.id, { residentId: c });
    const problem = expectProblem(await patch(staff, event.id, { capacity: 1 }), 422, 'event_capacity_below_signups');
    expect(problem.detail).toContain('2');
    expect(ok<Event>(await staff.get(`/api/v1/events/${event.id}`)).capacity).toBe(2);
    expect(ok<Event>(await patch(staff, event.id, { capacity: 3 }))).toMatchObject({ capacity: 3, signedUp: 3, waitlisted: 1 });
    expect(ok<Event>(await resident.get(`/api/v1/events/${event.id}`)).mySignup).toMatchObject({ status: 'confirmed', position: null });
    const sheet = ok<AttendanceSheet>(await staff.get(`/api/v1/events/${event.id}/attendance`));
    expect(sheet.rows.find((r) => r.residentId === c)).toMatchObject({ signupStatus: 'waitlisted', position: 1 });
    const items = (await resident.get('/api/v1/notifications?limit=50')).json<Page<{ kind: string; link: string | null }>>().items;
    expect(items.some((n) => n.kind === 'event-promoted' && n.link === `/events/${event.id}`)).toBe(true);
  });

  it('is only for organisers in scope: 404 outside it, 403 for those who only see the event', async () => {
    const event = await publish(340, 2);
    const draft = await publish(341, 2, { status: 'draft' });
    for (const client of [staffB, gridB]) expectProblem(await patch(client, event.id, { title: '越权修改' }), 404, 'not_found');
    // Residents and grid workers see a published event but do not organise it, as for the check-in code.
    for (const client of [resident, member, gridA]) expectProblem(await patch(client, event.id, { title: '越权修改' }), 403, 'forbidden');
    expectProblem(await resident.patch(`/api/v1/events/${draft.id}`, { status: 'published' }), 404, 'not_found');
    expect(ok<Event>(await staff.get(`/api/v1/events/${event.id}`)).title).toBe(event.title);
    expect(await audits(event.id)).toEqual(['event.create']);
  });
});

describe('sign-up', () => {
  it('fills the capacity, then a waiting list; a cancellation moves the first waiting person up', async () => {
    const event = await publish(30, 2, { capacity: 1 });
    const third = await newResident(staff, building, '候补三');
    const mine = await signUp(resident, event.id);
    expect(mine).toMatchObject({ status: 'confirmed', position: null, residentName: '李芳' });
    expect((await signUp(member, event.id)).position).toBe(1);
    expect(await signUp(staff, event.id, { residentId: third })).toMatchObject({ status: 'waitlisted', position: 2 });
    expectProblem(await resident.post(`/api/v1/events/${event.id}/signups`, {}), 409, 'event_already_signed_up');
    expect(ok<Event>(await resident.get(`/api/v1/events/${event.id}`))).toMatchObject({ signedUp: 1, waitlisted: 2, mySignup: { id: mine.id, status: 'confirmed' } });

    expect(ok<Signup>(await resident.post(`/api/v1/events/${event.id}/signups/${mine.id}/cancel`)).status).toBe('cancelled');
    expect(ok<Event>(await member.get(`/api/v1/events/${event.id}`)).mySignup).toMatchObject({ status: 'confirmed', position: null });
    const promoted = (await member.get('/api/v1/notifications?limit=50')).json<Page<{ kind: string; link: string | null }>>().items;
    expect(promoted.some((n) => n.kind === 'event-promoted' && n.link === `/events/${event.id}`)).toBe(true);
    const sheet = ok<AttendanceSheet>(await staff.get(`/api/v1/events/${event.id}/attendance`));
    expect(sheet.rows.map((r) => [r.residentId === third, r.signupStatus, r.position])).toEqual([
      [false, 'confirmed', null],
      [true, 'waitlisted', 1],
    ]);
    expectProblem(await resident.post(`/api/v1/events/${event.id}/signups/${mine.id}/cancel`), 409, 'event_signup_not_active');
    // Someone else's sign-up is not the resident's to cancel.
    const memberSignup = ok<Event>(await member.get(`/api/v1/events/${event.id}`)).mySignup!;
    expectProblem(await resident.post(`/api/v1/events/${event.id}/signups/${memberSignup.id}/cancel`), 404, 'not_found');
    // After cancelling, signing up again is allowed (and lands on the waiting list).
    expect((await signUp(resident, event.id)).status).toBe('waitlisted');
  });

  it('refuses sign-up outside the window, writing nothing', async () => {
    const later = await publish(72, 2, { signupOpensAt: new Date(Date.now() + 24 * HOUR).toISOString() });
    const before = await count('event_signups');
    const problem = expectProblem(await resident.post(`/api/v1/events/${later.id}/signups`, {}), 422, 'event_signup_closed');
    expect(problem.detail).toContain('报名');
    expect(await count('event_signups')).toBe(before);
  });

  it('needs a register entry for the account', async () => {
    const stranger = await accountWithoutRecord(t, staff, demo.householdA.id);
    const event = await publish(80, 2);
    expectProblem(await stranger.post(`/api/v1/events/${event.id}/signups`, {}), 422, 'resident_no_account');
  });

  it('lets exactly one of two simultaneous sign-ups take the last place', async () => {
    const event = await publish(90, 2, { capacity: 1 });
    const [a, b] = await Promise.all([resident.post(`/api/v1/events/${event.id}/signups`, {}), member.post(`/api/v1/events/${event.id}/signups`, {})]);
    expect([a.json<Signup>().status, b.json<Signup>().status].sort()).toEqual(['confirmed', 'waitlisted']);
  });
});

describe('check-in and check-out', () => {
  it('by the organiser’s code: only confirmed sign-ups, once, and never check-out before check-in', async () => {
    const event = await publish(-1, 3, { capacity: 1 });
    await signUp(member, event.id);
    await signUp(resident, event.id);
    const { code } = ok<CheckInCode>(await staff.get(`/api/v1/events/${event.id}/check-in-code`));
    expect(code).toMatch(/^\d{6}$/);
    expectProblem(await gridA.get(`/api/v1/events/${event.id}/check-in-code`), 403, 'forbidden');
    expectProblem(await resident.post(`/api/v1/events/${event.id}/check-in`, { code }), 422, 'event_not_signed_up');
    expectProblem(await member.post(`/api/v1/events/${event.id}/check-out`, { code }), 422, 'event_not_checked_in');
    expectProblem(await member.post(`/api/v1/events/${event.id}/check-in`, {}), 422, 'event_check_in_code_required');
    const wrong = code === '000000' ? '111111' : '000000';
    expectProblem(await member.post(`/api/v1/events/${event.id}/check-in`, { code: wrong }), 422, 'event_check_in_code_invalid');
    expectProblem(await member.post(`/api/v1/events/${event.id}/check-in`, { code, at: new Date().toISOString() }), 403, 'forbidden');
    expect(ok<Attendance>(await member.post(`/api/v1/events/${event.id}/check-in`, { code })).status).toBe('checked_in');
    expectProblem(await member.post(`/api/v1/events/${event.id}/check-in`, { code }), 409, 'event_already_checked_in');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ok<Attendance>(await member.post(`/api/v1/events/${event.id}/check-out`, { code })).status).toBe('checked_out');
    expectProblem(await member.post(`/api/v1/events/${event.id}/check-out`, { code }), 409, 'event_already_checked_out');
    expect(ok<Event>(await member.get(`/api/v1/events/${event.id}`)).myAttendance).toMatchObject({ status: 'checked_out', checkOutAt: expect.any(String) });
  });

  it('shows the resident their own attendance with the event, so a reload keeps it', async () => {
    const event = await publish(-1, 3);
    await signUp(member, event.id);
    await signUp(resident, event.id);
    expect(ok<Event>(await member.get(`/api/v1/events/${event.id}`)).myAttendance).toBeNull();
    const { code } = ok<CheckInCode>(await staff.get(`/api/v1/events/${event.id}/check-in-code`));
    const attendance = ok<Attendance>(await member.post(`/api/v1/events/${event.id}/check-in`, { code }));
    expect(ok<Event>(await member.get(`/api/v1/events/${event.id}`)).myAttendance).toEqual(attendance);
    // In the list too, and never someone else's.
    expect((await member.get('/api/v1/events?mine=true&limit=200')).json<Page<Event>>().items.find((e) => e.id === event.id)?.myAttendance?.status).toBe('checked_in');
    expect(ok<Event>(await resident.get(`/api/v1/events/${event.id}`)).myAttendance).toBeNull();
    expect(ok<Event>(await staff.get(`/api/v1/events/${event.id}`)).myAttendance).toBeNull();
  });

  it('computes hours clipped to the event and rounded to half hours; a check-out before the check-in is refused', async () => {
    const event = await publish(100, 3);
    const [a, b] = [await newResident(staff, building, '时长甲'), await newResident(staff, building, '时长乙')];
    for (const id of [a, b]) await signUp(staff, event.id, { residentId: id });
    ok(await staff.post(`/api/v1/events/${event.id}/check-in`, { residentId: a, at: at(event, -30) }));
    expectProblem(await staff.post(`/api/v1/events/${event.id}/check-out`, { residentId: a, at: at(event, -40) }), 422, 'event_check_out_before_check_in');
    // 09:00 (clipped from 08:30) to 10:50 = 110 min → 2 h.
    expect(ok<Attendance>(await staff.post(`/api/v1/events/${event.id}/check-out`, { residentId: a, at: at(event, 110) })).hours).toBe(2);
    ok(await staff.post(`/api/v1/events/${event.id}/check-in`, { residentId: b, at: at(event, 20) }));
    // 09:20 to 12:00 (clipped from 13:00) = 160 min → 2.5 h.
    expect(ok<Attendance>(await staff.post(`/api/v1/events/${event.id}/check-out`, { residentId: b, at: at(event, 240) })).hours).toBe(2.5);
    expectProblem(await gridA.post(`/api/v1/events/${event.id}/check-in`, { residentId: a }), 403, 'forbidden');
  });

  it('refuses hours that overlap hours already counted at another event, leaving the attendance open', async () => {
    const first = await publish(120, 3);
    const second = await publish(121, 3, { title: '同时段的另一活动' });
    const person = await newResident(staff, building, '重叠丙');
    for (const e of [first, second]) await signUp(staff, e.id, { residentId: person });
    ok(await staff.post(`/api/v1/events/${first.id}/check-in`, { residentId: person, at: at(first, 0) }));
    ok(await staff.post(`/api/v1/events/${first.id}/check-out`, { residentId: person, at: at(first, 180) }));
    ok(await staff.post(`/api/v1/events/${second.id}/check-in`, { residentId: person, at: at(second, 0) }));
    const problem = expectProblem(await staff.post(`/api/v1/events/${second.id}/check-out`, { residentId: person, at: at(second, 120) }), 422, 'event_hours_overlap');
    expect(problem.detail).toContain('楼道清理志愿服务');
    const row = ok<AttendanceSheet>(await staff.get(`/api/v1/events/${second.id}/attendance`)).rows.find((r) => r.residentId === person)!;
    expect(row.attendance).toMatchObject({ status: 'checked_in', checkOutAt: null, hours: null });
  });
});

describe('confirmation', () => {
  it('awards hours × points per hour through the ledger, once', async () => {
    const event = await publish(140, 3, { pointsPerHour: 12 });
    const signup = await signUp(resident, event.id);
    const residentId = signup.residentId;
    const balance = async () => ok<{ balance: number }>(await staff.get(`/api/v1/points/accounts/${residentId}`)).balance;
    const before = await balance();
    ok(await staff.post(`/api/v1/events/${event.id}/check-in`, { residentId, at: at(event, 0) }));
    const open = ok<AttendanceSheet>(await staff.get(`/api/v1/events/${event.id}/attendance`)).rows[0]!.attendance!;
    expectProblem(await staff.post(`/api/v1/events/${event.id}/attendance/${open.id}/confirm`), 409, 'event_attendance_not_checked_out');
    ok(await staff.post(`/api/v1/events/${event.id}/check-out`, { residentId, at: at(event, 150) }));
    expectProblem(await gridA.post(`/api/v1/events/${event.id}/attendance/${open.id}/confirm`), 403, 'forbidden');
    const confirmed = ok<Attendance>(await staff.post(`/api/v1/events/${event.id}/attendance/${open.id}/confirm`));
    expect(confirmed).toMatchObject({ status: 'confirmed', hours: 2.5, points: 30 });
    expect(await balance()).toBe(before + 30);
    expectProblem(await staff.post(`/api/v1/events/${event.id}/attendance/${open.id}/confirm`), 409, 'event_attendance_confirmed');
    expect(await balance()).toBe(before + 30);
    const entries = ok<{ entries: { sourceType: string; sourceId: string | null; reason: string | null }[] }>(await staff.get(`/api/v1/points/accounts/${residentId}`)).entries;
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ sourceType: 'event-attendance', sourceId: open.id, reason: '楼道清理志愿服务 志愿服务 2.5 小时' })]));
  });
});

describe('lecture topics (菜单式讲堂)', () => {
  it('are proposed by residents, voted once per person and listed most voted first', async () => {
    const topic = created<LectureTopic>(await resident.post('/api/v1/lecture-topics', { title: '智能手机防诈骗', description: '教老人识别诈骗短信' }));
    expect(topic).toMatchObject({ placeId: demo.communityA.id, votes: 0, proposerName: '居民李芳' });
    expect(ok<LectureTopic>(await member.post(`/api/v1/lecture-topics/${topic.id}/votes`))).toMatchObject({ votes: 1, votedByMe: true });
    expect(ok<LectureTopic>(await resident.post(`/api/v1/lecture-topics/${topic.id}/votes`)).votes).toBe(2);
    expectProblem(await resident.post(`/api/v1/lecture-topics/${topic.id}/votes`), 409, 'lecture_topic_already_voted');
    const list = (await gridA.get('/api/v1/lecture-topics?limit=200')).json<Page<LectureTopic>>().items;
    expect(list.map((t) => t.id)).toContain(topic.id);
    expect(list.map((t) => t.votes)).toEqual([...list.map((t) => t.votes)].sort((a, b) => b - a));
    expectProblem(await staffB.post(`/api/v1/lecture-topics/${topic.id}/votes`), 404, 'not_found');
  });
});

/** RFC 5545 §3.1: remove CRLF followed by one space or tab. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
/** RFC 5545 §3.3.11 TEXT unescaping. */
const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

interface Component {
  name: string;
  props: Map<string, string[]>;
  children: Component[];
}

/** A strict structural parse: content lines, properly nested BEGIN/END, no stray text. */
function parseCalendar(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
  const stack: Component[] = [];
  let root: Component | undefined;
  for (const line of unfold(text).slice(0, -2).split('\r\n')) {
    const match = /^([A-Z-]+)(;[^:]*)?:(.*)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, name, , value] = match!;
    if (name === 'BEGIN') {
      const component: Component = { name: value!, props: new Map(), children: [] };
      stack[stack.length - 1]?.children.push(component);
      stack.push(component);
    } else if (name === 'END') {
      const open = stack.pop();
      expect(open?.name).toBe(value);
      if (stack.length === 0) root = open;
    } else {
      expect(stack.length, line).toBeGreaterThan(0);
      const props = stack[stack.length - 1]!.props;
      props.set(name!, [...(props.get(name!) ?? []), value!]);
    }
  }
  expect(stack).toHaveLength(0);
  return root!;
}

describe('the iCalendar feed', () => {
  it('serves the community’s published events without login, as valid RFC 5545', async () => {
    const title = '讲座：法律咨询, 家庭; 继承\\遗嘱 —— 一个很长很长很长很长很长的标题用来测试折行是否正确处理多字节字符';
    const description = '第一行：带上身份证,户口本;\n第二行：路径 C:\\temp';
    const event = await publish(200, 2, { title: title.slice(0, 60), type: 'lecture', colour: 'red', description });
    const draft = await publish(210, 2, { status: 'draft', title: '草稿活动不应出现' });
    const response = await t.anonymous().get(`/api/v1/events/calendar.ics?communityId=${demo.communityA.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = parseCalendar(response.body);
    expect(calendar.name).toBe('VCALENDAR');
    expect(calendar.props.get('VERSION')).toEqual(['2.0']);
    expect(calendar.props.get('PRODID')?.[0]).toBeTruthy();
    expect(calendar.props.get('CALSCALE')).toEqual(['GREGORIAN']);
    const vevents = calendar.children.filter((c) => c.name === 'VEVENT');
    expect(vevents.length).toBeGreaterThan(1);
    for (const e of vevents) {
      for (const prop of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY']) expect(e.props.get(prop), prop).toHaveLength(1);
      for (const prop of ['DTSTAMP', 'DTSTART', 'DTEND']) expect(e.props.get(prop)![0]).toMatch(/^\d{8}T\d{6}Z$/);
    }
    const uids = vevents.map((e) => e.props.get('UID')![0]);
    expect(new Set(uids).size).toBe(uids.length);
    const mine = vevents.find((e) => e.props.get('UID')![0] === `${event.id}@gridwork`)!;
    expect(unescapeText(mine.props.get('SUMMARY')![0]!)).toBe(title.slice(0, 60));
    expect(unescapeText(mine.props.get('DESCRIPTION')![0]!)).toBe(description);
    expect(unescapeText(mine.props.get('LOCATION')![0]!)).toBe('3号楼门口');
    expect(mine.props.get('CATEGORIES')![0]).toBe('大讲堂,红');
    const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(mine.props.get('DTSTART')![0]).toBe(utc(event.startsAt));
    expect(mine.props.get('DTEND')![0]).toBe(utc(event.endsAt));
    expect(uids).not.toContain(`${draft.id}@gridwork`);
    // A standard parser (Mozilla's ical.js) reads the same feed the same way.
    const parsed = new ICAL.Component(ICAL.parse(response.body));
    const parsedEvents = parsed.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(parsedEvents).toHaveLength(vevents.length);
    const parsedMine = parsedEvents.find((e) => e.uid === `${event.id}@gridwork`)!;
    expect(parsedMine.summary).toBe(title.slice(0, 60));
    expect(parsedMine.description).toBe(description);
    expect(parsedMine.startDate.toJSDate().toISOString()).toBe(new Date(event.startsAt).toISOString());
    expect(parsedMine.endDate.toJSDate().toISOString()).toBe(new Date(event.endsAt).toISOString());
    // Community B's feed does not carry community A's events.
    const other = parseCalendar((await t.anonymous().get(`/api/v1/events/calendar.ics?communityId=${demo.communityB.id}`)).body);
    expect(other.children.map((c) => c.props.get('UID')?.[0])).not.toContain(`${event.id}@gridwork`);
  });

  it('answers 404 for a place that is not a community, and 400 without one', async () => {
    expectProblem(await t.anonymous().get(`/api/v1/events/calendar.ics?communityId=${demo.gridA.id}`), 404, 'not_found');
    expectProblem(await t.anonymous().get('/api/v1/events/calendar.ics'), 400, 'validation_failed');
  });
});
