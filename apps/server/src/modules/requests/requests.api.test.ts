import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EchoWall, Notification, Place, RequestStats, ServiceRequest, ServiceRequestSummary, StagedPhoto } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { runJobOnce } from '../../platform/jobs/scheduler';
import { deadlineJob } from './requests.deadlines';
import { foldStatsJob } from './requests.stats';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let gridB: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
/** A point inside a small grid under grid A, and that grid. */
let pointA: { lng: number; lat: number };
let smallGridA: Place;

function centreOf(place: Place) {
  const ring = (place.boundary!.coordinates as number[][][])[0]!;
  const lngs = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return { lng: (Math.min(...lngs) + Math.max(...lngs)) / 2, lat: (Math.min(...lats) + Math.max(...lats)) / 2 };
}

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridA, gridB, resident] = (await Promise.all(['staff', 'staffB', 'gridA', 'gridB', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  smallGridA = (await staff.get(`/api/v1/places?parentId=${demo.gridA.id}&type=grid`)).json<Page<Place>>().items.find((p) => p.boundary)!;
  pointA = centreOf(smallGridA);
});

const raise = async (client: Client, body: Record<string, unknown>, headers?: Record<string, string>) => client.post('/api/v1/requests', { category: 'facilities.lighting', description: '路口的路灯晚上不亮，老人走路不安全', ...body }, headers);
const created = (response: Awaited<ReturnType<Client['post']>>) => {
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ServiceRequest>();
};
const act = async (client: Client, id: string, body: Record<string, unknown>) => client.post(`/api/v1/requests/${id}/transitions`, body);
const ok = (response: Awaited<ReturnType<Client['post']>>) => {
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ServiceRequest>();
};
const gridAWorkerId = async () => (await gridA.get('/api/v1/auth/me')).json<{ id: string }>().id;

describe('intake puts a request in the right grid', () => {
  it('uses the grid that contains the location', async () => {
    const request = created(await raise(resident, { location: pointA, address: '朝阳路与和平街交口' }));
    expect(request).toMatchObject({ status: 'submitted', placeId: smallGridA.id, category: 'facilities.lighting', triage: 'minor', triageConfirmed: false, reporterIsMe: true, channel: 'mobile' });
    expect(request.reference).toMatch(/^GW\d{8}$/);
    expect(request.history.map((h) => h.kind)).toEqual(['create']);
  });

  it('answers the intake with exactly what reading the request back shows', async () => {
    for (const [client, body] of [
      [resident, { location: pointA, contactName: '王阿姨', contactPhone: '13912345678', anonymous: false }],
      [gridA, { channel: 'patrol', placeId: demo.householdA.parentId!, urgency: 'urgent', triage: 'private' }],
      [resident, { location: pointA, anonymous: true, publicConsent: false }],
    ] as const) {
      const answer = created(await raise(client, body));
      const readBack = (await client.get(`/api/v1/requests/${answer.id}`)).json<ServiceRequest>();
      expect(answer).toEqual(readBack);
    }
  });

  it('audits the intake with the request’s reference, in the same write', async () => {
    const request = created(await raise(gridA, { channel: 'patrol', placeId: demo.householdA.parentId! }));
    const auditor = await t.login('auditor');
    const entries = (await auditor.get(`/api/v1/audit?entityId=${request.id}`)).json<Page<{ action: string; actorName: string; before: unknown; after: Record<string, unknown> }>>().items;
    expect(entries).toEqual([
      expect.objectContaining({ action: 'request.create', before: null, after: { reference: request.reference, category: 'facilities.lighting', channel: 'patrol', placeId: request.placeId, triage: request.triage } }),
    ]);
    expect((await auditor.get('/api/v1/audit/verify')).json<{ ok: boolean }>().ok).toBe(true);
  });

  it('places requests by a grid drawn or redrawn a moment ago', async () => {
    const square = (lng: number, lat: number, r: number) => ({ type: 'Polygon', coordinates: [[[lng - r, lat - r], [lng + r, lat - r], [lng + r, lat + r], [lng - r, lat + r], [lng - r, lat - r]]] });
    created(await raise(resident, { location: pointA })); // the grids are now in memory
    const drawn = await staff.post('/api/v1/places', { parentId: smallGridA.id, type: 'grid', name: '新划微网格', boundary: square(pointA.lng, pointA.lat, 0.0001) });
    expect(drawn.statusCode, drawn.body).toBe(201);
    const tiny = drawn.json<Place>();
    expect(created(await raise(resident, { location: pointA })).placeId).toBe(tiny.id);
    const redrawn = await staff.patch(`/api/v1/places/${tiny.id}`, { boundary: square(pointA.lng + 0.0005, pointA.lat, 0.0001) });
    expect(redrawn.statusCode, redrawn.body).toBe(200);
    expect(created(await raise(resident, { location: pointA })).placeId).toBe(smallGridA.id);
  });

  it('uses the grid of a named building, then the reporter’s own place', async () => {
    const building = demo.householdA.parentId!;
    const viaBuilding = created(await raise(gridA, { channel: 'patrol', placeId: building }));
    const own = created(await raise(resident, {}));
    expect(viaBuilding.placeId).toBe(own.placeId);
    expect(viaBuilding.placeId).not.toBe(demo.gridA.id); // the innermost grid, below grid A
  });

  it('refuses what it cannot place or does not know, and writes nothing', async () => {
    const before = (await staff.get('/api/v1/requests?limit=200')).json<Page<ServiceRequestSummary>>().items.length;
    expectProblem(await raise(staff, { channel: 'counter' }), 422, 'request_place_required');
    expectProblem(await raise(resident, { location: { lng: 100.1, lat: 20.1 } }), 422, 'no_grid_at_point');
    expectProblem(await raise(resident, { category: 'no.such' }), 422, 'category_unknown');
    expectProblem(await raise(resident, { description: '短' }), 400, 'validation_failed');
    expectProblem(await raise(resident, { channel: 'counter' }), 403, 'forbidden');
    expect((await staff.get('/api/v1/requests?limit=200')).json<Page<ServiceRequestSummary>>().items.length).toBe(before);
  });

  it('does not let a worker file into another grid', async () => {
    expectProblem(await raise(gridB, { channel: 'patrol', location: pointA }), 404, 'not_found');
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the same request and never creates a second one', async () => {
    const key = `retry-${Date.now()}`;
    const first = created(await raise(resident, { location: pointA, description: '同一个诉求提交两次测试' }, { 'idempotency-key': key }));
    const again = await raise(resident, { location: pointA, description: '同一个诉求提交两次测试' }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<ServiceRequest>().id).toBe(first.id);
    const mine = (await resident.get('/api/v1/requests?mine=reported&limit=200')).json<Page<ServiceRequestSummary>>();
    expect(mine.items.filter((r) => r.description === '同一个诉求提交两次测试')).toHaveLength(1);
    expectProblem(await raise(resident, { location: pointA, description: '换了内容却用同一个键' }, { 'idempotency-key': key }), 422, 'idempotency_key_reused');
  });

  it('answers a late retry with the request as it is now', async () => {
    const key = `late-retry-${Date.now()}`;
    const first = created(await raise(resident, { location: pointA, description: '提交后过一会儿又重试' }, { 'idempotency-key': key }));
    ok(await act(staff, first.id, { action: 'accept' }));
    const again = await raise(resident, { location: pointA, description: '提交后过一会儿又重试' }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<ServiceRequest>()).toMatchObject({ id: first.id, reference: first.reference, status: 'accepted' });
  });

  it('creates exactly one request when the same submission arrives twice at once', async () => {
    const key = `double-${Date.now()}`;
    const [a, b] = await Promise.all([0, 1].map(() => raise(resident, { location: pointA, description: '双击提交只应登记一次' }, { 'idempotency-key': key })));
    expect(a!.json<ServiceRequest>().id).toBe(b!.json<ServiceRequest>().id);
  });

  it('rejects a malformed key', async () => {
    expectProblem(await raise(resident, { location: pointA }, { 'idempotency-key': 'short' }), 400, 'idempotency_key_invalid');
  });
});

describe('photos', () => {
  const upload = (client: Client, bytes: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') => {
    const boundary = '----gridwork-test';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.post('/api/v1/request-photos', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  };
  let withGps: Buffer;
  beforeAll(async () => {
    withGps = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a7' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'GridworkPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 46/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 44/1 0/1' } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
  });

  it('stores a photo without its EXIF location and shows it only to those who may see the request', async () => {
    const staged = (await upload(resident, withGps)).json<StagedPhoto>();
    expect(staged).toMatchObject({ mime: 'image/jpeg', width: 320, height: 240 });
    const request = created(await raise(resident, { location: pointA, photoIds: [staged.id] }));
    expect(request.photos.map((p) => p.id)).toEqual([staged.id]);
    const served = await gridA.get(staged.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('GridworkPhone'))).toBe(false);
    expectProblem(await gridB.get(staged.url), 404, 'not_found');
    // A photo once attached cannot be attached again.
    expectProblem(await raise(resident, { location: pointA, photoIds: [staged.id] }), 422, 'photo_unknown');
  });

  it('judges the type by content, not by name, and refuses oversized files', async () => {
    expectProblem(await upload(resident, Buffer.from('%PDF-1.7 not an image'), 'fake.jpg'), 415, 'photo_not_image');
    expectProblem(await upload(resident, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(9 * 1024 * 1024)])), 413, 'photo_too_large');
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: '#fff0' } }).png().toBuffer();
    expect((await upload(resident, png, 'named.gif', 'image/gif')).json<StagedPhoto>().mime).toBe('image/png');
  });

  it('will not attach someone else’s staged photo', async () => {
    const staged = (await upload(gridA, withGps)).json<StagedPhoto>();
    expectProblem(await raise(resident, { location: pointA, photoIds: [staged.id] }), 422, 'photo_unknown');
  });
});

describe('the register lifecycle', () => {
  it('runs accept → assign → start → resolve → follow-up → close, recording who and when', async () => {
    const request = created(await raise(resident, { location: pointA, urgency: 'urgent' }));
    expect(request.allowedActions).toEqual(['follow-up'].filter(() => false));
    const staffView = (await staff.get(`/api/v1/requests/${request.id}`)).json<ServiceRequest>();
    expect(staffView.allowedActions).toEqual(expect.arrayContaining(['accept', 'assign', 'reject', 'escalate']));
    ok(await act(staff, request.id, { action: 'accept', triage: 'minor' }));
    const assignees = (await staff.get(`/api/v1/requests/${request.id}/assignees`)).json<{ userId: string; name: string }[]>();
    const workerId = await gridAWorkerId();
    expect(assignees.map((a) => a.userId)).toContain(workerId);
    const assigned = ok(await act(staff, request.id, { action: 'assign', ownerUserId: workerId }));
    expect(assigned).toMatchObject({ status: 'assigned', owner: { userId: workerId }, dueState: 'on_track' });
    // The SLA of 路灯照明 for urgent is 24 hours.
    expect(new Date(assigned.deadline!).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect((await gridA.get('/api/v1/requests?mine=owned')).json<Page<ServiceRequestSummary>>().items.map((r) => r.id)).toContain(request.id);
    ok(await act(gridA, request.id, { action: 'start', note: '已到现场' }));
    ok(await act(gridA, request.id, { action: 'resolve', result: '已联系供电所更换灯泡' }));
    expect((await staff.get('/api/v1/requests?awaitingFollowUp=true&limit=200')).json<Page<ServiceRequestSummary>>().items.map((r) => r.id)).toContain(request.id);
    ok(await act(staff, request.id, { action: 'follow-up', method: 'call', satisfaction: 5, comment: '很满意' }));
    const closed = ok(await act(staff, request.id, { action: 'close' }));
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h) => [h.kind, h.toStatus])).toEqual([
      ['create', 'submitted'],
      ['accept', 'accepted'],
      ['assign', 'assigned'],
      ['start', 'in_progress'],
      ['resolve', 'resolved'],
      ['follow-up', 'followed_up'],
      ['close', 'closed'],
    ]);
    expect(closed.history.every((h) => h.actorName && h.at)).toBe(true);
    const notices = (await gridA.get('/api/v1/notifications')).json<Page<Notification>>();
    expect(notices.items.some((n) => n.kind === 'request-assigned' && n.link === `/requests/${request.id}`)).toBe(true);
  });

  it('refuses transitions out of order and changes nothing', async () => {
    const request = created(await raise(resident, { location: pointA }));
    const problem = expectProblem(await act(staff, request.id, { action: 'resolve', result: '直接办结' }), 409, 'transition_not_allowed');
    expect(problem.detail).toContain('待受理');
    expectProblem(await act(staff, request.id, { action: 'close' }), 409, 'transition_not_allowed');
    expectProblem(await act(staff, request.id, { action: 'assign' }), 422, 'owner_required');
    expectProblem(await act(staff, request.id, { action: 'bogus' }), 400, 'validation_failed');
    const after = (await staff.get(`/api/v1/requests/${request.id}`)).json<ServiceRequest>();
    expect(after.status).toBe('submitted');
    expect(after.history).toHaveLength(1);
  });

  it('lets only managers dispatch and only the owner or managers handle', async () => {
    const request = created(await raise(resident, { location: pointA }));
    expectProblem(await act(gridA, request.id, { action: 'accept' }), 403, 'forbidden');
    expectProblem(await act(resident, request.id, { action: 'reject', reason: '自己退回' }), 403, 'forbidden');
    expectProblem(await act(gridB, request.id, { action: 'accept' }), 404, 'not_found');
    ok(await act(staff, request.id, { action: 'assign', ownerUnit: '物业服务中心' }));
    expectProblem(await act(gridA, request.id, { action: 'start' }), 403, 'forbidden');
    const otherGridWorker = (await gridB.get('/api/v1/auth/me')).json<{ id: string }>().id;
    expectProblem(await act(staff, request.id, { action: 'transfer', ownerUserId: otherGridWorker, reason: '转给隔壁网格' }), 422, 'owner_outside_scope');
    const transferred = ok(await act(staff, request.id, { action: 'transfer', ownerUserId: await gridAWorkerId(), reason: '物业无人接手，转网格员' }));
    expect(transferred.owner).toMatchObject({ userId: await gridAWorkerId() });
    expect(transferred.history.at(-1)).toMatchObject({ kind: 'transfer', note: '物业无人接手，转网格员' });
  });

  it('reopens after an unsatisfied follow-up, but not after a satisfied one', async () => {
    const request = created(await raise(resident, { location: pointA }));
    ok(await act(staff, request.id, { action: 'assign', ownerUserId: await gridAWorkerId() }));
    ok(await act(gridA, request.id, { action: 'resolve', result: '已处理' }));
    // The reporter rates it themselves on the phone.
    const reporterView = (await resident.get(`/api/v1/requests/${request.id}`)).json<ServiceRequest>();
    expect(reporterView.allowedActions).toEqual(['follow-up']);
    expectProblem(await act(resident, request.id, { action: 'follow-up', method: 'call', satisfaction: 2 }), 403, 'forbidden');
    ok(await act(resident, request.id, { action: 'follow-up', method: 'self', satisfaction: 2, comment: '灯还是不亮' }));
    const reopened = ok(await act(staff, request.id, { action: 'reopen', reason: '居民不满意，重新办理' }));
    expect(reopened).toMatchObject({ status: 'assigned', satisfaction: null, result: null });
    ok(await act(gridA, request.id, { action: 'resolve', result: '更换了整条线路' }));
    ok(await act(staff, request.id, { action: 'follow-up', method: 'visit', satisfaction: 5 }));
    expectProblem(await act(staff, request.id, { action: 'reopen', reason: '再开一次' }), 409, 'transition_not_allowed');
  });

  it('rejects with a reason and escalates up the places tree to the top and no further', async () => {
    const rejected = created(await raise(resident, { location: pointA }));
    expectProblem(await act(staff, rejected.id, { action: 'reject' }), 400, 'validation_failed');
    expect(ok(await act(staff, rejected.id, { action: 'reject', reason: '属于12345热线受理范围' })).status).toBe('rejected');

    const request = created(await raise(resident, { location: pointA }));
    const levels: string[] = [];
    for (;;) {
      const response = await act(staff, request.id, { action: 'escalate', reason: '需要上级协调' });
      if (response.statusCode !== 200) {
        expectProblem(response, 422, 'escalate_at_top');
        break;
      }
      levels.push(response.json<ServiceRequest>().responsiblePlaceName);
    }
    // small grid → grid A → community A → subdistrict → district
    expect(levels).toHaveLength(4);
    expect(levels[1]).toBe(demo.communityA.name);
    expect(levels[3]).toBe(demo.district.name);
  });
});

describe('scope', () => {
  it('hides grid A’s requests from grid B’s worker and community B’s staff', async () => {
    const request = created(await raise(resident, { location: pointA }));
    for (const client of [gridB, staffB]) {
      expectProblem(await client.get(`/api/v1/requests/${request.id}`), 404, 'not_found');
      expect((await client.get('/api/v1/requests?limit=200')).json<Page<ServiceRequestSummary>>().items.map((r) => r.id)).not.toContain(request.id);
    }
    expectProblem(await gridB.get(`/api/v1/requests?placeId=${demo.gridA.id}`), 404, 'not_found');
    expect((await gridA.get('/api/v1/requests?limit=200')).json<Page<ServiceRequestSummary>>().items.map((r) => r.id)).toContain(request.id);
  });

  it('lets a resident see only their own requests', async () => {
    const others = created(await raise(gridA, { channel: 'patrol', location: pointA }));
    expectProblem(await resident.get(`/api/v1/requests/${others.id}`), 404, 'not_found');
    expectProblem(await resident.get('/api/v1/requests'), 403, 'forbidden');
    const mine = (await resident.get('/api/v1/requests?mine=reported&limit=200')).json<Page<ServiceRequestSummary>>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((r) => r.id)).not.toContain(others.id);
  });

  it('hides an anonymous reporter from staff', async () => {
    const request = created(await raise(resident, { location: pointA, anonymous: true, contactName: '李芳', contactPhone: '13812345678' }));
    const staffView = (await staff.get(`/api/v1/requests/${request.id}`)).json<ServiceRequest>();
    expect(staffView.contactName).toBeNull();
    expect(staffView.history[0]!.actorName).toBe('匿名');
    expect(request.contactPhone).toBe('138****5678');
  });
});

describe('filters and pagination', () => {
  it('pages with a cursor and filters by status, triage, channel and category subtree', async () => {
    const first = (await staff.get('/api/v1/requests?limit=5')).json<Page<ServiceRequestSummary>>();
    expect(first.items).toHaveLength(5);
    const second = (await staff.get(`/api/v1/requests?limit=5&cursor=${first.nextCursor}`)).json<Page<ServiceRequestSummary>>();
    expect(second.items.map((r) => r.id).some((id) => first.items.some((r) => r.id === id))).toBe(false);
    expect(second.items[0]!.createdAt <= first.items.at(-1)!.createdAt).toBe(true);
    const closed = (await staff.get('/api/v1/requests?status=closed,rejected&limit=50')).json<Page<ServiceRequestSummary>>();
    expect(closed.items.length).toBeGreaterThan(0);
    expect(closed.items.every((r) => r.status === 'closed' || r.status === 'rejected')).toBe(true);
    const facilities = (await staff.get('/api/v1/requests?category=facilities&limit=100')).json<Page<ServiceRequestSummary>>();
    expect(facilities.items.length).toBeGreaterThan(0);
    expect(facilities.items.every((r) => r.category.startsWith('facilities'))).toBe(true);
    const patrol = (await staff.get('/api/v1/requests?channel=patrol&limit=100')).json<Page<ServiceRequestSummary>>();
    expect(patrol.items.every((r) => r.channel === 'patrol')).toBe(true);
    const byRef = (await staff.get(`/api/v1/requests?q=${first.items[0]!.reference}`)).json<Page<ServiceRequestSummary>>();
    expect(byRef.items.map((r) => r.id)).toEqual([first.items[0]!.id]);
  });
});

describe('nearby duplicates and triage suggestions', () => {
  it('offers open requests of the same category within 100 m', async () => {
    const existing = created(await raise(resident, { location: pointA, category: 'environment.garbage', description: '垃圾桶满了没人清运，味道很大' }));
    const near = (await resident.get(`/api/v1/requests/nearby?category=environment.garbage&lng=${pointA.lng + 0.0003}&lat=${pointA.lat}`)).json<{ id: string; distanceMetres: number }[]>();
    expect(near.map((n) => n.id)).toContain(existing.id);
    expect(near.find((n) => n.id === existing.id)!.distanceMetres).toBeLessThan(100);
    const far = (await resident.get(`/api/v1/requests/nearby?category=environment.garbage&lng=${pointA.lng + 0.003}&lat=${pointA.lat}`)).json<{ id: string }[]>();
    expect(far.map((n) => n.id)).not.toContain(existing.id);
    const other = (await resident.get(`/api/v1/requests/nearby?category=safety&lng=${pointA.lng}&lat=${pointA.lat}`)).json<{ id: string }[]>();
    expect(other.map((n) => n.id)).not.toContain(existing.id);
  });

  it('suggests major for community-wide words and private for personal ones', async () => {
    const major = (await staff.get(`/api/v1/requests/triage-suggestion?category=property&text=${encodeURIComponent('整个小区停车位不够，希望统一规划')}`)).json<{ triage: string; reason: string }>();
    expect(major.triage).toBe('major');
    expect(major.reason).toContain('停车');
    const personal = (await staff.get(`/api/v1/requests/triage-suggestion?category=facilities.lighting&text=${encodeURIComponent('我家门口的灯坏了，家里有独居老人')}`)).json<{ triage: string }>();
    expect(personal.triage).toBe('private');
  });
});

describe('deadlines job', () => {
  it('marks due-soon and overdue work, notifies the owner, escalates once, and is idempotent', async () => {
    const request = created(await raise(resident, { location: pointA, category: 'safety', description: '楼道里有人给电动车充电，拉飞线很危险' }));
    const workerId = await gridAWorkerId();
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    ok(await act(staff, request.id, { action: 'assign', ownerUserId: workerId, deadline: soon }));
    const job = deadlineJob(t.app.services);
    await runJobOnce(t.database.db, job);
    expect((await staff.get(`/api/v1/requests/${request.id}`)).json<ServiceRequest>().dueState).toBe('due_soon');
    // Two hours later the deadline has passed.
    const later = new Date(Date.now() + 2 * 3_600_000);
    const first = await runJobOnce(t.database.db, job, later);
    expect(first!.overdue).toBeGreaterThanOrEqual(1);
    const overdue = (await staff.get(`/api/v1/requests/${request.id}`)).json<ServiceRequest>();
    expect(overdue).toMatchObject({ dueState: 'overdue', escalationLevel: 1, responsiblePlaceName: demo.gridA.name });
    expect(overdue.history.map((h) => h.kind)).toEqual(['create', 'assign', 'due-soon', 'overdue']);
    const again = await runJobOnce(t.database.db, job, new Date(later.getTime() + 60_000));
    expect(again).toMatchObject({ dueSoon: 0, overdue: 0 });
    expect((await staff.get(`/api/v1/requests/${request.id}`)).json<ServiceRequest>().history).toHaveLength(4);
    const notices = (await gridA.get('/api/v1/notifications?limit=200')).json<Page<Notification>>().items.filter((n) => n.link === `/requests/${request.id}`);
    expect(notices.map((n) => n.kind).sort()).toEqual(['request-assigned', 'request-due-soon', 'request-overdue']);
    expect((await staff.get('/api/v1/requests?overdue=true&limit=200')).json<Page<ServiceRequestSummary>>().items.map((r) => r.id)).toContain(request.id);
  });

  it('runs on one instance at a time: a second runner that cannot take the lock skips the round', async () => {
    const blocker = { ...foldStatsJob, run: async () => ({ held: 1 }) };
    let inner: Record<string, number> | null = {};
    await t.database.db.transaction(async (tx) => {
      await tx.execute(`SELECT pg_advisory_xact_lock(${foldStatsJob.lockKey})` as never);
      inner = await Promise.race([runJobOnce(t.database.db, blocker), new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
    });
    expect(inner).toBeNull();
  });
});

describe('statistics and the echo wall', () => {
  it('reports received, resolved, rates, handling time and satisfaction from the rollup', async () => {
    await runJobOnce(t.database.db, foldStatsJob);
    const before = (await staff.get(`/api/v1/requests/stats?placeId=${demo.communityA.id}`)).json<RequestStats>();
    const request = created(await raise(resident, { location: pointA }));
    ok(await act(staff, request.id, { action: 'assign', ownerUserId: await gridAWorkerId() }));
    ok(await act(gridA, request.id, { action: 'resolve', result: '已修复' }));
    ok(await act(staff, request.id, { action: 'follow-up', method: 'call', satisfaction: 4 }));
    const after = (await staff.get(`/api/v1/requests/stats?placeId=${demo.communityA.id}`)).json<RequestStats>();
    expect(after.received - before.received).toBe(1);
    expect(after.resolved - before.resolved).toBe(1);
    expect(after.followedUp - before.followedUp).toBe(1);
    expect(after.resolutionRate).toBeGreaterThan(0);
    expect(after.satisfaction).toBeGreaterThan(0);
    expect(after.byTriage.length).toBeGreaterThan(0);
    expect(after.byCategory.find((c) => c.category === 'facilities.lighting')!.name).toBe('路灯照明');
    // Folding the changes into the rollup changes no figure.
    await runJobOnce(t.database.db, foldStatsJob);
    expect((await staff.get(`/api/v1/requests/stats?placeId=${demo.communityA.id}`)).json<RequestStats>()).toEqual(after);
    expectProblem(await staffB.get(`/api/v1/requests/stats?placeId=${demo.communityA.id}`), 404, 'not_found');
  });

  it('publishes answers without names, phones or household addresses', async () => {
    const request = created(
      await raise(resident, { location: pointA, publicConsent: true, contactName: '李芳', contactPhone: '13912345678', description: '李芳反映：3栋2单元301室门口路灯不亮，电话13912345678' }),
    );
    ok(await act(staff, request.id, { action: 'assign', ownerUserId: await gridAWorkerId() }));
    ok(await act(gridA, request.id, { action: 'resolve', result: '已更换灯具，已电话告知李芳' }));
    const wall = await t.anonymous().get(`/api/v1/public/echo-wall?communityId=${demo.communityA.id}&limit=100`);
    expect(wall.statusCode, wall.body).toBe(200);
    const body = wall.json<EchoWall>();
    expect(body.communityName).toBe(demo.communityA.name);
    expect(body.received).toBeGreaterThan(0);
    const item = body.items.find((i) => i.reference === request.reference)!;
    expect(item.summary).not.toContain('李芳');
    expect(item.summary).not.toContain('13912345678');
    expect(item.summary).not.toContain('301');
    expect(item.reply).not.toContain('李芳');
    expect(wall.body).not.toContain('13912345678');
    expect(body.items.every((i) => i.triage !== 'private')).toBe(true);
    // Without the reporter's consent a request stays off the wall.
    const unconsented = created(await raise(resident, { location: pointA }));
    const again = (await t.anonymous().get(`/api/v1/public/echo-wall?communityId=${demo.communityA.id}&limit=100`)).json<EchoWall>();
    expect(again.items.map((i) => i.reference)).not.toContain(unconsented.reference);
    expectProblem(await t.anonymous().get(`/api/v1/public/echo-wall?communityId=${demo.gridA.id}`), 404, 'not_found');
  });
});

describe('live updates (Server-Sent Events)', () => {
  /** Reads `event: request` messages from a real HTTP stream until `until` says stop or time runs out. */
  async function listen(base: string, client: Client, until: (events: { type: string; id: string }[]) => boolean, ms = 5_000) {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/v1/requests/live`, { headers: { cookie: client.cookie! }, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events: { type: string; id: string }[] = [];
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const timer = setTimeout(() => controller.abort(), ms);
    const ready = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = /^event: request\ndata: (.*)$/m.exec(block)?.[1];
            if (data) events.push(JSON.parse(data) as { type: string; id: string });
            if (until(events)) return events;
          }
        }
      } catch {
        // aborted: time is up
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
      return events;
    })();
    return ready;
  }

  it('tells open pages in scope that a request landed, and no one else', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    let createdId = '';
    const inScope = listen(base, gridA, (events) => events.some((e) => e.id === createdId && e.type === 'created'));
    const outOfScope = listen(base, gridB, () => false, 2_500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    createdId = created(await raise(resident, { location: pointA, description: '实时推送测试：路灯不亮' })).id;
    const seen = await inScope;
    expect(seen.find((e) => e.id === createdId)).toMatchObject({ type: 'created', placeId: smallGridA.id });
    expect((await outOfScope).map((e) => e.id)).not.toContain(createdId);
  });

  it('refuses the stream to someone without the register', async () => {
    expectProblem(await resident.get('/api/v1/requests/live'), 403, 'forbidden');
  });
});

describe('following a request instead of raising it again', () => {
  it('lets a neighbour follow a public open request, read it, list it and hear when it is answered', async () => {
    const member = await t.login('member');
    const request = created(await raise(resident, { location: pointA, publicConsent: true, category: 'facilities.road', description: '菜市场门口井盖松动，踩上去晃' }));
    const near = (await member.get(`/api/v1/requests/nearby?category=facilities.road&lng=${pointA.lng}&lat=${pointA.lat}`)).json<{ id: string }[]>();
    expect(near.map((n) => n.id)).toContain(request.id);
    expectProblem(await member.get(`/api/v1/requests/${request.id}`), 404, 'not_found');
    const followed = (await member.post(`/api/v1/requests/${request.id}/follow`)).json<ServiceRequest>();
    expect(followed).toMatchObject({ following: true, followers: 1, contactName: null });
    expect((await member.get(`/api/v1/requests/${request.id}`)).statusCode).toBe(200);
    expect((await member.get('/api/v1/requests?mine=followed')).json<Page<ServiceRequestSummary>>().items.map((r) => r.id)).toEqual([request.id]);
    ok(await act(staff, request.id, { action: 'assign', ownerUserId: await gridAWorkerId() }));
    ok(await act(gridA, request.id, { action: 'resolve', result: '已加固井盖' }));
    for (const client of [member, resident]) {
      const notices = (await client.get('/api/v1/notifications?limit=200')).json<Page<Notification>>().items;
      expect(notices.some((n) => n.kind === 'request-answered' && n.link === `/requests/${request.id}`)).toBe(true);
    }
    expect((await member.delete(`/api/v1/requests/${request.id}/follow`)).statusCode).toBe(200);
    expectProblem(await member.get(`/api/v1/requests/${request.id}`), 404, 'not_found');
  });

  it('does not let anyone follow a request its reporter kept private', async () => {
    const member = await t.login('member');
    const request = created(await raise(resident, { location: pointA }));
    expectProblem(await member.post(`/api/v1/requests/${request.id}/follow`), 404, 'not_found');
    expectProblem(await staff.post(`/api/v1/requests/${request.id}/follow`), 409, 'request_not_followable');
  });
});
