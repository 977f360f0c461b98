import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchBrowser, phoneSignIn, screenshot, signIn, startSite } from './support';

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await startSite();
  browser = await launchBrowser();
});

describe('volunteer service from sign-up to the charity store', () => {
  it('a resident signs up, checks in and out, the organiser confirms, points arrive and buy a good', async () => {
    const staff = await apiSession(base, 'staff');
    const me = await staff.get<{ roles: { placeId: string }[] }>('/api/v1/auth/me');
    const hour = 3_600_000;
    const title = `端到端志愿服务 ${Date.now() % 100000}`;
    // Under way since two hours ago, so the hours count.
    const created = await staff.post('/api/v1/events', {
      title,
      type: 'volunteer_service',
      colour: 'green',
      placeId: me.roles[0]!.placeId,
      address: '社区广场',
      startsAt: new Date(Date.now() - 2 * hour).toISOString(),
      endsAt: new Date(Date.now() + 2 * hour).toISOString(),
      signupOpensAt: new Date(Date.now() - 3 * hour).toISOString(),
      signupClosesAt: new Date(Date.now() + hour).toISOString(),
      capacity: 10,
      pointsPerHour: 20,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const event = (await created.json()) as { id: string };

    // 1. The resident signs up on the phone.
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN', isMobile: true });
    const phone = await context.newPage();
    await phoneSignIn(phone, base, 'resident');
    await phone.getByTestId('h5-home-points').waitFor();
    await phone.goto(`${base}/h5/points`);
    const balanceBefore = Number(await phone.getByTestId('h5-points-balance').getAttribute('data-balance'));
    await phone.goto(`${base}/h5/events`);
    await phone.getByTestId('h5-event-card').filter({ hasText: title }).first().click();
    await phone.getByTestId('h5-event-signup').click();
    await phone.getByText('确定', { exact: true }).last().click();
    await expect.poll(async () => phone.getByTestId('h5-event-my-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('confirmed');
    await screenshot(phone, 'h5-event-signed-up');

    // 2. The organiser checks them in at the desk when they arrived (90 minutes ago).
    const residentId = (await (await apiSession(base, 'resident')).get<{ residentId: string }>('/api/v1/points/me')).residentId;
    const checkedIn = await staff.post(`/api/v1/events/${event.id}/check-in`, { residentId, at: new Date(Date.now() - 1.5 * hour).toISOString() });
    expect(checkedIn.status, await checkedIn.clone().text()).toBeLessThan(300);

    // 3. The resident checks out on the phone with the code the organiser shows.
    const { code } = await staff.get<{ code: string }>(`/api/v1/events/${event.id}/check-in-code`);
    await phone.reload();
    await phone.getByTestId('h5-event-check-out').click();
    await phone.getByTestId('h5-event-code-input').locator('input').fill(code);
    await phone.getByTestId('h5-event-code-submit').click();
    await phone.getByTestId('h5-event-attendance').waitFor();
    await screenshot(phone, 'h5-event-checked-out');

    // 4. The organiser confirms the hours on the check-in sheet.
    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(desk, base, 'staff');
    await desk.goto(`${base}/events/${event.id}`);
    const row = desk.getByTestId('attendance-row').filter({ hasText: '李芳' });
    await row.getByTestId('attendance-confirm').click();
    await desk.getByTestId('attendance-confirm-ok').click();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).toContain('30');
    await screenshot(desk, 'event-attendance-confirmed');

    // 5. 1.5 hours × 20 points arrive on the resident's account.
    await phone.goto(`${base}/h5/points`);
    await expect.poll(async () => Number(await phone.getByTestId('h5-points-balance').getAttribute('data-balance')), { timeout: 10_000 }).toBe(balanceBefore + 30);
    expect(await phone.getByTestId('h5-points-entry').first().getAttribute('data-kind')).toBe('earn');
    await screenshot(phone, 'h5-points');

    // 6. And buy a good in the charity store (a neighbour's good deed tops the account up first).
    const topUp = await staff.post('/api/v1/points/entries', { residentId, amount: 300, reason: '协助邻里搬运物资' });
    expect(topUp.status).toBe(201);
    await phone.goto(`${base}/h5/store`);
    await phone.getByTestId('h5-store-goods-card').first().getByTestId('h5-store-reserve').click();
    await phone.getByTestId('h5-store-reserve-dialog').waitFor();
    const after = Number(await phone.getByTestId('h5-store-after').getAttribute('data-after'));
    expect(after).toBeLessThan(balanceBefore + 330);
    expect(after).toBeGreaterThanOrEqual(0);
    await phone.getByTestId('h5-store-reserve-confirm').click();
    await phone.getByTestId('h5-redemption-card').first().waitFor();
    expect(await phone.getByTestId('h5-redemption-card').first().getAttribute('data-status')).toBe('reserved');
    await screenshot(phone, 'h5-store-reserved');
    const account = await (await apiSession(base, 'resident')).get<{ balance: number }>('/api/v1/points/me');
    expect(account.balance).toBe(after);
    await Promise.all([context.close(), desk.close()]);
  });
});
