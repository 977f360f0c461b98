import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf, permissionsOf, type ImportJob } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { testCipher } from '../../../../../test-support/test-config';
import { queryRows } from '../../db/sql';
import type { Actor } from '../../platform/access';
import { COLUMNS, IMPORT_MAX_BYTES } from './residents.excel';
import { readXlsxPart } from '../../platform/xlsx/zip-entries';
import { createResidentsExcelService, failInterruptedImports } from './residents.import';
import { exportResidents } from './residents.export';

let t: TestApp;
let staff: Client;
let staffB: Client;
let codesA: string[];
let codeB: string;
let communityAId: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login('staff');
  staffB = await t.login('staffB');
  const { communityA, communityB } = await t.demo();
  communityAId = communityA.id;
  const households = async (prefix: string) =>
    (await queryRows<{ code: string }>(t.database.db, sql`SELECT code FROM places WHERE type = 'household' AND code IS NOT NULL AND path LIKE ${`${prefix}%`} ORDER BY code`)).map((r) => r.code);
  codesA = await households(communityA.path);
  codeB = (await households(communityB.path))[0]!;
  expect(codesA.length).toBeGreaterThan(2);
  expect(codeB).toBeTruthy();
});

// ——— helpers ———

let serial = 100;
/** A valid 居民身份证 number (GB 11643 check digit), unique per call. */
function idNumber(birth = '19800101', male = true): string {
  serial += 1;
  const seq = String((serial % 500) * 2 + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `340406${birth}${seq}`;
  return first17 + checkDigitOf(first17);
}
const uniqueBirth = () => {
  serial += 1;
  return `19${String(50 + (serial % 40)).padStart(2, '0')}${String(1 + (serial % 12)).padStart(2, '0')}${String(1 + (serial % 28)).padStart(2, '0')}`;
};

type Cell = string | number | null | { formula: string; result?: string };
const HEADERS = COLUMNS.map((c) => c.header);

interface Row {
  name?: Cell;
  idType?: Cell;
  idNumber?: Cell;
  gender?: Cell;
  birthDate?: Cell;
  householdCode?: Cell;
  relationToHead?: Cell;
  residenceType?: Cell;
  phone?: Cell;
  occupation?: Cell;
  employer?: Cell;
  notes?: Cell;
}

async function workbookOf(rows: readonly Row[], options: { headers?: readonly string[]; merges?: readonly string[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('居民');
  const headers = options.headers ?? HEADERS;
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow(COLUMNS.map((c) => (row as Record<string, Cell | undefined>)[c.key] ?? null));
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  workbook.addWorksheet('说明').addRow(['test']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const person = (overrides: Row = {}): Row => ({ name: '王小明', idNumber: idNumber(uniqueBirth()), householdCode: codesA[0], relationToHead: '子女', residenceType: '常住', phone: '13800138000', occupation: '教师', ...overrides });

async function upload(client: Client, file: Buffer, mode = 'skip-invalid', fileName = 'residents.xlsx') {
  const form = new FormData();
  form.append('mode', mode);
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  const encoded = new Response(form);
  const payload = Buffer.from(await encoded.arrayBuffer());
  return client.post('/api/v1/residents/imports', payload, { 'content-type': encoded.headers.get('content-type')! });
}

async function importAndWait(client: Client, file: Buffer, mode = 'skip-invalid'): Promise<ImportJob> {
  const accepted = await upload(client, file, mode);
  expect(accepted.statusCode, accepted.body).toBe(202);
  await t.app.residentsExcel.whenIdle();
  const job = await client.get(`/api/v1/residents/imports/${accepted.json<{ id: string }>().id}`);
  expect(job.statusCode).toBe(200);
  return job.json<ImportJob>();
}

async function countByIdNumbers(ids: readonly string[]): Promise<number> {
  const cipher = testCipher();
  const indexes = ids.map((id) => cipher.blindIndex(`resident_id:${id}`));
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM residents WHERE id_number_index IN (${sql.join(indexes.map((i) => sql`${i}`), sql`, `)})`);
  return row!.n;
}

async function readSheet(buffer: Buffer, index = 0): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[index]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

// ——— tests ———

describe('import template', () => {
  it('is an xlsx with Chinese headers, a 说明 sheet and validation lists', async () => {
    const response = await staff.get('/api/v1/residents/import-template');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['居民', '说明']);
    const header = (workbook.getWorksheet('居民')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['姓名*', '证件号码*', '住户编码*', '性别', '与户主关系', '居住类型', '证件类型']));
    const file = path.join(os.tmpdir(), `template-${process.pid}.xlsx`);
    fs.writeFileSync(file, response.rawPayload);
    const xml = readXlsxPart(file, 'xl/worksheets/sheet1.xml')!;
    fs.rmSync(file);
    for (const list of ['&quot;男,女&quot;', '&quot;户籍,常住,流动&quot;', '&quot;户主,配偶,子女']) expect(xml).toContain(list);
    expect(xml).toContain('居民身份证,护照');
    expect((xml.match(/<dataValidation /g) ?? []).length).toBe(4);
  });

  it('needs the import permission', async () => {
    const grid = await t.login('gridA');
    expect((await grid.get('/api/v1/residents/import-template')).statusCode).toBe(403);
  });
});

describe('import', () => {
  it('creates residents from a valid file, findable by ID number, and updates them on re-import', async () => {
    const rows = [person({ name: '李建国', relationToHead: '户主' }), person({ name: '李华', householdCode: codesA[1] }), person({ name: '陈静', phone: '0554-1234567', idType: '居民身份证' })];
    const file = await workbookOf(rows);
    const job = await importAndWait(staff, file, 'all-or-nothing');
    expect(job).toMatchObject({ status: 'done', processed: 3, total: 3, created: 3, updated: 0, failed: 0, mode: 'all-or-nothing', fileName: 'residents.xlsx' });
    const found = await staff.get(`/api/v1/residents?idNumber=${rows[0]!.idNumber as string}`);
    expect(found.statusCode).toBe(200);
    const [resident] = found.json<{ items: { name: string; idNumber: string; phone: string; householdId: string }[] }>().items;
    expect(resident).toMatchObject({ name: '李建国', phone: '138****8000' });
    expect(resident!.idNumber).toMatch(/^3404\*{10}\w{4}$/);

    const again = await importAndWait(staff, file, 'skip-invalid');
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 3, failed: 0 });
    expect(await countByIdNumbers(rows.map((r) => r.idNumber as string))).toBe(3);
    const [audit] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('resident.import.start', 'resident.import.finish')`);
    expect(audit!.n).toBeGreaterThanOrEqual(4);
  });

  it('records move-ins, moves between households with care groups following, and household heads', async () => {
    const head = person({ name: '周家长', relationToHead: '户主', householdCode: codesA[3] });
    const child = person({ name: '周小妹', householdCode: codesA[3] });
    expect(await importAndWait(staff, await workbookOf([head, child]))).toMatchObject({ status: 'done', created: 2 });
    const idOf = async (row: Row) => (await staff.get(`/api/v1/residents?idNumber=${row.idNumber as string}`)).json<{ items: { id: string; householdId: string }[] }>().items[0]!;
    const headRecord = await idOf(head);
    const childRecord = await idOf(child);
    const movesOf = (residentId: string) =>
      queryRows<{ from_id: string | null; to_id: string | null; reason: string }>(t.database.db, sql`SELECT from_household_id AS from_id, to_household_id AS to_id, reason FROM resident_moves WHERE resident_id = ${residentId} ORDER BY moved_at, id`);
    expect(await movesOf(childRecord.id)).toEqual([{ from_id: null, to_id: childRecord.householdId, reason: '表格导入' }]);
    const [household] = await queryRows<{ head: string }>(t.database.db, sql`SELECT head_resident_id AS head FROM households WHERE place_id = ${headRecord.householdId}`);
    expect(household!.head).toBe(headRecord.id);

    const careGroup = await staff.patch(`/api/v1/residents/${childRecord.id}`, { careGroups: [{ code: 'low_income' }] });
    expect(careGroup.statusCode, careGroup.body).toBeLessThan(300);
    // Re-imported into another household: one move, the care group's place follows, the stay does not move.
    expect(await importAndWait(staff, await workbookOf([head, { ...child, householdCode: codesA[4] }]))).toMatchObject({ status: 'done', created: 0, updated: 2 });
    const moved = await idOf(child);
    expect(moved.householdId).not.toBe(childRecord.householdId);
    expect(await movesOf(childRecord.id)).toEqual([
      { from_id: null, to_id: childRecord.householdId, reason: '表格导入' },
      { from_id: childRecord.householdId, to_id: moved.householdId, reason: '表格导入' },
    ]);
    expect(await movesOf(headRecord.id)).toHaveLength(1);
    const [paths] = await queryRows<{ resident: string; group: string }>(
      t.database.db,
      sql`SELECT r.place_path AS resident, g.place_path AS group FROM residents r JOIN resident_care_groups g ON g.resident_id = r.id WHERE r.id = ${childRecord.id}`,
    );
    expect(paths!.group).toBe(paths!.resident);
  });

  it('skips bad rows and reports each with its row number, column and a Chinese reason', async () => {
    const good = person({ name: '赵一' });
    const dupId = idNumber(uniqueBirth());
    const valid = idNumber(uniqueBirth());
    const badCheck = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    const rows: Row[] = [
      good, // row 2
      person({ name: '钱二', idNumber: badCheck }), // 3
      person({ name: '孙三', idType: '护照', idNumber: 'E12345678', gender: '男', birthDate: '1990-02-30' }), // 4
      person({ name: '李四', phone: '12345' }), // 5
      person({ name: '周五', householdCode: 'NO-SUCH-CODE' }), // 6
      person({ name: '吴六', householdCode: codeB }), // 7
      person({ name: '郑七', idNumber: dupId }), // 8
      person({ name: '王八', idNumber: dupId }), // 9
      person({ name: { formula: 'CONCATENATE("冯","九")', result: '冯九' } }), // 10
      person({ name: '陈十', gender: '女', idNumber: idNumber('19700505', true) }), // 11
    ];
    const job = await importAndWait(staff, await workbookOf(rows));
    expect(job).toMatchObject({ status: 'done', total: 10, created: 2, failed: 8 });
    expect(await countByIdNumbers([good.idNumber as string, dupId])).toBe(2);

    const accepted = await staff.get(`/api/v1/residents/imports/${job.id}/errors`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readSheet(accepted.rawPayload);
    expect(sheet[0]).toEqual(['行号', '列', '原因']);
    const byRow = new Map<number, string[]>();
    for (const [row, column, reason] of sheet.slice(1)) byRow.set(Number(row), [...(byRow.get(Number(row)) ?? []), `${column}:${reason}`]);
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 9, 10, 11]);
    expect(byRow.get(3)!.join()).toContain('证件号码:身份证号码无效：校验码错误');
    expect(byRow.get(4)!.join()).toContain('出生日期:不存在的日期');
    expect(byRow.get(5)!.join()).toContain('联系电话:格式不正确');
    expect(byRow.get(6)!.join()).toContain('住户编码:住户编码“NO-SUCH-CODE”不存在');
    expect(byRow.get(7)!.join()).toContain('不在您的管辖范围内');
    expect(byRow.get(9)!.join()).toContain('证件号码:与第 8 行的证件号码重复');
    expect(byRow.get(10)!.join()).toContain('姓名:单元格含公式');
    expect(byRow.get(11)!.join()).toContain('性别:性别与身份证号码不一致');
  });

  it('writes small batches side by side, reports bad rows among them, and keeps the last head the sheet names', async () => {
    const service = createResidentsExcelService({ db: t.database.db, cipher: testCipher(), places: t.app.services.places, batchSize: 2, writeLanes: 3 });
    const household = codesA[5]!;
    const firstHead = person({ name: '钱一', relationToHead: '户主', householdCode: household });
    const lastHead = person({ name: '钱二', relationToHead: '户主', householdCode: household });
    const others = Array.from({ length: 9 }, (_, i) => person({ name: `孙${'一二三四五六七八九'[i]}`, householdCode: codesA[i % 3] }));
    const valid = others[2]!.idNumber as string;
    const wrongCheckDigit = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const rows = [firstHead, others[0]!, others[1]!, { ...others[2]!, idNumber: wrongCheckDigit }, others[3]!, others[4]!, lastHead, ...others.slice(5)];
    const file = path.join(os.tmpdir(), `lanes-${process.pid}.xlsx`);
    fs.writeFileSync(file, await workbookOf(rows));
    const actor = await staffActor();
    const { id } = await service.startImport(actor, { path: file, fileName: 'lanes.xlsx' }, 'skip-invalid');
    await service.whenIdle();
    expect(await service.getJob(actor, id)).toMatchObject({ status: 'done', total: 11, processed: 11, created: 10, updated: 0, failed: 1 });
    const report = await readSheet(Buffer.from(await streamToBuffer(await service.errorsWorkbook(actor, id))));
    expect(report.slice(1).map((r) => r[0])).toEqual(['5']);
    expect(await countByIdNumbers(rows.filter((_, i) => i !== 3).map((r) => r.idNumber as string))).toBe(10);
    const [head] = await queryRows<{ name: string }>(
      t.database.db,
      sql`SELECT r.name FROM households h JOIN residents r ON r.id = h.head_resident_id JOIN places p ON p.id = h.place_id WHERE p.code = ${household}`,
    );
    expect(head!.name).toBe('钱二');
  });

  it('refuses merged cells row by row', async () => {
    const rows = [person({ name: '甲' }), person({ name: '乙' }), person({ name: '丙' })];
    const job = await importAndWait(staff, await workbookOf(rows, { merges: ['F3:F4'] }));
    expect(job).toMatchObject({ status: 'done', created: 1, failed: 2 });
    const sheet = await readSheet((await staff.get(`/api/v1/residents/imports/${job.id}/errors`)).rawPayload);
    expect(sheet.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['3', '住户编码'],
      ['4', '住户编码'],
    ]);
    expect(sheet[1]![2]).toContain('合并单元格 F3:F4');
  });

  it('writes nothing in all-or-nothing mode when one row is bad', async () => {
    const rows = [person({ name: '好人一' }), person({ name: '好人二' }), person({ name: '坏行', phone: '99' })];
    const job = await importAndWait(staff, await workbookOf(rows), 'all-or-nothing');
    expect(job).toMatchObject({ status: 'failed', created: 0, updated: 0, failed: 1, total: 3 });
    expect(job.message).toContain('未写入任何数据');
    expect(await countByIdNumbers(rows.map((r) => r.idNumber as string))).toBe(0);
  });
});

describe('bad input', () => {
  it('refuses a file that is not an xlsx, whatever its name', async () => {
    const response = await upload(staff, Buffer.from('姓名,证件号码\n张三,110105194912310021\n'), 'skip-invalid', 'fake.xlsx');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'import_not_xlsx', detail: '请上传 .xlsx 格式的 Excel 文件' });
    const zipNotXlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]);
    expect((await upload(staff, zipNotXlsx)).json().code).toBe('import_not_xlsx');
  });

  it('refuses an empty file, no file and an unknown mode', async () => {
    const empty = await upload(staff, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('import_empty');
    const none = await staff.post('/api/v1/residents/imports', { mode: 'skip-invalid' });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('import_no_file');
    const badMode = await upload(staff, await workbookOf([person()]), 'sometimes');
    expect(badMode.json().code).toBe('import_bad_mode');
  });

  it('refuses a sheet without data rows and a wrong layout', async () => {
    const headerOnly = await upload(staff, await workbookOf([]));
    expect(headerOnly.statusCode).toBe(422);
    expect(headerOnly.json().code).toBe('import_no_rows');
    const layout = await upload(staff, await workbookOf([person()], { headers: ['姓名', '身份证', '地址'] }));
    expect(layout.statusCode).toBe(422);
    expect(layout.json().code).toBe('import_bad_layout');
    expect(layout.json().detail).toContain('缺少必填列“证件号码”“住户编码”');
  });

  it('refuses an over-size file with 413 and writes no job', async () => {
    const [before] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM resident_imports`);
    const huge = Buffer.concat([await workbookOf([person()]), Buffer.alloc(IMPORT_MAX_BYTES + 1024)]);
    const response = await upload(staff, huge);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'import_too_large' });
    expect(response.json().detail).toContain('50 MB');
    const [after] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM resident_imports`);
    expect(after!.n).toBe(before!.n);
  });

  it('refuses too many rows before writing anything', async () => {
    const service = createResidentsExcelService({ db: t.database.db, cipher: testCipher(), places: t.app.services.places, maxRows: 3, batchSize: 2 });
    const rows = [person(), person(), person(), person()];
    const file = path.join(os.tmpdir(), `too-many-${process.pid}.xlsx`);
    fs.writeFileSync(file, await workbookOf(rows));
    const actor = await staffActor();
    const { id } = await service.startImport(actor, { path: file, fileName: 'big.xlsx' }, 'skip-invalid');
    await service.whenIdle();
    const job = await service.getJob(actor, id);
    expect(job.status).toBe('failed');
    expect(job.message).toContain('行数过多：最多 3 行');
    expect(await countByIdNumbers(rows.map((r) => r.idNumber as string))).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function staffActor(): Promise<Actor> {
  const { communityA } = await t.demo();
  const [user] = await queryRows<{ id: string }>(t.database.db, sql`SELECT id FROM users WHERE username = 'staff'`);
  return {
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
}

describe('export', () => {
  it('exports the filtered list with full values for a user who may reveal, and the file imports back with no errors and no new rows', async () => {
    const seeded = [person({ name: '导出甲', relationToHead: '户主' }), person({ name: '导出乙', phone: null, householdCode: codesA[2] })];
    expect((await importAndWait(staff, await workbookOf(seeded))).created).toBe(2);
    const response = await staff.get(`/api/v1/residents/export?placeId=${communityAId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const sheet = await readSheet(response.rawPayload);
    expect(sheet[0]!.slice(0, 3)).toEqual(['姓名*', '证件类型', '证件号码*']);
    const exported = sheet.slice(1);
    expect(exported.length).toBe(Number(response.headers['x-total-count']));
    const row = exported.find((r) => r[0] === '导出甲')!;
    expect(row[2]).toBe(seeded[0]!.idNumber);
    expect(row[8]).toBe('13800138000');
    expect(row[5]).toBe(seeded[0]!.householdCode);

    const [before] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM residents`);
    const again = await importAndWait(staff, response.rawPayload, 'all-or-nothing');
    expect(again).toMatchObject({ status: 'done', failed: 0, created: 0, updated: exported.length });
    const [after] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM residents`);
    expect(after!.n).toBe(before!.n);

    const [audit] = await queryRows<{ after: { rows: number; revealed: boolean; filters: { placeId: string } } }>(
      t.database.db,
      sql`SELECT after FROM audit_log WHERE action = 'resident.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit!.after).toMatchObject({ rows: exported.length, revealed: true, filters: { placeId: communityAId } });
  });

  it('writes every row once and in order across many pages, with full values decrypted off the main thread', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => person({ name: `分页${String(i).padStart(2, '0')}`, phone: `1390000${String(i).padStart(4, '0')}` }));
    expect((await importAndWait(staff, await workbookOf(rows))).created).toBe(70);
    // Pages of 7 end exactly on the last row; pages of 32 leave a short last page.
    for (const chunkSize of [7, 32]) {
      const result = await exportResidents({ db: t.database.db, cipher: testCipher(), places: t.app.services.places, chunkSize }, await staffActor(), { q: '分页', sort: 'name', order: 'asc' });
      const chunks: Buffer[] = [];
      for await (const chunk of result.stream) chunks.push(chunk as Buffer);
      const exported = (await readSheet(Buffer.concat(chunks))).slice(1);
      expect(exported.map((r) => r[0])).toEqual(rows.map((r) => r.name));
      expect(exported.map((r) => r[2])).toEqual(rows.map((r) => r.idNumber));
      expect(exported.map((r) => r[8])).toEqual(rows.map((r) => r.phone));
    }
  });

  it('applies the list filters (name, ID number)', async () => {
    const target = person({ name: '筛选专用' });
    await importAndWait(staff, await workbookOf([target]));
    const byName = await readSheet((await staff.get(`/api/v1/residents/export?q=${encodeURIComponent('筛选')}`)).rawPayload);
    expect(byName.slice(1).map((r) => r[0])).toEqual(['筛选专用']);
    const byId = await readSheet((await staff.get(`/api/v1/residents/export?idNumber=${target.idNumber as string}`)).rawPayload);
    expect(byId.slice(1).map((r) => r[0])).toEqual(['筛选专用']);
  });

  it('masks ID numbers and phones for a user who may export but not reveal', async () => {
    const target = person({ name: '脱敏测试' });
    await importAndWait(staff, await workbookOf([target]));
    const base = await staffActor();
    const gridLeader: Actor = { ...base, grants: base.grants.map((g) => ({ ...g, role: 'grid_leader' as const })), permissions: permissionsOf(['grid_leader']) };
    const result = await t.app.residentsExcel.exportResidents(gridLeader, { q: '脱敏测试', sort: 'createdAt', order: 'desc' });
    const chunks: Buffer[] = [];
    for await (const chunk of result.stream) chunks.push(chunk as Buffer);
    const [, row] = await readSheet(Buffer.concat(chunks));
    expect(row![2]).toBe(`${(target.idNumber as string).slice(0, 4)}**********${(target.idNumber as string).slice(-4)}`);
    expect(row![8]).toBe('138****8000');
  });

  it('exports only rows inside the scope and needs the export permission', async () => {
    const sheetB = await readSheet((await staffB.get('/api/v1/residents/export')).rawPayload);
    expect(sheetB.slice(1).some((r) => r[0] === '导出甲')).toBe(false);
    const grid = await t.login('gridA');
    expect((await grid.get('/api/v1/residents/export')).statusCode).toBe(403);
    expect((await staffB.get(`/api/v1/residents/export?placeId=${communityAId}`)).statusCode).toBe(404);
  });
});

describe('jobs', () => {
  it("answers 404 for another user's import job and its errors", async () => {
    const job = await importAndWait(staff, await workbookOf([person()]));
    expect((await staffB.get(`/api/v1/residents/imports/${job.id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/v1/residents/imports/${job.id}/errors`)).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/residents/imports/${job.id}`)).statusCode).toBe(200);
  });

  it('marks jobs left running by a stopped process as failed', async () => {
    const actor = await staffActor();
    const [stale] = await queryRows<{ id: string }>(
      t.database.db,
      sql`INSERT INTO resident_imports (status, mode, file_name, actor_id, created_at) VALUES ('running', 'skip-invalid', 'old.xlsx', ${actor.userId}, now() - interval '2 hours') RETURNING id`,
    );
    expect(await failInterruptedImports(t.database.db, { startedBefore: new Date(Date.now() - 3600_000) })).toBe(1);
    const job = (await staff.get(`/api/v1/residents/imports/${stale!.id}`)).json<ImportJob>();
    expect(job.status).toBe('failed');
    expect(job.message).toContain('服务重启导致导入中断');
  });
});
