import { beforeAll, describe, expect, it } from 'vitest';
import type { Team, Volunteer, VolunteerStats } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { accountWithoutRecord, created, newResident, ok } from '../events/events.test-helpers';

let t: TestApp;
let staff: Client;
let gridA: Client;
let gridB: Client;
let staffB: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let building: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, gridA, gridB, staffB, resident] = (await Promise.all(['staff', 'gridA', 'gridB', 'staffB', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  building = demo.householdA.parentId!;
});

const ids = async (client: Client, url: string) => (await client.get(url)).json<Page<{ id: string }>>().items.map((v) => v.id);

describe('volunteers', () => {
  it('a resident registers themselves once, and sees only their own entry', async () => {
    const teams = ok<Page<Team>>(await resident.get('/api/v1/teams'));
    expect(teams.items.length).toBeGreaterThan(0);
    const me = created<Volunteer>(await resident.post('/api/v1/volunteers', { skills: ['书法', '书法'], availability: '周末', teamIds: [teams.items[0]!.id] }));
    expect(me).toMatchObject({ name: '李芳', skills: ['书法'], isMe: true, hours: 0, teams: [{ id: teams.items[0]!.id }] });
    expectProblem(await resident.post('/api/v1/volunteers', {}), 409, 'volunteer_already_registered');
    expect(await ids(resident, '/api/v1/volunteers?limit=200')).toEqual([me.id]);
    expect(await ids(staff, '/api/v1/volunteers?limit=200')).toContain(me.id);
    expect(await ids(gridA, `/api/v1/volunteers?limit=200&placeId=${demo.gridA.id}`)).toContain(me.id);
    expect(await ids(gridB, '/api/v1/volunteers?limit=200')).not.toContain(me.id);
    expect(await ids(staffB, '/api/v1/volunteers?limit=200')).not.toContain(me.id);
  });

  it('staff register someone from the register; residents cannot register others', async () => {
    const person = await newResident(staff, building, '志愿王');
    const v = created<Volunteer>(await staff.post('/api/v1/volunteers', { residentId: person, skills: ['驾驶'] }));
    expect(v).toMatchObject({ residentId: person, name: '志愿王', isMe: false });
    const other = await newResident(staff, building, '志愿赵');
    expectProblem(await resident.post('/api/v1/volunteers', { residentId: other }), 404, 'not_found');
    expectProblem(await staffB.post('/api/v1/volunteers', { residentId: other }), 404, 'not_found');
    expectProblem(await gridA.post('/api/v1/volunteers', { residentId: other }), 403, 'forbidden');
    expectProblem(await staff.post('/api/v1/volunteers', {}), 403, 'forbidden');
  });

  it('an account without a register entry is told so', async () => {
    const stranger = await accountWithoutRecord(t, staff, demo.householdA.id);
    expectProblem(await stranger.post('/api/v1/volunteers', {}), 422, 'resident_no_account');
  });
});

describe('teams', () => {
  it('are formed by staff with a colour, a leader and members', async () => {
    const person = await newResident(staff, building, '队员孙');
    const member = created<Volunteer>(await staff.post('/api/v1/volunteers', { residentId: person }));
    const team = created<Team>(await staff.post('/api/v1/teams', { name: '邻里调解队', colour: 'purple', placeId: demo.gridA.id, leaderResidentId: person, memberVolunteerIds: [member.id] }));
    expect(team).toMatchObject({ colour: 'purple', leaderName: '队员孙', memberCount: 1, members: [{ volunteerId: member.id, name: '队员孙' }], placeName: demo.gridA.name });
    expect(await ids(resident, '/api/v1/teams?limit=200')).toContain(team.id);
    expect(await ids(gridB, '/api/v1/teams?limit=200')).not.toContain(team.id);
    expect(ok<Page<Volunteer>>(await staff.get(`/api/v1/volunteers?q=${encodeURIComponent('队员孙')}`)).items[0]!.teams.map((x) => x.id)).toEqual([team.id]);
  });

  it('refuses a bad colour, a building, and people without volunteer.write', async () => {
    const body = { name: '夜间巡逻队', colour: 'silver', placeId: demo.gridA.id };
    expectProblem(await staff.post('/api/v1/teams', { ...body, colour: 'Red!' }), 400, 'validation_failed');
    expectProblem(await staff.post('/api/v1/teams', { ...body, placeId: building }), 422, 'team_place_invalid');
    expectProblem(await gridA.post('/api/v1/teams', body), 403, 'forbidden');
    expectProblem(await staffB.post('/api/v1/teams', body), 404, 'not_found');
  });
});

describe('statistics', () => {
  it('reports volunteers, the active share, hours, events by colour and type, and points for a place', async () => {
    const stats = ok<VolunteerStats>(await staff.get(`/api/v1/volunteers/stats?placeId=${demo.communityA.id}`));
    expect(stats.placeId).toBe(demo.communityA.id);
    expect(stats.volunteers).toBeGreaterThanOrEqual(10);
    expect(stats.activeShare).toBeGreaterThan(0.5);
    expect(stats.activeShare).toBeLessThanOrEqual(1);
    expect(stats.hours).toBeGreaterThan(0);
    expect(stats.hoursPerVolunteer).toBeCloseTo(stats.hours / stats.volunteers, 1);
    expect(stats.eventsByType.map((x) => x.type)).toEqual(expect.arrayContaining(['volunteer_service', 'lecture', 'theme_day']));
    expect(stats.eventsByColour.reduce((n, x) => n + x.count, 0)).toBe(stats.events);
    expect(stats.pointsIssued).toBeGreaterThan(0);
    // Points 李芳 spends count for community A, and only for A.
    const spentBefore = stats.pointsSpent;
    const lifang = (await t.app.services.residents.residentIdOf((await resident.get('/api/v1/auth/me')).json<{ id: string }>().id))!;
    await t.app.services.points.earn(t.database.db, { residentId: lifang, amount: 50, sourceType: 'test', sourceId: null, reason: '测试', actor: null, key: 'stats-earn' });
    await t.app.services.points.spend(t.database.db, { residentId: lifang, amount: 20, sourceType: 'redemption', sourceId: null, reason: '测试兑换', actor: null, key: 'stats-spend' });
    expect(ok<VolunteerStats>(await staff.get(`/api/v1/volunteers/stats?placeId=${demo.communityA.id}`)).pointsSpent).toBe(spentBefore + 20);
    expect(ok<VolunteerStats>(await staffB.get(`/api/v1/volunteers/stats?placeId=${demo.communityB.id}`)).pointsSpent).toBe(0);
    const grid = ok<VolunteerStats>(await gridA.get(`/api/v1/volunteers/stats?placeId=${demo.gridA.id}`));
    expect(grid.volunteers).toBeLessThanOrEqual(stats.volunteers);
    // A period with nothing in it.
    const empty = ok<VolunteerStats>(await staff.get(`/api/v1/volunteers/stats?placeId=${demo.communityA.id}&from=2000-01-01T00:00:00Z&to=2000-12-31T00:00:00Z`));
    expect(empty).toMatchObject({ volunteers: 0, activeVolunteers: 0, hours: 0, events: 0, pointsIssued: 0, pointsSpent: 0 });
    expectProblem(await gridB.get(`/api/v1/volunteers/stats?placeId=${demo.gridA.id}`), 404, 'not_found');
    expectProblem(await resident.get('/api/v1/volunteers/stats'), 403, 'forbidden');
  });
});
