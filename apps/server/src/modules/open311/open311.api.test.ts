import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Place, ServiceRequest, ServiceRequestSummary } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import type { Page } from '../../../../../test-support/expect-problem';
import { DEMO_OPEN311_KEY, insertKey } from './open311.keys';
import { open311ApiKeys } from './open311.tables';

/** The Open311 community's schemas (copied unchanged into ./schemas), as an independent client would use them. */
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const file of ['service.json', 'services.json', 'service-definition.json', 'request.json', 'requests.json']) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'schemas', file), 'utf8')) as object, file);
}

function valid(schema: string, response: LightMyRequestResponse): unknown {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('application/json');
  const data: unknown = response.json();
  const validate = ajv.getSchema(schema)!;
  expect(validate(data), `${schema}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  return data;
}

interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  service_code: string;
  description: string | null;
  lat: number | null;
  long: number | null;
  address: string | null;
  agency_responsible: string | null;
}
interface Created {
  service_request_id: string;
  token: string;
  service_notice: string | null;
  account_id: null;
}

let t: TestApp;
let staff: Client;
let grid: Place;
let point: { lat: number; long: number };

const get = (url: string) => t.app.inject({ method: 'GET', url: `/open311/v2/${url}` });
const post = (fields: Record<string, string>, options: { ext?: string; headers?: Record<string, string> } = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${options.ext ?? 'json'}`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
  });
const report = (fields: Record<string, string> = {}) =>
  ({ api_key: DEMO_OPEN311_KEY, service_code: 'facilities.lighting', lat: String(point.lat), long: String(point.long), description: '路口的路灯晚上不亮，行人看不清路', ...fields }) as Record<string, string>;
const staffCount = async () => (await staff.get('/api/v1/requests?limit=200')).json<Page<ServiceRequestSummary>>().items.length;

/** An Open311 error: the status, and `[{code, description}]` with both languages in the description. */
function open311Error(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/json');
  const [error] = response.json<{ code: number; description: string }[]>();
  expect(error!.code).toBe(status);
  expect(error!.description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  return error!.description;
}

beforeAll(async () => {
  t = await createTestApp();
  const demo = await t.demo();
  staff = await t.login('staff');
  grid = (await staff.get(`/api/v1/places?parentId=${demo.gridA.id}&type=grid`)).json<Page<Place>>().items.find((p) => p.boundary)!;
  const ring = (grid.boundary!.coordinates as number[][][])[0]!;
  const lngs = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  point = { long: (Math.min(...lngs) + Math.max(...lngs)) / 2, lat: (Math.min(...lats) + Math.max(...lats)) / 2 };
});

describe('discovery and services', () => {
  it('describes the endpoint', async () => {
    const response = await get('discovery.json');
    expect(response.statusCode).toBe(200);
    const discovery = response.json<{ changeset: string; endpoints: { specification: string; url: string; type: string; formats: string[] }[] }>();
    expect(discovery.endpoints).toEqual([expect.objectContaining({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['application/json', 'text/xml'] })]);
    expect(discovery.endpoints[0]!.url).toMatch(/^https?:\/\/[^/]+\/open311\/v2$/);
    expect(Number.isNaN(Date.parse(discovery.changeset))).toBe(false);
    const xml = await get('discovery.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>/);
    expect(xml.body).toContain('<formats><format>application/json</format><format>text/xml</format></formats>');
  });

  it('lists the active leaf categories as services, and defines each', async () => {
    const services = valid('services.json', await get('services.json')) as { service_code: string; group: string | null; keywords: string; metadata: boolean }[];
    const codes = services.map((s) => s.service_code);
    expect(codes).toContain('facilities.lighting');
    expect(codes).not.toContain('facilities'); // a parent is a group, not a service
    expect(services.find((s) => s.service_code === 'facilities.lighting')).toMatchObject({ group: '公共设施', keywords: '路灯,不亮', metadata: true });
    const definition = valid('service-definition.json', await get('services/facilities.lighting.json')) as { attributes: { code: string; values: { key: string; name: string }[] }[] };
    expect(definition.attributes[0]).toMatchObject({ code: 'urgency', values: [{ key: 'normal', name: '一般' }, { key: 'urgent', name: '紧急' }, { key: 'critical', name: '特急' }] });
    const xml = await get('services.xml');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    expect((await get('services/facilities.lighting.xml')).body).toContain('<attributes><attribute><variable>true</variable><code>urgency</code>');
    open311Error(await get('services/no.such.json'), 404);
  });
});

describe('a client files a request and follows it to the end', () => {
  it('creates, reads back by id, token and filters, and sees it closed after staff finish it', async () => {
    const before = await staffCount();
    const started = new Date(Date.now() - 60_000).toISOString();
    const response = await post(report({ 'attribute[urgency]': 'urgent', email: 'someone@example.com', device_id: 'abc', media_url: 'https://example.com/x.jpg' }));
    expect(response.statusCode, response.body).toBe(200);
    const [created] = response.json<Created[]>();
    expect(created).toMatchObject({ service_request_id: expect.stringMatching(/^GW\d{8}$/), token: expect.any(String), account_id: null });
    expect(await staffCount()).toBe(before + 1);
    const id = created!.service_request_id;

    const [one] = valid('requests.json', await get(`requests/${id}.json`)) as Open311Request[];
    expect(one).toMatchObject({ service_request_id: id, status: 'open', service_code: 'facilities.lighting', agency_responsible: grid.name });
    expect(await get(`tokens/${created!.token}.json`).then((r) => r.json())).toEqual([{ service_request_id: id, token: created!.token }]);
    open311Error(await get('tokens/no-such-token-here.json'), 404);

    // The staff view: a real request of the open311 channel in the grid at the point, urgency taken.
    const [summary] = (await staff.get(`/api/v1/requests?q=${id}`)).json<Page<ServiceRequestSummary>>().items;
    expect(summary).toMatchObject({ reference: id, channel: 'open311', urgency: 'urgent', placeId: grid.id });
    const byUuid = valid('requests.json', await get(`requests/${summary!.id}.json`)) as Open311Request[];
    expect(byUuid[0]!.service_request_id).toBe(id);

    const listed = async (query: string) => (valid('requests.json', await get(`requests.json?${query}`)) as Open311Request[]).map((r) => r.service_request_id);
    expect(await listed('status=open')).toContain(id);
    expect(await listed('status=closed')).not.toContain(id);
    expect(await listed('status=open,closed&service_code=facilities.lighting')).toContain(id);
    expect(await listed(`start_date=${encodeURIComponent(started)}&end_date=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toContain(id);
    expect(await listed(`end_date=${encodeURIComponent(started)}`)).not.toContain(id);
    expect(await listed(`start_date=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).toEqual([]);
    expect(await listed(`service_request_id=${id},GW99999999`)).toEqual([id]);

    const act = async (body: Record<string, unknown>) => expect((await staff.post(`/api/v1/requests/${summary!.id}/transitions`, body)).statusCode).toBe(200);
    await act({ action: 'accept' });
    await act({ action: 'assign', ownerUnit: '供电所' });
    expect(((valid('requests.json', await get(`requests/${id}.json`)) as Open311Request[])[0] as unknown as { expected_datetime: string | null }).expected_datetime).not.toBeNull();
    await act({ action: 'resolve', result: '已更换灯泡' });
    await act({ action: 'follow-up', method: 'call', satisfaction: 5 });
    expect((valid('requests.json', await get(`requests/${id}.json`)) as Open311Request[])[0]!.status).toBe('open');
    await act({ action: 'close' });
    expect((valid('requests.json', await get(`requests/${id}.json`)) as Open311Request[])[0]!.status).toBe('closed');
    expect(await listed('status=closed')).toContain(id);
    expect(await listed('status=open')).not.toContain(id);
  });

  it('answers a retried POST with the same request (Idempotency-Key)', async () => {
    const before = await staffCount();
    const headers = { 'idempotency-key': `open311-retry-${Date.now()}` };
    const first = (await post(report({ description: '同一个诉求通过接口提交两次' }), { headers })).json<Created[]>()[0]!;
    const again = await post(report({ description: '同一个诉求通过接口提交两次' }), { headers });
    expect(again.statusCode).toBe(200);
    expect(again.json<Created[]>()[0]).toMatchObject({ service_request_id: first.service_request_id, token: first.token });
    expect(await staffCount()).toBe(before + 1);
  });

  it('answers in XML too', async () => {
    const response = await post(report({ description: '路灯 <不亮> & 闪烁 "严重"' }), { ext: 'xml' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/xml');
    expect(response.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>GW\d{8}<\/service_request_id><token>[\w-]+<\/token><service_notice>.+<\/service_notice><account_id\/><\/request><\/service_requests>\n$/);
    const id = /<service_request_id>(GW\d+)</.exec(response.body)![1]!;
    const read = await get(`requests/${id}.xml`);
    expect(read.body).toContain(`<service_requests><request><service_request_id>${id}</service_request_id><status>open</status>`);
    // Not consented to publication: no text, no place.
    expect(read.body).toContain('<description/>');
    expect(read.body).toContain('<lat/><long/>');
  });
});

describe('what a client may not do', () => {
  it('refuses bad submissions in the Open311 error format and writes nothing', async () => {
    await insertKey(t.database.db, { name: 'Disabled client', key: 'disabled-open311-key', placeId: grid.id });
    await t.database.db.update(open311ApiKeys).set({ enabled: false }).where(eq(open311ApiKeys.name, 'Disabled client'));
    const demo = await t.demo();
    await insertKey(t.database.db, { name: 'Community B client', key: 'community-b-open311-key', placeId: demo.communityB.id });
    const before = await staffCount();
    const { api_key: _key, ...withoutKey } = report();
    open311Error(await post(withoutKey), 403);
    open311Error(await post(report({ api_key: 'not-a-real-key' })), 403);
    open311Error(await post(report({ api_key: 'disabled-open311-key' })), 403);
    expect(open311Error(await post(report({ service_code: 'no.such' })), 400)).toContain('service_code');
    expect(open311Error(await post(report({ service_code: 'facilities' })), 400)).toContain('service_code');
    const { lat: _lat, long: _long, ...nowhere } = report();
    expect(open311Error(await post(nowhere), 400)).toContain('lat/long');
    expect(open311Error(await post({ ...nowhere, address_string: '和平街 1 号' }), 400)).toContain('address_id');
    expect(open311Error(await post(report({ lat: '20.1', long: '100.1' })), 400)).toContain('outside every grid');
    open311Error(await post(report({ api_key: 'community-b-open311-key' })), 400); // outside the key's area
    open311Error(await post(report({ lat: 'north' })), 400);
    expect(open311Error(await post(report({ description: '短' })), 400)).toContain('description');
    open311Error(await post(report({ address_id: 'not-a-uuid', lat: '', long: '' })), 400);
    open311Error(await post(report({ 'attribute[urgency]': 'whenever' })), 400);
    expect(await staffCount()).toBe(before);
  });

  it('answers unknown ids, paths and formats with an Open311 404', async () => {
    open311Error(await get('requests/GW99999999.json'), 404);
    open311Error(await get('requests/00000000-0000-4000-8000-000000000000.json'), 404);
    open311Error(await get('services.txt'), 404);
    open311Error(await get('requests.txt'), 404);
    open311Error(await get('nothing-here.json'), 404);
    const xml = await get('requests/GW99999999.xml');
    expect(xml.statusCode).toBe(404);
    expect(xml.body).toMatch(/<errors><error><code>404<\/code><description>.+<\/description><\/error><\/errors>/);
    open311Error(await get('requests.json?status=pending'), 400);
    open311Error(await get('requests.json?start_date=yesterday'), 400);
  });

  it('needs no session and no CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: new URLSearchParams(report()).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: '' } });
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('privacy', () => {
  it('never shows the reporter’s name or phone, and only what was consented to', async () => {
    const [created] = (await post(report({ first_name: '小明', last_name: '王', phone: '13912345678', description: '我是王小明，电话13912345678，楼下路灯不亮' }))).json<Created[]>();
    const [summary] = (await staff.get(`/api/v1/requests?q=${created!.service_request_id}`)).json<Page<ServiceRequestSummary>>().items;
    const detail = (await staff.get(`/api/v1/requests/${summary!.id}`)).json<ServiceRequest>();
    expect(detail).toMatchObject({ contactName: '王小明', contactPhone: expect.stringContaining('139') });
    const reads = [await get(`requests/${created!.service_request_id}.json`), await get(`requests/${created!.service_request_id}.xml`), await get('requests.json'), await get('requests.xml'), await get(`tokens/${created!.token}.json`)];
    for (const read of reads) {
      expect(read.statusCode).toBe(200);
      expect(read.body).not.toContain('小明');
      expect(read.body).not.toContain('13912345678');
      expect(read.body).not.toContain('5678');
    }
    const all = valid('requests.json', await get('requests.json?status=open,closed')) as Open311Request[];
    // The demo's consented requests show their text; coordinates are never finer than about 100 m.
    expect(all.some((r) => r.description !== null)).toBe(true);
    for (const r of all) for (const c of [r.lat, r.long]) if (c !== null) expect(Math.abs(c * 1000 - Math.round(c * 1000))).toBeLessThan(1e-6);
    expect(all.find((r) => r.service_request_id === created!.service_request_id)).toMatchObject({ description: null, lat: null, long: null, address: null });
  });
});
