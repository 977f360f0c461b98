import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type ServiceRequest, type ServiceRequestSummary } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { queryRows } from '../../db/sql';
import type { Actor } from '../../platform/access';
import { REQUEST_EXPORT_HEADERS, createRequestsExport } from './requests.export';

let t: TestApp;
let staff: Client;
let gridA: Client;
let gridB: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;

const HEADERS = ['编号', '登记时间', '类别', '三事分流', '状态', '紧急程度', '来源渠道', '所在网格', '诉求内容', '责任人/单位', '办结时限', '是否超期'];

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, gridA, gridB, resident] = (await Promise.all(['staff', 'gridA', 'gridB', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client];
  // A few requests in grid A, one of them accepted, so a status filter has something to narrow.
  const building = demo.householdA.parentId!;
  const ids: string[] = [];
  for (const description of ['路口的路灯晚上不亮，老人走路不安全', '楼道里堆放杂物，影响消防通道', '小区垃圾桶满了没人清理']) {
    const response = await gridA.post('/api/v1/requests', { category: 'facilities.lighting', description, channel: 'patrol', placeId: building });
    expect(response.statusCode, response.body).toBe(201);
    ids.push(response.json<ServiceRequest>().id);
  }
  const accepted = await staff.post(`/api/v1/requests/${ids[0]}/transitions`, { action: 'accept' });
  expect(accepted.statusCode, accepted.body).toBe(200);
});

async function readSheet(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/** Every item the list gives for the same filters, following the cursor. */
async function listAll(client: Client, query: string): Promise<ServiceRequestSummary[]> {
  const items: ServiceRequestSummary[] = [];
  let cursor: string | null = null;
  do {
    const response = await client.get(`/api/v1/requests?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<Page<ServiceRequestSummary>>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('request register export', () => {
  it('exports what the list shows, with Chinese headers and a UTF-8 file name', async () => {
    const response = await staff.get('/api/v1/requests/export');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('诉求台账.xlsx')}`);
    const [header, ...rows] = await readSheet(response.rawPayload);
    expect(header).toEqual(HEADERS);
    expect(REQUEST_EXPORT_HEADERS).toEqual(HEADERS);
    const listed = await listAll(staff, '');
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBe(listed.length);
    expect(rows.map((r) => r[0]).sort()).toEqual(listed.map((r) => r.reference).sort());
    const first = rows.find((r) => r[0] === listed[0]!.reference)!;
    expect(first[4]).toMatch(/^(待受理|已受理|已派单|办理中|已办结|已回访|已关闭|已退回)$/);
    expect(first[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('narrows by the list filters, and audits the filters and the row count', async () => {
    const response = await staff.get('/api/v1/requests/export?status=accepted');
    expect(response.statusCode, response.body).toBe(200);
    const [, ...rows] = await readSheet(response.rawPayload);
    const listed = await listAll(staff, '&status=accepted');
    const all = await listAll(staff, '');
    expect(rows.length).toBe(listed.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all.length);
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['已受理']));
    const [audit] = await queryRows<{ after: { rows: number; filters: { status: string[] } } }>(
      t.database.db,
      sql`SELECT after FROM audit_log WHERE action = 'request.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.after).toMatchObject({ rows: rows.length, filters: { status: ['accepted'] } });
  });

  it('keeps the data scope: another grid gets 404, a resident 403', async () => {
    expectProblem(await gridB.get(`/api/v1/requests/export?placeId=${demo.gridA.id}`), 404, 'not_found');
    expectProblem(await resident.get('/api/v1/requests/export'), 403, 'forbidden');
  });

  it('refuses more rows than the cap with export_too_many_rows and writes no audit row', async () => {
    const [user] = await queryRows<{ id: string }>(t.database.db, sql`SELECT id FROM users WHERE username = 'staff'`);
    const { communityA } = demo;
    const actor: Actor = {
      userId: user!.id,
      username: 'staff',
      displayName: 'staff',
      grants: [{ assignmentId: user!.id, role: 'community_staff', placeId: communityA.id, placeName: communityA.name, placeType: 'community', placePath: communityA.path }],
      permissions: permissionsOf(['community_staff']),
      restriction: null,
      totpEnabled: false,
      locale: 'zh-CN',
      ip: null,
      userAgent: null,
    };
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'request.export'`))[0]!.n;
    const before = await count();
    const capped = createRequestsExport({ db: t.database.db, requests: t.app.services.requests, maxRows: 1 });
    await expect(capped.exportRequests(actor, {})).rejects.toMatchObject({ status: 422, code: 'export_too_many_rows' });
    expect(await count()).toBe(before);
  });
});
