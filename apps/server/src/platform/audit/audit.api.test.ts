import { sql, type SQL } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';
import { runJobOnce } from '../jobs/scheduler';
import { SEAL_ROUND_ROWS, auditSealJob } from './audit.service';

interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

let t: TestApp;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let auditor: Client;
let staff: Client;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [auditor, staff] = await Promise.all([t.login('auditor'), t.login('staff')]);
});

async function entries(query: string): Promise<AuditEntry[]> {
  const response = await auditor.get(`/api/v1/audit?limit=200&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page<AuditEntry>>().items;
}

async function auditCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log`);
  return Number(row!.n);
}

async function verify(): Promise<VerifyResult> {
  const response = await auditor.get('/api/v1/audit/verify');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<VerifyResult>();
}

/** The PostgreSQL error code of a failed statement (drizzle wraps the driver's error in `cause`). */
function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

async function failureOf(statement: SQL): Promise<unknown> {
  return t.database.db.execute(statement).then(
    () => null,
    (error: unknown) => error,
  );
}

/** What a superuser could do behind the application's back: switch the guard off, change, switch it on. */
async function tamper(statement: SQL): Promise<void> {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
  });
}

describe('what is recorded', () => {
  it('a place update records actor, address, user agent, before and after', async () => {
    const response = await staff.patch(`/api/v1/places/${demo.gridB.id}`, { name: '第二网格（更名）' }, { 'user-agent': 'gridwork-audit-test/1.0' });
    expect(response.statusCode, response.body).toBe(200);
    const [entry] = await entries(`entityType=place&entityId=${demo.gridB.id}`);
    const staffId = (await staff.get('/api/v1/auth/me')).json<{ id: string }>().id;
    expect(entry).toMatchObject({
      action: 'place.update',
      actorId: staffId,
      actorName: 'staff',
      entityType: 'place',
      entityId: demo.gridB.id,
      ip: '127.0.0.1',
      userAgent: 'gridwork-audit-test/1.0',
    });
    expect(entry!.before).toMatchObject({ name: '第二网格', code: demo.gridB.code, path: demo.gridB.path });
    expect(entry!.after).toMatchObject({ name: '第二网格（更名）', code: demo.gridB.code, path: demo.gridB.path });
    expect(Date.now() - new Date(entry!.at).getTime()).toBeLessThan(60_000);
  });

  it('a refused change records nothing, even when part of it had been written inside the transaction', async () => {
    const before = await auditCount();
    const duplicate = await staff.post('/api/v1/places', { parentId: demo.communityA.id, type: 'grid', name: '重复编码', code: demo.gridA.code });
    expect(duplicate.statusCode).toBe(409);
    expect(await auditCount()).toBe(before);

    // The rename is written before the move is found impossible: both roll back, with no audit row.
    const [smallGrid] = (await staff.get(`/api/v1/places?parentId=${demo.gridA.id}&type=grid`)).json<Page<{ id: string }>>().items;
    const move = await staff.patch(`/api/v1/places/${demo.gridA.id}`, { name: '不应保存', parentId: smallGrid!.id });
    expect(move.statusCode).toBe(422);
    expect(await auditCount()).toBe(before);
    expect((await staff.get(`/api/v1/places/${demo.gridA.id}`)).json<{ name: string }>().name).toBe('第一网格');
  });

  it('sign-ins, failed sign-ins and lockouts', async () => {
    await t.login('gridA');
    const memberId = (await (await t.login('member')).get('/api/v1/auth/me')).json<{ id: string }>().id;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'member', password: 'wrong-password-1' } })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);

    const logins = await entries('action=auth.login&actor=gridA');
    expect(logins.length).toBeGreaterThanOrEqual(1);
    expect(logins[0]).toMatchObject({ actorName: 'gridA', entityType: 'user', ip: '127.0.0.1' });
    const failed = (await entries('action=auth.login-failed')).filter((e) => e.entityId === memberId);
    expect(failed).toHaveLength(5);
    expect(failed.every((e) => e.actorId === null && e.actorName === 'member')).toBe(true);
    expect(failed[0]!.after).toEqual({ reason: 'invalid_credentials' });
    const lockouts = (await entries('action=auth.lockout')).filter((e) => e.entityId === memberId);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]!.after).toEqual({ minutes: 15 });
    expect((await entries('action=auth.login-refused-locked')).filter((e) => e.actorName === 'member')).toHaveLength(1);
  });

  it('role assignments and revocations', async () => {
    const created = await staff.post('/api/v1/users', { username: 'audited', displayName: '被审计', role: 'grid_informant', placeId: demo.gridA.id });
    expect(created.statusCode).toBe(201);
    const userId = created.json<{ user: { id: string } }>().user.id;
    const assigned = await staff.post(`/api/v1/users/${userId}/roles`, { role: 'grid_worker', placeId: demo.gridB.id });
    const assignment = assigned.json<{ roles: { id: string; role: string }[] }>().roles.find((r) => r.role === 'grid_worker')!;
    expect((await staff.delete(`/api/v1/users/${userId}/roles/${assignment.id}`)).statusCode).toBe(200);
    const log = (await entries(`entityType=user&entityId=${userId}`)).reverse();
    expect(log.map((e) => e.action)).toEqual(['user.create', 'role.assign', 'role.assign', 'role.revoke']);
    expect(log.every((e) => e.actorName === 'staff')).toBe(true);
    expect(log[2]!.after).toMatchObject({ role: 'grid_worker', placeId: demo.gridB.id });
    expect(log[3]!.before).toEqual({ role: 'grid_worker', placeId: demo.gridB.id });
  });
});

describe('who reads the log', () => {
  it('only holders of audit.read: the auditor', async () => {
    for (const username of ['staff', 'admin', 'sysadmin', 'secadmin', 'gridA']) {
      const client = await t.login(username);
      for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
        const response = await client.get(url);
        expect(response.statusCode, `${username} ${url}`).toBe(403);
        expect(response.json<{ code: string }>().code).toBe('forbidden');
      }
    }
    expect((await t.anonymous().get('/api/v1/audit')).statusCode).toBe(401);
    expect((await auditor.get('/api/v1/audit')).statusCode).toBe(200);
  });

  it('lists newest first, in pages', async () => {
    const first = (await auditor.get('/api/v1/audit?limit=3')).json<Page<AuditEntry>>();
    expect(first.items).toHaveLength(3);
    expect(first.items[0]!.seq).toBeGreaterThan(first.items[1]!.seq);
    const second = (await auditor.get(`/api/v1/audit?limit=3&cursor=${first.nextCursor}`)).json<Page<AuditEntry>>();
    expect(second.items[0]!.seq).toBe(first.items[2]!.seq - 1);
  });

  it('offers no route that changes the log', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect(t.app.hasRoute({ method, url: '/api/v1/audit' })).toBe(false);
    }
  });
});

describe('problem responses of the audit routes', () => {
  it('rejects a malformed filter with a localized 400', async () => {
    const response: LightMyRequestResponse = await auditor.get('/api/v1/audit?from=yesterday');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ code: string; detail: string }>().detail).toContain('提交的数据不符合要求');
  });
});

describe('append-only and hash-chained', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE of the log', async () => {
    const before = await auditCount();
    for (const statement of [sql`UPDATE audit_log SET action = 'forged' WHERE seq = 1`, sql`DELETE FROM audit_log WHERE seq = 1`, sql`TRUNCATE audit_log`]) {
      const error = await failureOf(statement);
      expect(error).not.toBeNull();
      expect(pgCode(error)).toBe('42501');
    }
    expect(await auditCount()).toBe(before);
    const [first] = await queryRows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE seq = 1`);
    expect(first!.action).not.toBe('forged');
  });

  it('links a row to the chain as it is written on the embedded database, and leaves it to the sealing job on PostgreSQL', async () => {
    await staff.patch(`/api/v1/places/${demo.gridA.id}`, { name: '封存测试网格' });
    const [row] = await queryRows<{ seq: number | null }>(t.database.db, sql`SELECT seq FROM audit_log WHERE action = 'place.update' ORDER BY id DESC LIMIT 1`);
    if (t.database.kind === 'pglite') expect(row!.seq).toBeGreaterThan(0);
    else expect(row!.seq).toBeNull();
    await runJobOnce(t.database.db, auditSealJob);
    expect((await verify()).ok).toBe(true);
  });

  it('the sealing job links a bounded round at a time, oldest first, and the chain holds', async () => {
    await runJobOnce(t.database.db, auditSealJob);
    // Unsealed rows, as writers leave them on PostgreSQL.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL gridwork.audit_seal_at_insert = 'off'`);
      await tx.execute(sql`INSERT INTO audit_log (action, entity_type, entity_id, after)
        SELECT 'test.bulk', 'test', g::text, jsonb_build_object('n', g) FROM generate_series(1, ${SEAL_ROUND_ROWS + 200}) g`);
    });
    expect(await runJobOnce(t.database.db, auditSealJob)).toEqual({ sealed: SEAL_ROUND_ROWS });
    const [firstRound] = await queryRows<{ unsealed_min: string }>(t.database.db, sql`SELECT min(entity_id::int)::text AS unsealed_min FROM audit_log WHERE seq IS NULL AND entity_type = 'test'`);
    expect(firstRound!.unsealed_min).toBe(String(SEAL_ROUND_ROWS + 1));
    expect(await runJobOnce(t.database.db, auditSealJob)).toEqual({ sealed: 200 });
    expect(await runJobOnce(t.database.db, auditSealJob)).toEqual({ sealed: 0 });
    expect((await verify()).ok).toBe(true);
  });

  it('verifies an intact chain', async () => {
    const result = await verify();
    expect(result).toEqual({ ok: true, checked: await auditCount(), firstBrokenSeq: null });
    expect(result.checked).toBeGreaterThan(10);
  });

  // The two tests below break the chain on purpose, so they come last in this file.
  it('finds an edited row', async () => {
    const [original] = await queryRows<{ after: string | null }>(t.database.db, sql`SELECT after::text AS after FROM audit_log WHERE seq = 3`);
    await tamper(sql`UPDATE audit_log SET after = '{"x":1}' WHERE seq = 3`);
    expect(await verify()).toEqual({ ok: false, checked: await auditCount(), firstBrokenSeq: 3 });
    // Putting the original content back repairs the chain: the check is on content, not on having been touched.
    await tamper(sql`UPDATE audit_log SET after = ${original!.after}::jsonb WHERE seq = 3`);
    expect((await verify()).ok).toBe(true);
  });

  it('finds a removed row', async () => {
    const [middle] = await queryRows<{ seq: number }>(t.database.db, sql`SELECT (max(seq) / 2)::int AS seq FROM audit_log`);
    const seq = Number(middle!.seq);
    expect(seq).toBeGreaterThan(3);
    const before = await auditCount();
    await tamper(sql`DELETE FROM audit_log WHERE seq = ${seq}`);
    expect(await verify()).toEqual({ ok: false, checked: before - 1, firstBrokenSeq: seq + 1 });
  });
});
