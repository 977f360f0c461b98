import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PointsAccount, StoreDonation, StoreGoods, StoreRedemption, StoreReport } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { queryRows } from '../../db/sql';

let t: TestApp;
let staff: Client;
let staffB: Client;
let gridB: Client;
let resident: Client;
let member: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
/** 李芳 (the demo account `resident`), 张明 (`member`) and the other people of household A, who have no account. */
let lifang: string;
let zhangming: string;
let others: string[];

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, staffB, gridB, resident, member] = (await Promise.all(['staff', 'staffB', 'gridB', 'resident', 'member'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  const idOf = async (client: Client) => (await t.app.services.residents.residentIdOf((await client.get('/api/v1/auth/me')).json<{ id: string }>().id))!;
  [lifang, zhangming] = [await idOf(resident), await idOf(member)];
  const household = (await staff.get(`/api/v1/residents?placeId=${demo.householdA.id}`)).json<{ items: { id: string; name: string }[] }>().items;
  // Adults only: a minor's record needs a permission the counter does not test here.
  others = household.filter((r) => r.id !== lifang && r.id !== zhangming && r.name !== '张子涵').map((r) => r.id);
  expect(others.length).toBeGreaterThanOrEqual(1);
});

let seq = 0;
const unique = (name: string) => `${name}-${++seq}`;
const created = <T>(response: LightMyRequestResponse): T => {
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
};
const ok = <T>(response: LightMyRequestResponse): T => {
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
};
const newGoods = async (body: Record<string, unknown> = {}) =>
  created<StoreGoods>(await staff.post('/api/v1/store/goods', { placeId: demo.communityA.id, name: unique('测试物品'), category: '测试', pointsPrice: 30, stock: 5, unit: '件', ...body }));
const give = (residentId: string, amount: number) =>
  t.app.services.points.earn(t.database.db, { residentId, amount, sourceType: 'test', sourceId: null, reason: '测试获得', actor: null, key: unique(`store-test-earn-${residentId}`) });
const redeem = (client: Client, body: Record<string, unknown>, key?: string) => client.post('/api/v1/store/redemptions', body, key ? { 'idempotency-key': key } : undefined);
const stockOf = async (goodsId: string) => ok<StoreGoods>(await staff.get(`/api/v1/store/goods/${goodsId}`)).stock;
/** The ledger as the points module shows it: balance and how many entries. */
const ledger = async (residentId: string) => {
  const account = ok<PointsAccount>(await staff.get(`/api/v1/points/accounts/${residentId}?limit=200`));
  return { balance: account.balance, entries: account.entries.length };
};
const chinaMonth = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

describe('the goods catalogue', () => {
  it('takes positive whole point prices and stock that is not negative', async () => {
    const item = await newGoods({ pointsPrice: 200, stock: 3, unit: '袋' });
    expect(item).toMatchObject({ pointsPrice: 200, stock: 3, unit: '袋', active: true, placeId: demo.communityA.id });
    for (const bad of [{ pointsPrice: 0 }, { pointsPrice: -5 }, { pointsPrice: 1.5 }, { stock: -1 }, { name: '' }]) {
      expectProblem(await staff.post('/api/v1/store/goods', { placeId: demo.communityA.id, name: unique('坏'), category: '测试', pointsPrice: 10, unit: '件', ...bad }), 400, 'validation_failed');
    }
    expectProblem(await staff.patch(`/api/v1/store/goods/${item.id}`, { pointsPrice: -1 }), 400, 'validation_failed');
    expectProblem(await staff.patch(`/api/v1/store/goods/${item.id}`, { stock: 100 }), 400, 'validation_failed');
    expectProblem(await staff.post('/api/v1/store/goods', { placeId: demo.gridA.id, name: unique('网格'), category: '测试', pointsPrice: 10, unit: '件' }), 422, 'store_place_not_community');
    expectProblem(await staff.post('/api/v1/store/goods', { placeId: demo.communityA.id, name: item.name, category: '测试', pointsPrice: 10, unit: '件' }), 409, 'conflict');
    expect(ok<StoreGoods>(await staff.get(`/api/v1/store/goods/${item.id}`))).toMatchObject({ pointsPrice: 200, stock: 3 });
  });

  it('is the database’s rule too: stock never goes below zero, prices never to zero', async () => {
    const item = await newGoods();
    await expect(queryRows(t.database.db, sql`UPDATE store_goods SET stock = -1 WHERE id = ${item.id}`)).rejects.toThrow();
    await expect(queryRows(t.database.db, sql`UPDATE store_goods SET points_price = 0 WHERE id = ${item.id}`)).rejects.toThrow();
  });

  it('is edited by the community’s staff, browsed by its residents, and hidden from everyone else', async () => {
    const item = await newGoods({ name: unique('食用油') });
    const edited = ok<StoreGoods>(await staff.patch(`/api/v1/store/goods/${item.id}`, { pointsPrice: 150, category: '粮油' }));
    expect(edited).toMatchObject({ pointsPrice: 150, category: '粮油' });
    const seen = (client: Client, query = '') => client.get(`/api/v1/store/goods?limit=200${query}`).then((r) => ok<Page<StoreGoods>>(r).items.map((g) => g.id));
    expect(await seen(resident)).toContain(item.id);
    expect(await seen(resident, `&placeId=${demo.householdA.id}&q=${encodeURIComponent('食用油')}`)).toContain(item.id);
    expect(ok<StoreGoods>(await resident.get(`/api/v1/store/goods/${item.id}`)).name).toBe(item.name);
    expectProblem(await resident.patch(`/api/v1/store/goods/${item.id}`, { pointsPrice: 1 }), 403, 'forbidden');
    expectProblem(await resident.post('/api/v1/store/goods', { placeId: demo.communityA.id, name: unique('自己加'), category: '测试', pointsPrice: 1, unit: '件' }), 403, 'forbidden');
    // Withdrawn goods leave the residents' catalogue but stay in the staff's.
    ok(await staff.patch(`/api/v1/store/goods/${item.id}`, { active: false }));
    expect(await seen(resident)).not.toContain(item.id);
    expect(await seen(staff, '&active=false')).toContain(item.id);
    expect(await seen(staffB)).not.toContain(item.id);
    expectProblem(await staffB.get(`/api/v1/store/goods/${item.id}`), 404, 'not_found');
    expectProblem(await staffB.patch(`/api/v1/store/goods/${item.id}`, { pointsPrice: 1 }), 404, 'not_found');
    expectProblem(await staffB.post('/api/v1/store/goods', { placeId: demo.communityA.id, name: unique('越界'), category: '测试', pointsPrice: 1, unit: '件' }), 404, 'not_found');
    expectProblem(await gridB.get(`/api/v1/store/goods/${item.id}`), 404, 'not_found');
    expectProblem(await gridB.get('/api/v1/store/goods'), 403, 'forbidden');
  });

  it('lists the demo store of community A', async () => {
    const names = ok<Page<StoreGoods>>(await staff.get(`/api/v1/store/goods?placeId=${demo.communityA.id}&limit=200`)).items.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['大米 5kg', '食用油 1.8L', '牙膏', '口罩（50只）']));
  });
});

describe('donations', () => {
  it('adds donated goods to stock, makes a catalogue entry for new goods, and records cash only', async () => {
    const item = await newGoods({ stock: 2 });
    const gift = created<StoreDonation>(await staff.post('/api/v1/store/donations', { kind: 'goods', donorType: 'partner_unit', donorName: '区供电公司', goodsId: item.id, quantity: 10, estimatedValue: 350.5 }));
    expect(gift).toMatchObject({ kind: 'goods', goodsId: item.id, goodsName: item.name, quantity: 10, value: 350.5, donorName: '区供电公司' });
    expect(await stockOf(item.id)).toBe(12);

    const name = unique('爱心围巾');
    const fresh = created<StoreDonation>(
      await staff.post('/api/v1/store/donations', { kind: 'goods', donorType: 'resident', donorName: '王阿姨', placeId: demo.communityA.id, newGoods: { name, category: '衣物', pointsPrice: 40, unit: '条' }, quantity: 6, estimatedValue: 0 }),
    );
    expect(fresh.goodsName).toBe(name);
    expect(ok<StoreGoods>(await staff.get(`/api/v1/store/goods/${fresh.goodsId}`))).toMatchObject({ name, stock: 6, pointsPrice: 40 });

    const cash = created<StoreDonation>(await staff.post('/api/v1/store/donations', { kind: 'cash', donorType: 'partner_unit', donorName: '城建集团', placeId: demo.communityA.id, amount: 1000, purpose: '补充粮油' }));
    expect(cash).toMatchObject({ kind: 'cash', goodsId: null, quantity: null, value: 1000, purpose: '补充粮油' });
    expect(await stockOf(item.id)).toBe(12);

    const listed = ok<Page<StoreDonation>>(await staff.get(`/api/v1/store/donations?placeId=${demo.communityA.id}&limit=200`)).items.map((d) => d.id);
    expect(listed).toEqual(expect.arrayContaining([gift.id, fresh.id, cash.id]));
    expect(ok<Page<StoreDonation>>(await staff.get('/api/v1/store/donations?kind=cash&limit=200')).items.every((d) => d.kind === 'cash')).toBe(true);
  });

  it('refuses unclear donations and people who do not run the store', async () => {
    const item = await newGoods();
    const goods = { kind: 'goods', donorType: 'resident', donorName: '李大爷', goodsId: item.id, quantity: 1, estimatedValue: 10 };
    for (const bad of [
      { quantity: 0 },
      { quantity: -3 },
      { estimatedValue: -1 },
      { estimatedValue: 1.234 },
      { newGoods: { name: '又一个', category: '测试', pointsPrice: 5, unit: '件' } },
      { goodsId: undefined },
      { donorName: '' },
      { donorType: 'stranger' },
    ]) {
      expectProblem(await staff.post('/api/v1/store/donations', { ...goods, ...bad }), 400, 'validation_failed');
    }
    expectProblem(await staff.post('/api/v1/store/donations', { ...goods, goodsId: undefined, placeId: demo.communityA.id, newGoods: { name: unique('负价'), category: '测试', pointsPrice: -5, unit: '件' } }), 400, 'validation_failed');
    expectProblem(await staff.post('/api/v1/store/donations', { kind: 'cash', donorType: 'resident', donorName: '李大爷', placeId: demo.communityA.id, amount: 0, purpose: '慰问' }), 400, 'validation_failed');
    expectProblem(await resident.post('/api/v1/store/donations', goods), 403, 'forbidden');
    expectProblem(await resident.get('/api/v1/store/donations'), 403, 'forbidden');
    expectProblem(await staffB.post('/api/v1/store/donations', goods), 404, 'not_found');
    expect(await stockOf(item.id)).toBe(5);
  });
});

describe('redemptions at the counter', () => {
  it('take the stock and the points together, each traceable to the other', async () => {
    const item = await newGoods({ pointsPrice: 30, stock: 5 });
    const [person] = others as [string];
    await give(person, 100);
    const before = await ledger(person);
    const redemption = created<StoreRedemption>(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 2 }, unique('counter-redeem')));
    expect(redemption).toMatchObject({ status: 'picked_up', channel: 'counter', quantity: 2, pointsPrice: 30, points: 60, goodsName: item.name, handledByName: '社区工作人员（A社区）' });
    expect(redemption.pickedUpAt).not.toBeNull();
    expect(await stockOf(item.id)).toBe(3);
    expect(await ledger(person)).toEqual({ balance: before.balance - 60, entries: before.entries + 1 });
    const entry = ok<PointsAccount>(await staff.get(`/api/v1/points/accounts/${person}`)).entries[0]!;
    expect(entry).toMatchObject({ kind: 'spend', amount: -60, sourceType: 'redemption', sourceId: redemption.id, id: redemption.pointsEntryId });
    expect(ok<StoreRedemption>(await staff.get(`/api/v1/store/redemptions/${redemption.id}`)).id).toBe(redemption.id);
  });

  it('refuses more than the balance, more than the stock and bad input, and then the ledger and stock are unchanged', async () => {
    const dear = await newGoods({ pointsPrice: 100_000, stock: 3 });
    const item = await newGoods({ pointsPrice: 10, stock: 3 });
    const [person] = others as [string];
    await give(person, 120);
    const before = await ledger(person);
    const tooDear = expectProblem(await redeem(staff, { residentId: person, goodsId: dear.id, quantity: 1 }, unique('too-dear')), 409, 'points_insufficient');
    expect(tooDear.detail).toContain(String(before.balance));
    const refusedKey = unique('too-many');
    const tooMany = expectProblem(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 4 }, refusedKey), 409, 'store_out_of_stock');
    expect(tooMany.detail).toContain('3');
    for (const bad of [{ quantity: 0 }, { quantity: -1 }, { quantity: 1.5 }, { quantity: 100 }, { goodsId: 'not-an-id' }, { residentId: undefined }, { extra: 1 }]) {
      expectProblem(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 1, ...bad }), 400, 'validation_failed');
    }
    expectProblem(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }, 'short'), 400, 'idempotency_key_invalid');
    expect(await ledger(person)).toEqual(before);
    expect(await stockOf(item.id)).toBe(3);
    expect(await stockOf(dear.id)).toBe(3);
    // A refused key was rolled back with everything else: the same key may be used again.
    expect((await redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }, refusedKey)).statusCode).toBe(201);
  });

  it('refuses withdrawn goods, and goods or residents outside the counter’s scope as if they did not exist', async () => {
    const [person] = others as [string];
    await give(person, 100);
    const before = await ledger(person);
    const withdrawn = await newGoods();
    ok(await staff.patch(`/api/v1/store/goods/${withdrawn.id}`, { active: false }));
    expectProblem(await redeem(staff, { residentId: person, goodsId: withdrawn.id, quantity: 1 }), 422, 'store_goods_inactive');
    const item = await newGoods();
    expectProblem(await redeem(staffB, { residentId: person, goodsId: item.id, quantity: 1 }), 404, 'not_found');
    const elsewhere = created<StoreGoods>(await staffB.post('/api/v1/store/goods', { placeId: demo.communityB.id, name: unique('B社区物品'), category: '测试', pointsPrice: 10, stock: 5, unit: '件' }));
    expectProblem(await redeem(staff, { residentId: person, goodsId: elsewhere.id, quantity: 1 }), 404, 'not_found');
    expectProblem(await redeem(staff, { residentId: crypto.randomUUID(), goodsId: item.id, quantity: 1 }), 404, 'not_found');
    expectProblem(await redeem(staff, { residentId: person, goodsId: crypto.randomUUID(), quantity: 1 }), 404, 'not_found');
    expectProblem(await redeem(gridB, { residentId: person, goodsId: item.id, quantity: 1 }), 403, 'forbidden');
    expect(await ledger(person)).toEqual(before);
    expect(await stockOf(item.id)).toBe(5);
  });

  it('applies a double-clicked redemption once: the same key gives the same redemption', async () => {
    const item = await newGoods({ pointsPrice: 20, stock: 10 });
    const [person] = others as [string];
    await give(person, 100);
    const before = await ledger(person);
    const key = unique('double-click-key');
    const first = created<StoreRedemption>(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }, key));
    const again = await redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<StoreRedemption>().id).toBe(first.id);
    // Two clicks at the very same moment.
    const both = unique('double-click-together');
    const [a, b] = await Promise.all([redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }, both), redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }, both)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json<StoreRedemption>().id).toBe(b.json<StoreRedemption>().id);
    expectProblem(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 2 }, key), 422, 'idempotency_key_reused');
    expect(await stockOf(item.id)).toBe(8);
    expect(await ledger(person)).toEqual({ balance: before.balance - 40, entries: before.entries + 2 });
  });

  it('gives the last item to exactly one of several simultaneous redemptions', async () => {
    const item = await newGoods({ pointsPrice: 10, stock: 1 });
    const people = [lifang, zhangming, ...others];
    for (const person of people) await give(person, 50);
    const before = await Promise.all(people.map(ledger));
    const answers = await Promise.all(people.map((person) => redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }, unique('last-item'))));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const loser of answers.filter((a) => a.statusCode !== 201)) expectProblem(loser, 409, 'store_out_of_stock');
    expect(await stockOf(item.id)).toBe(0);
    const after = await Promise.all(people.map(ledger));
    const spent = after.map((l, i) => before[i]!.balance - l.balance);
    expect(spent.sort((x, y) => y - x)).toEqual([10, ...people.slice(1).map(() => 0)]);
  });
});

describe('reservations on mobile', () => {
  it('hold the stock and spend the points at once; the counter hands the goods over later', async () => {
    const item = await newGoods({ pointsPrice: 25, stock: 4 });
    await give(lifang, 100);
    const before = await ledger(lifang);
    const reserved = created<StoreRedemption>(await redeem(resident, { residentId: lifang, goodsId: item.id, quantity: 2 }, unique('reserve')));
    expect(reserved).toMatchObject({ status: 'reserved', channel: 'mobile', points: 50, residentName: '李芳', pickedUpAt: null, handledByName: null });
    expect(await stockOf(item.id)).toBe(2);
    expect(await ledger(lifang)).toEqual({ balance: before.balance - 50, entries: before.entries + 1 });
    expectProblem(await resident.post(`/api/v1/store/redemptions/${reserved.id}/pick-up`), 403, 'forbidden');
    const picked = ok<StoreRedemption>(await staff.post(`/api/v1/store/redemptions/${reserved.id}/pick-up`));
    expect(picked).toMatchObject({ status: 'picked_up', handledByName: '社区工作人员（A社区）' });
    expectProblem(await staff.post(`/api/v1/store/redemptions/${reserved.id}/pick-up`), 409, 'store_redemption_not_reserved');
    expect(await ledger(lifang)).toEqual({ balance: before.balance - 50, entries: before.entries + 1 });
  });

  it('are for oneself only: reserving for someone else is refused and changes nothing', async () => {
    const item = await newGoods();
    await give(zhangming, 100);
    const before = await ledger(zhangming);
    expectProblem(await redeem(resident, { residentId: zhangming, goodsId: item.id, quantity: 1 }), 403, 'store_reserve_own_only');
    expectProblem(await redeem(resident, { residentId: crypto.randomUUID(), goodsId: item.id, quantity: 1 }), 403, 'store_reserve_own_only');
    expect(await ledger(zhangming)).toEqual(before);
    expect(await stockOf(item.id)).toBe(5);
  });

  it('need an account linked to the register', async () => {
    const createdUser = created<{ initialPassword: string }>(await staff.post('/api/v1/users', { username: 'store-unlinked', displayName: '未关联居民', role: 'resident', placeId: demo.householdA.id }));
    const unlinked = await t.login('store-unlinked', createdUser.initialPassword);
    expect((await unlinked.post('/api/v1/auth/password', { currentPassword: createdUser.initialPassword, newPassword: 'Store-unlinked-2026' })).statusCode).toBe(200);
    const item = await newGoods();
    expectProblem(await redeem(unlinked, { residentId: lifang, goodsId: item.id, quantity: 1 }), 422, 'resident_no_account');
  });

  it('can be cancelled by the resident: stock back and points refunded, once', async () => {
    const item = await newGoods({ pointsPrice: 40, stock: 2 });
    await give(lifang, 100);
    const before = await ledger(lifang);
    const reserved = created<StoreRedemption>(await redeem(resident, { residentId: lifang, goodsId: item.id, quantity: 2 }, unique('reserve-cancel')));
    expect(await stockOf(item.id)).toBe(0);
    expectProblem(await member.post(`/api/v1/store/redemptions/${reserved.id}/cancel`), 404, 'not_found');
    const [first, second] = await Promise.all([resident.post(`/api/v1/store/redemptions/${reserved.id}/cancel`, { reason: '临时有事' }), resident.post(`/api/v1/store/redemptions/${reserved.id}/cancel`)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const cancelled = (first.statusCode === 200 ? first : second).json<StoreRedemption>();
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelledAt).not.toBeNull();
    expectProblem(await staff.post(`/api/v1/store/redemptions/${reserved.id}/cancel`), 409, 'store_redemption_not_cancellable');
    expectProblem(await staff.post(`/api/v1/store/redemptions/${reserved.id}/pick-up`), 409, 'store_redemption_not_reserved');
    expect(await stockOf(item.id)).toBe(2);
    // One spend and one refund: the balance is back where it was.
    expect(await ledger(lifang)).toEqual({ balance: before.balance, entries: before.entries + 2 });
    const refund = ok<PointsAccount>(await staff.get(`/api/v1/points/accounts/${lifang}`)).entries[0]!;
    expect(refund).toMatchObject({ amount: 80, sourceType: 'redemption-cancel', sourceId: reserved.id });
  });

  it('a resident cannot undo a pick-up; the counter can take goods back', async () => {
    const item = await newGoods({ pointsPrice: 10, stock: 3 });
    await give(lifang, 30);
    const before = await ledger(lifang);
    const counter = created<StoreRedemption>(await redeem(staff, { residentId: lifang, goodsId: item.id, quantity: 1 }));
    expectProblem(await resident.post(`/api/v1/store/redemptions/${counter.id}/cancel`), 409, 'store_redemption_not_cancellable');
    expectProblem(await staffB.post(`/api/v1/store/redemptions/${counter.id}/cancel`), 404, 'not_found');
    expect(ok<StoreRedemption>(await staff.post(`/api/v1/store/redemptions/${counter.id}/cancel`, { reason: '物品有破损，退回' })).status).toBe('cancelled');
    expect(await stockOf(item.id)).toBe(3);
    expect((await ledger(lifang)).balance).toBe(before.balance);
  });
});

describe('redemption lists and the monthly report', () => {
  it('show residents their own redemptions only, and staff their store’s', async () => {
    const item = await newGoods({ pointsPrice: 5, stock: 10 });
    await give(lifang, 20);
    await give(zhangming, 20);
    const mine = created<StoreRedemption>(await redeem(resident, { residentId: lifang, goodsId: item.id, quantity: 1 }));
    const his = created<StoreRedemption>(await redeem(member, { residentId: zhangming, goodsId: item.id, quantity: 1 }));
    const list = (client: Client, query = '') => client.get(`/api/v1/store/redemptions?limit=200${query}`);
    const ids = (response: LightMyRequestResponse) => ok<Page<StoreRedemption>>(response).items.map((r) => r.id);
    expect(ids(await list(resident))).toContain(mine.id);
    expect(ids(await list(resident))).not.toContain(his.id);
    expect(ok<Page<StoreRedemption>>(await list(resident)).items.every((r) => r.residentId === lifang)).toBe(true);
    expectProblem(await list(resident, `&residentId=${zhangming}`), 404, 'not_found');
    expectProblem(await resident.get(`/api/v1/store/redemptions/${his.id}`), 404, 'not_found');
    expect(ids(await list(staff, `&residentId=${zhangming}&status=reserved&placeId=${demo.communityA.id}`))).toEqual(expect.arrayContaining([his.id]));
    expect(ids(await list(staff, '&status=cancelled'))).not.toContain(his.id);
    expect(ids(await list(staffB))).not.toContain(his.id);
    expectProblem(await list(staffB, `&residentId=${zhangming}`), 404, 'not_found');
    expectProblem(await list(gridB), 403, 'forbidden');
    // Paging walks every row once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<StoreRedemption> = ok<Page<StoreRedemption>>(await staff.get(`/api/v1/store/redemptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([mine.id, his.id]));
  });

  it('adds up a month: goods in and out, stock, points spent and cash donations', async () => {
    const month = chinaMonth();
    const report = async () => ok<StoreReport>(await staff.get(`/api/v1/store/report?placeId=${demo.communityA.id}&month=${month}`));
    const before = await report();
    const item = await newGoods({ pointsPrice: 15, stock: 1 });
    created(await staff.post('/api/v1/store/donations', { kind: 'goods', donorType: 'partner_unit', donorName: '惠民超市', goodsId: item.id, quantity: 5, estimatedValue: 75 }));
    created(await staff.post('/api/v1/store/donations', { kind: 'cash', donorType: 'resident', donorName: '匿名', placeId: demo.communityA.id, amount: 88.8, purpose: '慰问' }));
    const [person] = others as [string];
    await give(person, 100);
    created(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 2 }));
    const undone = created<StoreRedemption>(await redeem(staff, { residentId: person, goodsId: item.id, quantity: 1 }));
    ok(await staff.post(`/api/v1/store/redemptions/${undone.id}/cancel`));
    const after = await report();
    expect(after.lines.find((l) => l.goodsId === item.id)).toEqual({ goodsId: item.id, name: item.name, category: '测试', unit: '件', quantityIn: 5, quantityOut: 2, stock: 4, pointsSpent: 30 });
    expect(after.totals.quantityIn - before.totals.quantityIn).toBe(5);
    expect(after.totals.quantityOut - before.totals.quantityOut).toBe(2);
    expect(after.totals.pointsSpent - before.totals.pointsSpent).toBe(30);
    expect(after.totals.redemptions - before.totals.redemptions).toBe(1);
    expect(after.totals.cashDonations - before.totals.cashDonations).toBe(1);
    expect(Math.round((after.totals.cashDonationTotal - before.totals.cashDonationTotal) * 100)).toBe(8880);
    expect(Math.round((after.totals.goodsDonationValue - before.totals.goodsDonationValue) * 100)).toBe(7500);
    // The demo store's donations were recorded this month too.
    expect(after.lines.find((l) => l.name === '大米 5kg')).toMatchObject({ quantityIn: 10 });

    const lastYear = ok<StoreReport>(await staff.get(`/api/v1/store/report?placeId=${demo.communityA.id}&month=2000-01`));
    expect(lastYear.totals).toMatchObject({ quantityIn: 0, quantityOut: 0, pointsSpent: 0, cashDonations: 0 });
    expect(lastYear.totals.stock).toBe(after.totals.stock);
    expectProblem(await staff.get(`/api/v1/store/report?placeId=${demo.communityA.id}&month=2026-13`), 400, 'validation_failed');
    // Without a month: this month; without a place: every store the reader manages.
    expect(ok<StoreReport>(await staff.get(`/api/v1/store/report?placeId=${demo.communityA.id}`))).toMatchObject({ month, totals: after.totals });
    expect(ok<StoreReport>(await staff.get('/api/v1/store/report'))).toMatchObject({ placeId: null, month, totals: after.totals });
    expect(ok<StoreReport>(await staffB.get('/api/v1/store/report')).lines.map((l) => l.goodsId)).not.toContain(item.id);
    expectProblem(await staffB.get(`/api/v1/store/report?placeId=${demo.communityA.id}&month=${month}`), 404, 'not_found');
    expectProblem(await resident.get(`/api/v1/store/report?placeId=${demo.communityA.id}&month=${month}`), 403, 'forbidden');
  });
});
