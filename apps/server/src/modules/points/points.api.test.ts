import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf, type LedgerCheck, type PointsAccount, type PointsEntry } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem } from '../../../../../test-support/expect-problem';
import { runJobOnce } from '../../platform/jobs/scheduler';
import { checkLedger, pointsExpiryJob } from './points.service';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridB: Client;
let resident: Client;
/** 李芳 (the demo account `resident`) and other residents of household A. */
let lifang: string;
let others: string[];

beforeAll(async () => {
  t = await createTestApp();
  const demo = await t.demo();
  [staff, staffB, gridB, resident] = (await Promise.all(['staff', 'staffB', 'gridB', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client];
  const userId = (await resident.get('/api/v1/auth/me')).json<{ id: string }>().id;
  lifang = (await t.app.services.residents.residentIdOf(userId))!;
  // Fresh residents with no points yet (the demo seeds give some residents points from events).
  others = [];
  for (const [i, name] of ['积分测试甲', '积分测试乙'].entries()) {
    const first17 = `34040619850601${771 + i}`;
    const response = await staff.post('/api/v1/residents', { name, idNumber: `${first17}${checkDigitOf(first17)}`, householdId: demo.householdA.id });
    expect(response.statusCode, response.body).toBe(201);
    others.push(response.json<{ id: string }>().id);
  }
});

const account = async (residentId: string, client: Client = staff) => {
  const response = await client.get(`/api/v1/points/accounts/${residentId}?limit=200`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PointsAccount>();
};
const adjust = (amount: number, residentId = lifang, key?: string, reason = '参加社区清洁活动') =>
  staff.post('/api/v1/points/entries', { residentId, amount, reason }, key ? { 'idempotency-key': key } : undefined);
const earn = (residentId: string, amount: number, key: string) =>
  t.app.services.points.earn(t.database.db, { residentId, amount, sourceType: 'test', sourceId: null, reason: '测试获得', actor: null, key });
const spend = (residentId: string, amount: number, key: string) =>
  t.app.services.points.spend(t.database.db, { residentId, amount, sourceType: 'test', sourceId: null, reason: '测试兑换', actor: null, key });

describe('the points ledger', () => {
  it('adjusts with a reason, traces every entry to its source, and applies one key once', async () => {
    const before = await account(lifang);
    const first = await adjust(50, lifang, 'adjust-once-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await adjust(50, lifang, 'adjust-once-1');
    expect(again.statusCode).toBe(201);
    expect(again.json<PointsEntry>().id).toBe(first.json<PointsEntry>().id);
    const after = await account(lifang);
    expect(after.balance).toBe(before.balance + 50);
    expect(after.entries[0]).toMatchObject({ kind: 'adjust', amount: 50, balanceAfter: after.balance, sourceType: 'staff-adjustment', reason: '参加社区清洁活动', actorName: '社区工作人员（A社区）' });
    expectProblem(await adjust(60, lifang, 'adjust-once-1'), 422, 'idempotency_key_reused');
    expectProblem(await staff.post('/api/v1/points/entries', { residentId: lifang, amount: 10 }), 400, 'validation_failed');
    expectProblem(await staff.post('/api/v1/points/entries', { residentId: lifang, amount: 0, reason: '零分' }), 400, 'validation_failed');
  });

  it('never lets a balance go negative, and a refusal changes nothing', async () => {
    const before = await account(lifang);
    const problem = expectProblem(await adjust(-(before.balance + 1), lifang, 'overdraw-1', '扣减测试'), 409, 'points_insufficient');
    expect(problem.detail).toContain(String(before.balance));
    await expect(spend(lifang, before.balance + 1, 'overdraw-2')).rejects.toMatchObject({ status: 409, code: 'points_insufficient' });
    const after = await account(lifang);
    expect(after.balance).toBe(before.balance);
    expect(after.entries).toHaveLength(before.entries.length);
  });

  it('lets exactly as many concurrent spends through as the balance allows', async () => {
    const who = others[0]!;
    await earn(who, 30, `race-earn-${who}`);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => spend(who, 10, `race-spend-${who}-${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await t.app.services.points.balanceOf(who)).toBe(0);
  });

  it('reverses an entry once, and expires what is left of old points', async () => {
    const who = others[1]!;
    const earned = await earn(who, 40, `reverse-earn-${who}`);
    const reversed = await staff.post(`/api/v1/points/entries/${earned.entryId}/reverse`, { reason: '重复发放' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json<PointsEntry>()).toMatchObject({ kind: 'reverse', amount: -40, reversesId: earned.entryId });
    expectProblem(await staff.post(`/api/v1/points/entries/${earned.entryId}/reverse`, { reason: '再冲一次' }), 409, 'points_already_reversed');
    await earn(who, 25, `expire-earn-${who}`);
    await spend(who, 5, `expire-spend-${who}`);
    const future = new Date(Date.now() + 800 * 86_400_000);
    const ran = await runJobOnce(t.database.db, pointsExpiryJob, future);
    expect(ran!.expired).toBeGreaterThanOrEqual(20);
    expect(await t.app.services.points.balanceOf(who)).toBe(0);
    expect((await account(who)).entries[0]).toMatchObject({ kind: 'expire', amount: -20, balanceAfter: 0 });
    expect(await runJobOnce(t.database.db, pointsExpiryJob, future)).toMatchObject({ expired: 0 });
  });

  it('shows a resident their own account and nobody else’s; staff see only their scope', async () => {
    const mine = await resident.get('/api/v1/points/me');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<PointsAccount>()).toMatchObject({ residentId: lifang, residentName: '李芳' });
    expectProblem(await resident.get(`/api/v1/points/accounts/${others[0]}`), 404, 'not_found');
    expectProblem(await staffB.get(`/api/v1/points/accounts/${lifang}`), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/points/accounts/${lifang}`), 404, 'not_found');
    expectProblem(await resident.post('/api/v1/points/entries', { residentId: lifang, amount: 100, reason: '自己加分' }), 403, 'forbidden');
  });

  it('proves every balance equals the sum of its entries', async () => {
    const check = await staff.get('/api/v1/points/check');
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json<LedgerCheck>()).toMatchObject({ ok: true, mismatchedAccounts: [], unbalancedTransactions: [] });
  });
});

describe('ledger invariants under random operations (property-based)', () => {
  type Op = { kind: 'earn' | 'spend' | 'reverse' | 'expire'; who: number; amount: number };
  const op = fc.record({ kind: fc.constantFrom<Op['kind']>('earn', 'spend', 'spend', 'reverse', 'expire'), who: fc.integer({ min: 0, max: 1 }), amount: fc.integer({ min: 1, max: 60 }) });

  it('keeps balances non-negative, equal to their postings and lots, and each transaction balanced', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        run++;
        const people = [others[0]!, others[1]!];
        const model = new Map<string, number>();
        for (const id of people) model.set(id, await t.app.services.points.balanceOf(id));
        const earned: { id: string; who: string; amount: number }[] = [];
        let clock = Date.now() + run * 1_000 * 86_400_000;
        for (const [i, o] of ops.entries()) {
          const who = people[o.who]!;
          const key = `prop-${run}-${i}`;
          if (o.kind === 'earn') {
            earned.push({ id: (await earn(who, o.amount, key)).entryId, who, amount: o.amount });
            model.set(who, model.get(who)! + o.amount);
          } else if (o.kind === 'spend') {
            const ok = await spend(who, o.amount, key).then(
              () => true,
              () => false,
            );
            expect(ok).toBe(model.get(who)! >= o.amount);
            if (ok) model.set(who, model.get(who)! - o.amount);
          } else if (o.kind === 'reverse' && earned.length > 0) {
            const target = earned.shift()!;
            const ok = await t.app.services.points.reverse({ ...(await staffActor()) }, target.id, '测试冲正').then(
              () => true,
              () => false,
            );
            expect(ok).toBe(model.get(target.who)! >= target.amount);
            if (ok) model.set(target.who, model.get(target.who)! - target.amount);
          } else if (o.kind === 'expire') {
            clock += 3_000 * 86_400_000;
            await runJobOnce(t.database.db, pointsExpiryJob, new Date(clock));
            for (const id of people) model.set(id, 0);
          }
          for (const id of people) expect(await t.app.services.points.balanceOf(id)).toBe(model.get(id));
        }
        const check = await checkLedger(t.database.db);
        expect(check.ok, JSON.stringify(check)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });
});

async function staffActor() {
  const me = (await staff.get('/api/v1/auth/me')).json<{ id: string }>();
  const actor = await t.app.services.identity.authenticate(staff.cookie!.split('=')[1]!, { ip: null, userAgent: null, locale: 'zh-CN' });
  expect(actor?.actor.userId).toBe(me.id);
  return actor!.actor;
}
