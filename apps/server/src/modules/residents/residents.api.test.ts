import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf, type Household, type Resident, type ResidentDetail } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';

/** A valid number of the demo district; the demo seed keeps sequences below 800, so 8xx/9xx are free. */
const idOf = (birth: string, seq: number) => {
  const first17 = `340406${birth}${String(seq).padStart(3, '0')}`;
  return `${first17}${checkDigitOf(first17)}`;
};
const yearsAgo = (years: number) => {
  const d = new Date();
  return `${d.getFullYear() - years}0101`;
};

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridA: Client;
let gridB: Client;
let h1: Household;
let h2: Household;
let hB: Household;

const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.database.db, query))[0]!.n);
const residentCount = () => count(sql`SELECT count(*)::int AS n FROM residents`);
const auditCount = (action: string) => count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`);

async function create(client: Client, body: Record<string, unknown>) {
  return client.post('/api/v1/residents', { householdId: h1.id, ...body });
}

async function created(client: Client, body: Record<string, unknown>): Promise<ResidentDetail> {
  const response = await create(client, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ResidentDetail>();
}

beforeAll(async () => {
  t = await createTestApp();
  const demo = await t.demo();
  [staff, staffB, gridA, gridB] = await Promise.all(['staff', 'staffB', 'gridA', 'gridB'].map((u) => t.login(u))) as [Client, Client, Client, Client];
  const inGridA = (await staff.get(`/api/v1/households?placeId=${demo.gridA.id}`)).json<{ items: Household[] }>().items;
  [h1, h2] = inGridA as [Household, Household];
  hB = (await staff.get(`/api/v1/households?placeId=${demo.gridB.id}`)).json<{ items: Household[] }>().items[0]!;
});

describe('registering a resident', () => {
  it('takes gender and birth date from the ID card, masks ID and phone, and writes an audit row without plaintext', async () => {
    const idNumber = idOf('19850312', 901);
    const resident = await created(staff, { name: '闻一', idNumber, phone: '13812345678', careGroups: [{ code: 'veteran' }], relationToHead: 'other', healthNotes: '高血压' });
    expect(resident).toMatchObject({ name: '闻一', gender: 'male', birthDate: '1985-03-12', householdId: h1.id, careGroups: ['veteran'], hasHealthNotes: true, status: 'active', isMinor: false });
    expect(resident.idNumber).toBe(`3404**********${idNumber.slice(-4)}`);
    expect(resident.phone).toBe('138****5678');
    expect(resident.age).toBeGreaterThanOrEqual(40);
    expect(resident.moves).toHaveLength(1);
    const [audit] = await queryRows<{ after: unknown }>(t.database.db, sql`SELECT after FROM audit_log WHERE action = 'resident.create' AND entity_id = ${resident.id}`);
    expect(JSON.stringify(audit!.after)).not.toContain(idNumber);
    expect(JSON.stringify(audit!.after)).not.toContain('13812345678');
  });

  it('refuses wrong check digits, impossible and future birth dates, mismatches and bad phones, writing nothing', async () => {
    const before = await residentCount();
    const audits = await auditCount('resident.create');
    const good = idOf('19900101', 903);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ name: '甲', idNumber: wrongCheck }, 422, 'id_number_invalid', '校验码错误'],
      [{ name: '甲', idNumber: idOf('19850230', 905) }, 422, 'id_number_invalid', '出生日期部分无效'],
      [{ name: '甲', idNumber: idOf(`${new Date().getFullYear() + 2}0101`, 905) }, 422, 'id_number_invalid', '出生日期部分无效'],
      [{ name: '甲', idNumber: good, gender: 'female' }, 422, 'id_number_mismatch', '性别与身份证号码不一致'],
      [{ name: '甲', idNumber: good, birthDate: '1990-01-02' }, 422, 'id_number_mismatch', '出生日期与身份证号码不一致'],
      [{ name: '甲', idType: 'passport', idNumber: 'E12345678', gender: 'male', birthDate: '2099-01-01' }, 422, 'birth_date_invalid', '出生日期不合理'],
      [{ name: '甲', idType: 'passport', idNumber: 'E12345678' }, 422, 'birth_date_required', '非居民身份证'],
      [{ name: '甲', idNumber: good, phone: '1381234' }, 400, 'validation_failed', 'phone'],
      [{ name: '甲', idNumber: good, careGroups: [{ code: 'no_such_group' }] }, 422, 'care_group_unknown', 'no_such_group'],
      [{ name: '甲', idNumber: good, careGroups: [{ code: 'veteran', grade: 2 }] }, 422, 'care_group_grade_not_allowed', '退役军人'],
      [{ name: '甲', idNumber: good, careGroups: [{ code: 'disabled', grade: 2, startDate: '2024-05-01', endDate: '2024-01-01' }] }, 422, 'date_range_invalid', '结束日期'],
    ];
    for (const [body, status, code, text] of cases) {
      const response = await create(staff, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code });
      expect(response.json<{ detail: string }>().detail).toContain(text);
    }
    expect(await residentCount()).toBe(before);
    expect(await auditCount('resident.create')).toBe(audits);
  });

  it('answers 409 resident_duplicate for an ID number already registered, in any letter case', async () => {
    const first17 = `340406${'19700101'}90`;
    let idNumber = '';
    for (let seq = 0; seq < 10; seq++) if (checkDigitOf(`${first17}${seq}`) === 'X') idNumber = `${first17}${seq}X`;
    expect(idNumber).not.toBe('');
    await created(staff, { name: '韦小宝', idNumber });
    const before = await residentCount();
    const response = await create(staff, { name: '韦小宝二', idNumber: idNumber.toLowerCase(), householdId: h2.id });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'resident_duplicate', detail: '证件号码已登记（韦小宝）' });
    expect(await residentCount()).toBe(before);
  });

  it('answers 404 for a household outside the user’s scope', async () => {
    const before = await residentCount();
    expect((await create(gridB, { name: '越界', idNumber: idOf('19800101', 907) })).statusCode).toBe(404);
    expect((await create(staffB, { name: '越界', idNumber: idOf('19800101', 907) })).statusCode).toBe(404);
    expect((await create(gridA, { name: '越界', idNumber: idOf('19800101', 907), householdId: hB.id })).statusCode).toBe(404);
    expect(await residentCount()).toBe(before);
  });
});

describe('lists and search', () => {
  let zhuge: ResidentDetail;
  let lonely: ResidentDetail;
  beforeAll(async () => {
    zhuge = await created(staff, { name: '诸葛亮', idNumber: idOf('19810723', 911), phone: '13911112222', householdId: h2.id });
    lonely = await created(staff, { name: '东方朔', idNumber: idOf(yearsAgo(78), 913), householdId: h2.id, careGroups: [{ code: 'living_alone' }, { code: 'disabled', grade: 2 }] });
  });

  const list = async (client: Client, query: string) => {
    const response = await client.get(`/api/v1/residents?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: Resident[]; nextCursor: string | null; total: number }>();
  };

  it('finds two-character names, substrings and pinyin initials through the name keys', async () => {
    const byName = await list(staff, `q=${encodeURIComponent('闻一')}`);
    expect(byName.items.map((r) => r.name)).toContain('闻一');
    expect(byName.items.every((r) => r.name.includes('闻一'))).toBe(true);
    expect((await list(staff, `q=${encodeURIComponent('诸葛亮')}`)).items.map((r) => r.id)).toEqual([zhuge.id]);
    expect((await list(staff, `q=${encodeURIComponent('葛亮')}`)).items.map((r) => r.id)).toContain(zhuge.id);
    expect((await list(staff, 'q=zgl')).items.map((r) => r.id)).toContain(zhuge.id);
    expect((await list(staff, 'q=ZGL')).items.map((r) => r.id)).toContain(zhuge.id);
  });

  it('finds by exact ID number and phone through the blind indexes', async () => {
    expect((await list(staff, `idNumber=${idOf('19810723', 911)}`)).items.map((r) => r.id)).toEqual([zhuge.id]);
    expect((await list(staff, `idNumber=${idOf('19810723', 911).slice(0, 17)}`)).items).toEqual([]);
    expect((await list(staff, 'phone=13911112222')).items.map((r) => r.id)).toEqual([zhuge.id]);
    expect((await list(staff, 'phone=139-1111-2222')).items.map((r) => r.id)).toEqual([zhuge.id]);
  });

  it('filters by care group, age range and place', async () => {
    const lonelyOnes = await list(staff, 'careGroup=living_alone&limit=200');
    expect(lonelyOnes.items.map((r) => r.id)).toContain(lonely.id);
    expect(lonelyOnes.items.every((r) => r.careGroups.includes('living_alone'))).toBe(true);
    const old = await list(staff, 'ageMin=60&limit=200');
    expect(old.total).toBeGreaterThan(0);
    expect(old.items.every((r) => r.age >= 60)).toBe(true);
    const children = await list(staff, 'ageMax=13&limit=200');
    expect(children.total).toBeGreaterThan(0);
    expect(children.items.every((r) => r.age <= 13 && r.isMinor)).toBe(true);
    const band = await list(staff, 'ageMin=30&ageMax=40&limit=200');
    expect(band.items.every((r) => r.age >= 30 && r.age <= 40)).toBe(true);
    const inH2 = await list(staff, `placeId=${h2.id}`);
    expect(inH2.items.map((r) => r.id)).toEqual(expect.arrayContaining([zhuge.id, lonely.id]));
    expect(inH2.items.every((r) => r.householdId === h2.id)).toBe(true);
  });

  it('pages with a cursor in every sort order, without gaps or repeats', async () => {
    for (const sort of ['createdAt', 'name', 'birthDate'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let total = 0;
        do {
          const page = await list(staff, `limit=7&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ''}`);
          total = page.total;
          seen.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(total);
      }
    }
    expect((await staff.get('/api/v1/residents?cursor=garbage')).statusCode).toBe(400);
  });

  it('masks ID numbers and phones in every list item', async () => {
    const page = await list(staff, 'limit=200');
    for (const r of page.items) {
      if (r.idType === 'resident_id') expect(r.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      if (r.phone) expect(r.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });

  it('keeps a grid worker inside their grid and a community staff inside their community', async () => {
    expect((await list(gridB, `idNumber=${idOf('19810723', 911)}`)).items).toEqual([]);
    expect((await list(staffB, 'q=zgl')).items.map((r) => r.id)).not.toContain(zhuge.id);
    expect((await gridB.get(`/api/v1/residents?placeId=${h2.id}`)).statusCode).toBe(404);
    expect((await gridB.get(`/api/v1/residents/${zhuge.id}`)).statusCode).toBe(404);
    expect((await staffB.get(`/api/v1/residents/${zhuge.id}`)).statusCode).toBe(404);
    expect((await gridB.patch(`/api/v1/residents/${zhuge.id}`, { name: '改' })).statusCode).toBe(404);
    expect((await gridA.get(`/api/v1/residents/${zhuge.id}`)).statusCode).toBe(200);
    const anonymous = await t.anonymous().get('/api/v1/residents');
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('privacy', () => {
  const idNumber = idOf('19760909', 921);
  const phone = '13755556666';
  let resident: ResidentDetail;
  beforeAll(async () => {
    resident = await created(staff, { name: '苗翠花', idNumber, phone, healthNotes: '慢性支气管炎' });
  });

  it('reveals a full value only with the permission, and audits the reason', async () => {
    const response = await staff.post(`/api/v1/residents/${resident.id}/reveal`, { field: 'idNumber', reason: '办理低保核对身份' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ field: 'idNumber', value: idNumber });
    expect((await staff.post(`/api/v1/residents/${resident.id}/reveal`, { field: 'phone', reason: '电话回访' })).json()).toEqual({ field: 'phone', value: phone });
    expect((await staff.post(`/api/v1/residents/${resident.id}/reveal`, { field: 'healthNotes', reason: '走访准备' })).json()).toEqual({ field: 'healthNotes', value: '慢性支气管炎' });
    const audits = await queryRows<{ after: { field: string; reason: string }; actor_name: string }>(
      t.database.db,
      sql`SELECT after, actor_name FROM audit_log WHERE action = 'resident.reveal' AND entity_id = ${resident.id} ORDER BY seq`,
    );
    expect(audits.map((a) => a.after)).toEqual([
      { field: 'idNumber', reason: '办理低保核对身份' },
      { field: 'phone', reason: '电话回访' },
      { field: 'healthNotes', reason: '走访准备' },
    ]);
    expect(audits.every((a) => a.actor_name === 'staff')).toBe(true);
    const denied = await gridA.post(`/api/v1/residents/${resident.id}/reveal`, { field: 'idNumber', reason: '想看看' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'forbidden' });
    expect((await gridB.post(`/api/v1/residents/${resident.id}/reveal`, { field: 'idNumber', reason: '想看看' })).statusCode).toBe(404);
    expect((await staff.post(`/api/v1/residents/${resident.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resident.reveal' AND entity_id = ${resident.id}`)).toBe(3);
  });

  it('shows masked values by default, also in the detail', async () => {
    const detail = (await staff.get(`/api/v1/residents/${resident.id}`)).json<ResidentDetail>();
    expect(detail.idNumber).toBe(`3404**********${idNumber.slice(-4)}`);
    expect(detail.phone).toBe('137****6666');
    expect(JSON.stringify(detail)).not.toContain(idNumber);
    expect(JSON.stringify(detail)).not.toContain('慢性支气管炎');
    expect(detail.abilities).toEqual({ update: true, delete: true, reveal: true });
    expect((await gridA.get(`/api/v1/residents/${resident.id}`)).json<ResidentDetail>().abilities).toEqual({ update: true, delete: true, reveal: false });
  });

  it('leaves no plaintext ID number, phone or health note in a dump of the database', async () => {
    const dump = async (table: string) => (await queryRows<{ row: string }>(t.database.db, sql`SELECT t::text AS row FROM ${sql.identifier(table)} t`)).map((r) => r.row).join('\n');
    for (const table of ['residents', 'audit_log', 'resident_moves', 'resident_care_groups', 'households']) {
      const text = await dump(table);
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(phone);
      expect(text).not.toContain('慢性支气管炎');
    }
    const [row] = await queryRows<{ id_number_enc: string }>(t.database.db, sql`SELECT id_number_enc FROM residents WHERE id = ${resident.id}`);
    expect(row!.id_number_enc).toMatch(/^v1\.(gcm|sm4)\./);
  });

  it('exports everything held about the person (PIPL), decrypted, as an audited download', async () => {
    await gridA.post(`/api/v1/residents/${resident.id}/visits`, { visitedAt: new Date().toISOString(), observations: '身体状况良好', needsFound: '希望维修水管' });
    const response = await staff.get(`/api/v1/residents/${resident.id}/personal-data`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const data = response.json();
    expect(data.resident).toMatchObject({ id: resident.id, name: '苗翠花', idNumber, phone, healthNotes: '慢性支气管炎' });
    expect(data.moves).toHaveLength(1);
    expect(data.visits).toEqual([expect.objectContaining({ observations: '身体状况良好', needsFound: '希望维修水管' })]);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resident.personal-data-export' AND entity_id = ${resident.id}`)).toBe(1);
    expect((await gridA.get(`/api/v1/residents/${resident.id}/personal-data`)).statusCode).toBe(403);
    expect((await staffB.get(`/api/v1/residents/${resident.id}/personal-data`)).statusCode).toBe(404);
  });
});

describe('children under 14', () => {
  let child: ResidentDetail;
  beforeAll(async () => {
    child = await created(staff, { name: '小虎', idNumber: idOf(yearsAgo(9), 931), relationToHead: 'child' });
  });

  it('need their own permission: a grid worker gets 403, community staff get through', async () => {
    expect(child.isMinor).toBe(true);
    const denied = await gridA.get(`/api/v1/residents/${child.id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'resident_minor_forbidden', detail: '查看未满 14 周岁儿童的档案需要专门权限' });
    expect((await gridA.patch(`/api/v1/residents/${child.id}`, { notes: '改' })).statusCode).toBe(403);
    expect((await gridA.get(`/api/v1/residents/${child.id}/visits`)).statusCode).toBe(403);
    expect((await staff.get(`/api/v1/residents/${child.id}`)).statusCode).toBe(200);
  });

  it('and every opening is written to the audit log', async () => {
    const opened = () => count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resident.open-minor' AND entity_id = ${child.id}`);
    const before = await opened();
    await staff.get(`/api/v1/residents/${child.id}`);
    await staff.get(`/api/v1/residents/${child.id}`);
    expect(await opened()).toBe(before + 2);
    const adult = (await staff.get('/api/v1/residents?ageMin=30&limit=1')).json<{ items: Resident[] }>().items[0]!;
    await staff.get(`/api/v1/residents/${adult.id}`);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resident.open-minor' AND entity_id = ${adult.id}`)).toBe(0);
  });
});

describe('corrections, moves and deletion', () => {
  it('corrects fields and re-derives identity; refuses bad corrections without changing anything', async () => {
    const resident = await created(staff, { name: '蓝采和', idNumber: idOf('19660606', 941), phone: '13600001111' });
    const good = idOf('19660606', 941);
    const bad = await staff.patch(`/api/v1/residents/${resident.id}`, { idNumber: good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), name: '不应保存' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'id_number_invalid', errors: [{ path: 'idNumber' }] });
    expect((await staff.get(`/api/v1/residents/${resident.id}`)).json<ResidentDetail>().name).toBe('蓝采和');
    expect((await staff.patch(`/api/v1/residents/${resident.id}`, { gender: 'female' })).json()).toMatchObject({ code: 'id_number_mismatch' });
    expect((await staff.patch(`/api/v1/residents/${resident.id}`, { phone: '12' })).statusCode).toBe(400);
    const newId = idOf('19660607', 942);
    const fixed = await staff.patch(`/api/v1/residents/${resident.id}`, { idNumber: newId, phone: null, occupation: '退休' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ birthDate: '1966-06-07', gender: 'female', phone: null, occupation: '退休' });
    expect((await staff.get(`/api/v1/residents?idNumber=${newId}`)).json<{ items: Resident[] }>().items.map((r) => r.id)).toEqual([resident.id]);
    expect((await staff.get(`/api/v1/residents?idNumber=${idOf('19660606', 941)}`)).json<{ items: Resident[] }>().items).toEqual([]);
    const [audit] = await queryRows<{ before: { phone: string }; after: { phone: string | null } }>(t.database.db, sql`SELECT before, after FROM audit_log WHERE action = 'resident.update' AND entity_id = ${resident.id} ORDER BY seq DESC LIMIT 1`);
    expect(audit).toMatchObject({ before: { phone: '136****1111' }, after: { phone: null } });
  });

  it('moves a resident between households, keeping the history', async () => {
    const resident = await created(staff, { name: '何仙姑', idNumber: idOf('19720202', 944), relationToHead: 'other', careGroups: [{ code: 'low_income' }] });
    const h1Before = (await staff.get(`/api/v1/households/${h1.id}`)).json<Household>().memberCount;
    const moved = await staff.patch(`/api/v1/residents/${resident.id}`, { householdId: h2.id, moveReason: '购房迁居' });
    expect(moved.statusCode, moved.body).toBe(200);
    const detail = moved.json<ResidentDetail>();
    expect(detail.householdId).toBe(h2.id);
    expect(detail.careGroups).toEqual(['low_income']);
    expect(detail.moves.map((m) => [m.fromHouseholdId, m.toHouseholdId, m.reason])).toEqual([
      [null, h1.id, '登记'],
      [h1.id, h2.id, '购房迁居'],
    ]);
    expect(detail.moves[1]!.fromHouseholdName).toBe(h1.name);
    expect((await staff.get(`/api/v1/households/${h1.id}`)).json<Household>().memberCount).toBe(h1Before - 1);
    const [paths] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM resident_care_groups WHERE resident_id = ${resident.id} AND place_path = ${h2.path}`);
    expect(paths!.n).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resident.move' AND entity_id = ${resident.id}`)).toBe(1);
    expect((await gridA.patch(`/api/v1/residents/${resident.id}`, { householdId: hB.id })).statusCode).toBe(404);
  });

  it('anonymises on delete: the row and its history stay, what identifies the person goes', async () => {
    const idNumber = idOf('19580808', 951);
    const resident = await created(staff, { name: '曹国舅', idNumber, phone: '13577778888', healthNotes: '心脏病', careGroups: [{ code: 'serious_illness' }] });
    await staff.post(`/api/v1/residents/${resident.id}/visits`, { visitedAt: new Date().toISOString(), observations: '精神尚可' });
    expect((await gridB.delete(`/api/v1/residents/${resident.id}`)).statusCode).toBe(404);
    const removed = await staff.delete(`/api/v1/residents/${resident.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const after = (await staff.get(`/api/v1/residents/${resident.id}`)).json<ResidentDetail>();
    expect(after).toMatchObject({ name: '已注销', status: 'anonymised', phone: null, hasHealthNotes: false, careGroups: [], abilities: { update: false, delete: false, reveal: false } });
    expect(after.idNumber).not.toContain(idNumber.slice(-4));
    expect(after.moves).toHaveLength(2);
    expect((await staff.get(`/api/v1/residents/${resident.id}/visits`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await staff.post(`/api/v1/residents/${resident.id}/reveal`, { field: 'idNumber', reason: '核对' })).json()).toEqual({ field: 'idNumber', value: null });
    expect((await staff.patch(`/api/v1/residents/${resident.id}`, { name: '复活' })).json()).toMatchObject({ code: 'resident_anonymised' });
    expect((await staff.delete(`/api/v1/residents/${resident.id}`)).statusCode).toBe(409);
    expect((await staff.get(`/api/v1/residents?idNumber=${idNumber}`)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await staff.get(`/api/v1/residents?status=anonymised`)).json<{ items: Resident[] }>().items.map((r) => r.id)).toContain(resident.id);
    const [row] = await queryRows<{ row: string }>(t.database.db, sql`SELECT r::text AS row FROM residents r WHERE id = ${resident.id}`);
    expect(row!.row).not.toContain('曹国舅');
    // The number is free again: the person may register anew.
    await created(staff, { name: '曹国舅', idNumber });
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resident.anonymise' AND entity_id = ${resident.id}`)).toBe(1);
  });
});

describe('the demo register', () => {
  it('has plausible residents with valid numbers, and the demo resident lives in household A', async () => {
    const demo = await t.demo();
    const family = (await staff.get(`/api/v1/residents?placeId=${demo.householdA.id}`)).json<{ items: Resident[] }>().items.map((r) => r.name);
    expect(family).toEqual(expect.arrayContaining(['张明', '李芳', '张子涵', '张建国']));
    const [stats] = await queryRows<{ total: number; elderly: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE birth_date <= (current_date - interval '60 years'))::int AS elderly FROM residents`,
    );
    expect(stats!.total).toBeGreaterThan(100);
    expect(stats!.elderly / stats!.total).toBeGreaterThan(0.1);
    expect(stats!.elderly / stats!.total).toBeLessThan(0.4);
  });
});
