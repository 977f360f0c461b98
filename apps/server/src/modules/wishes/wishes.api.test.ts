import { beforeAll, describe, expect, it } from 'vitest';
import type { Notification, Wish } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { expectProblem, type Page } from '../../../../../test-support/expect-problem';
import { runJobOnce } from '../../platform/jobs/scheduler';
import { wishClaimExpiryJob } from './wishes.service';

let t: TestApp;
let staff: Client;
let gridA: Client;
let gridB: Client;
let member: Client;
let resident: Client;
let demo: Awaited<ReturnType<TestApp['demo']>>;
let building: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.demo();
  [staff, gridA, gridB, member, resident] = (await Promise.all(['staff', 'gridA', 'gridB', 'member', 'resident'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  building = demo.householdA.parentId!;
});

const post = async (client: Client, body: Record<string, unknown> = {}, headers?: Record<string, string>) => {
  const response = await client.post('/api/v1/wishes', { title: '想要一台收音机', description: '独居老人想听戏，家里收音机坏了', beneficiary: '王阿姨', placeId: building, ...body }, headers);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Wish>();
};
const ok = (response: Awaited<ReturnType<Client['post']>>) => {
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Wish>();
};

describe('micro-wishes', () => {
  it('go open → claimed → fulfilled → confirmed, and the poster hears of each step', async () => {
    const wish = await post(resident, { placeId: undefined });
    expect(wish).toMatchObject({ status: 'open', postedByMe: true, beneficiary: '王阿姨' });
    const claimed = ok(await member.post(`/api/v1/wishes/${wish.id}/claim`));
    expect(claimed).toMatchObject({ status: 'claimed', claimedByMe: true, claimantName: '党员张明' });
    expect(new Date(claimed.claimExpiresAt!).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);
    const fulfilled = ok(await member.post(`/api/v1/wishes/${wish.id}/fulfil`, { note: '已买好收音机送到家' }));
    expect(fulfilled.status).toBe('fulfilled');
    const confirmed = ok(await resident.post(`/api/v1/wishes/${wish.id}/confirm`));
    expect(confirmed.status).toBe('confirmed');
    const notices = (await resident.get('/api/v1/notifications')).json<Page<Notification>>().items.map((n) => n.kind);
    expect(notices).toEqual(expect.arrayContaining(['wish-claimed', 'wish-fulfilled']));
  });

  it('refuses claiming one’s own wish, claiming twice, fulfilling someone else’s claim and confirming too early', async () => {
    const wish = await post(staff);
    expectProblem(await staff.post(`/api/v1/wishes/${wish.id}/claim`), 422, 'wish_own_claim');
    ok(await member.post(`/api/v1/wishes/${wish.id}/claim`));
    expectProblem(await gridA.post(`/api/v1/wishes/${wish.id}/claim`), 409, 'wish_not_claimable');
    expectProblem(await gridA.post(`/api/v1/wishes/${wish.id}/fulfil`, { note: '我来完成' }), 403, 'wish_not_claimant');
    expectProblem(await staff.post(`/api/v1/wishes/${wish.id}/confirm`), 409, 'wish_not_fulfilled');
    expectProblem(await member.post(`/api/v1/wishes/${wish.id}/fulfil`, {}), 400, 'validation_failed');
    expect((await staff.get(`/api/v1/wishes/${wish.id}`)).json<Wish>()).toMatchObject({ status: 'claimed', fulfilmentNote: null });
  });

  it('lets exactly one of two simultaneous claims win', async () => {
    const wish = await post(staff);
    const [a, b] = await Promise.all([member.post(`/api/v1/wishes/${wish.id}/claim`), gridA.post(`/api/v1/wishes/${wish.id}/claim`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('returns a lapsed claim to the wall and tells the claimant, once', async () => {
    const wish = await post(staff);
    ok(await member.post(`/api/v1/wishes/${wish.id}/claim`));
    const job = wishClaimExpiryJob(t.app.services);
    const later = new Date(Date.now() + 15 * 86_400_000);
    expect((await runJobOnce(t.database.db, job, later))!.expired).toBeGreaterThanOrEqual(1);
    expect((await staff.get(`/api/v1/wishes/${wish.id}`)).json<Wish>()).toMatchObject({ status: 'open', claimantName: null });
    expect(await runJobOnce(t.database.db, job, later)).toEqual({ expired: 0 });
    const notices = (await member.get('/api/v1/notifications?limit=200')).json<Page<Notification>>().items.filter((n) => n.kind === 'wish-expired');
    expect(notices.length).toBeGreaterThanOrEqual(1);
  });

  it('shows residents and members the wall of their own grid, and nobody else’s', async () => {
    const wish = await post(staff);
    for (const client of [resident, member, gridA]) {
      expect((await client.get('/api/v1/wishes?status=open&limit=200')).json<Page<Wish>>().items.map((w) => w.id)).toContain(wish.id);
    }
    expectProblem(await gridB.get(`/api/v1/wishes/${wish.id}`), 404, 'not_found');
    expect((await gridB.get('/api/v1/wishes?limit=200')).json<Page<Wish>>().items.map((w) => w.id)).not.toContain(wish.id);
    expectProblem(await gridB.post(`/api/v1/wishes/${wish.id}/claim`), 404, 'not_found');
  });

  it('posts once per Idempotency-Key, and the poster or staff may cancel', async () => {
    const key = `wish-${Date.now()}`;
    const first = await post(resident, { placeId: undefined, title: '想学用智能手机' }, { 'idempotency-key': key });
    const again = await resident.post('/api/v1/wishes', { title: '想学用智能手机', description: '独居老人想听戏，家里收音机坏了', beneficiary: '王阿姨' }, { 'idempotency-key': key });
    expect(again.json<Wish>().id).toBe(first.id);
    expectProblem(await member.post(`/api/v1/wishes/${first.id}/cancel`), 403, 'forbidden');
    expect(ok(await staff.post(`/api/v1/wishes/${first.id}/cancel`)).status).toBe('cancelled');
    expectProblem(await member.post(`/api/v1/wishes/${first.id}/claim`), 409, 'wish_not_claimable');
  });
});
