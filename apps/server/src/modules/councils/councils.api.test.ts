import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilAgendaItem, ServiceRequest } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let gridB: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridA, gridB, resident] = (await Promise.all(['staff', 'staffB', 'gridA', 'gridB', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
});

const raise = async (client: Client, body: Record<string, unknown>) => {
  const response = await client.post('/api/v1/requests', { category: 'facilities.elevator', description: '3号楼老人多，希望加装电梯，需要全楼居民协商', ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ServiceRequest>();
};
const act = async (client: Client, id: string, body: Record<string, unknown>) => {
  const response = await client.post(`/api/v1/requests/${id}/transitions`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ServiceRequest>();
};
const agendaOf = async (client: Client, requestId: string) => (await client.get(`/api/v1/council-agenda?requestId=${requestId}`)).json<Page<CouncilAgendaItem>>().items;
const ok = (response: Awaited<ReturnType<Client['post']>>) => {
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CouncilAgendaItem>();
};

describe('major matters on the council agenda (红色议事会)', () => {
  it('puts a request on its community’s agenda only once staff confirm it as major', async () => {
    const request = await raise(resident, {});
    expect(request).toMatchObject({ triage: 'major', triageConfirmed: false });
    // Not on the agenda yet: the request filter answers 404, as for a request out of scope.
    expectProblem(await staff.get(`/api/v1/council-agenda?requestId=${request.id}`), 404, 'not_found');
    await act(staff, request.id, { action: 'accept', triage: 'major' });
    const [item] = await agendaOf(staff, request.id);
    expect(item).toMatchObject({ status: 'proposed', communityId: demo.communityA.id, communityName: demo.communityA.name, requestReference: request.reference, decision: null });
    // Confirming it again (assign) does not put it on the agenda twice.
    await act(staff, request.id, { action: 'assign', triage: 'major', ownerUnit: '社区居委会' });
    expect(await agendaOf(staff, request.id)).toHaveLength(1);
    // The grid worker of the grid reads it; the neighbouring grid and community do not.
    expect(await agendaOf(gridA, request.id)).toHaveLength(1);
    expect((await gridB.get('/api/v1/council-agenda')).json<Page<CouncilAgendaItem>>().items.map((i) => i.id)).not.toContain(item!.id);
    expectProblem(await staffB.get(`/api/v1/council-agenda/${item!.id}`), 404, 'not_found');
    expectProblem(await staffB.get(`/api/v1/council-agenda?placeId=${demo.communityA.id}`), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/council-agenda?requestId=${request.id}`), 404, 'not_found');
    expectProblem(await staff.get('/api/v1/council-agenda?requestId=00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    expect((await staff.get(`/api/v1/council-agenda?placeId=${demo.gridA.id}&status=proposed`)).json<Page<CouncilAgendaItem>>().items.map((i) => i.id)).toContain(item!.id);
  });

  it('goes scheduled → decided, refuses a decision before a meeting date and any change after', async () => {
    const request = await raise(staff, { channel: 'counter', placeId: demo.householdA.parentId, triage: 'major' });
    const [item] = await agendaOf(staff, request.id);
    expect(item!.status).toBe('proposed');
    expectProblem(await staff.post(`/api/v1/council-agenda/${item!.id}/decision`, { decision: '同意加装' }), 409, 'council_item_not_scheduled');
    expectProblem(await staff.post(`/api/v1/council-agenda/${item!.id}/schedule`, { meetingOn: '2026-02-30' }), 400, 'validation_failed');
    expectProblem(await gridA.post(`/api/v1/council-agenda/${item!.id}/schedule`, { meetingOn: '2026-12-05' }), 403, 'forbidden');
    expect(ok(await staff.post(`/api/v1/council-agenda/${item!.id}/schedule`, { meetingOn: '2026-12-05' }))).toMatchObject({ status: 'scheduled', meetingOn: '2026-12-05' });
    expectProblem(await staff.post(`/api/v1/council-agenda/${item!.id}/decision`, { decision: '  ' }), 400, 'validation_failed');
    const decided = ok(await staff.post(`/api/v1/council-agenda/${item!.id}/decision`, { decision: '经居民代表协商，同意加装电梯，费用按楼层分摊' }));
    expect(decided).toMatchObject({ status: 'decided', decision: '经居民代表协商，同意加装电梯，费用按楼层分摊', decidedBy: '社区工作人员（A社区）' });
    expectProblem(await staff.post(`/api/v1/council-agenda/${item!.id}/decision`, { decision: '改为不加装' }), 409, 'council_item_closed');
    expect((await staff.get(`/api/v1/council-agenda/${item!.id}`)).json<CouncilAgendaItem>().decision).toBe('经居民代表协商，同意加装电梯，费用按楼层分摊');
    const audit = (await t.login('auditor')).get(`/api/v1/audit?entityId=${item!.id}`);
    expect((await audit).json<Page<{ action: string }>>().items.map((e) => e.action)).toEqual(expect.arrayContaining(['council-item.schedule', 'council-item.decide']));
  });

  it('withdraws an undecided item when staff re-triage the request, and brings it back when it is major again', async () => {
    const request = await raise(staff, { channel: 'counter', placeId: demo.householdA.parentId, triage: 'major' });
    await act(staff, request.id, { action: 'accept', triage: 'minor' });
    expect((await agendaOf(staff, request.id))[0]).toMatchObject({ status: 'withdrawn', withdrawnReason: '三事分流改为非大事' });
    const [withdrawn] = await agendaOf(staff, request.id);
    expectProblem(await staff.post(`/api/v1/council-agenda/${withdrawn!.id}/schedule`, { meetingOn: '2026-12-05' }), 409, 'council_item_closed');
    await act(staff, request.id, { action: 'assign', triage: 'major', ownerUnit: '社区居委会' });
    expect((await agendaOf(staff, request.id))[0]).toMatchObject({ id: withdrawn!.id, status: 'proposed', withdrawnReason: null });
  });
});
