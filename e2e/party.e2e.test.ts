import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchBrowser, phoneSignIn, screenshot, signIn, startSite } from './support';

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await startSite();
  browser = await launchBrowser();
});

const beijingDay = (offset: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));

describe('an in-service member from enrolment to member points', () => {
  it('enrols on the phone, is approved on the web, claims a post, logs hours that staff confirm, and sees the points', async () => {
    // 1. 李芳 enrols with her community on the phone, from the home page's 党员服务 entry.
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN', isMobile: true });
    const phone = await context.newPage();
    await phoneSignIn(phone, base, 'resident');
    await phone.getByTestId('h5-home-party').click();
    await phone.getByTestId('h5-party-hub').waitFor();
    await screenshot(phone, 'h5-party-hub');
    await phone.getByTestId('h5-party-enrol').click();
    const form = phone.getByTestId('h5-enrol-form');
    await form.waitFor();
    // Her community (the one above her household) is chosen for her.
    await expect.poll(async () => (await phone.locator('.adm-selector-item-active').count()) > 0, { timeout: 10_000 }).toBe(true);
    await phone.getByTestId('h5-enrol-employer').locator('input').fill('区自来水公司');
    await phone.getByTestId('h5-enrol-home-org').locator('input').fill('区自来水公司党支部');
    await phone.getByTestId('h5-enrol-joined-on').locator('input').fill('2014-06-20');
    await phone.getByTestId('h5-enrol-full-on').locator('input').fill('2015-06-20');
    await phone.getByTestId('h5-enrol-phone').locator('input').fill('13955501234');
    await screenshot(phone, 'h5-party-enrol-form');
    await phone.getByTestId('h5-enrol-submit').click();
    await expect.poll(async () => phone.getByTestId('h5-enrolment-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('pending');
    await screenshot(phone, 'h5-party-enrol-pending');

    // 2. Community A's staff approve her in the admin web.
    const desk = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    await signIn(desk, base, 'staff');
    await desk.goto(`${base}/party/enrolments`);
    const row = desk.getByTestId('enrolments-table').locator('tr', { hasText: '李芳' });
    await row.waitFor();
    await expect(await row.textContent()).toContain('区自来水公司');
    await screenshot(desk, 'party-enrolments-queue');
    await row.getByRole('button', { name: '通过' }).click();
    await desk.locator('.ant-popconfirm').getByRole('button', { name: '通过' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });

    // 3. A post of her community; she sees her enrolment approved and claims it on the phone.
    const staff = await apiSession(base, 'staff');
    const demoCommunity = (await staff.get<{ items: { communityId: string; name: string }[] }>('/api/v1/enrolments?state=approved&limit=50')).items.find((e) => e.name === '李芳')!.communityId;
    const title = `端到端政策宣传岗 ${Date.now() % 100000}`;
    const createdPost = await staff.post('/api/v1/service-posts', { placeId: demoCommunity, kind: 'policy_publicity', title, description: '周六上午在党群服务中心门口宣传医保政策', capacity: 3, startsOn: beijingDay(-7), endsOn: beijingDay(30) });
    expect(createdPost.status, await createdPost.clone().text()).toBe(201);

    await phone.goto(`${base}/h5/party/enrol`);
    await expect.poll(async () => phone.getByTestId('h5-enrolment-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('approved');
    await screenshot(phone, 'h5-party-enrol-approved');
    await phone.getByTestId('h5-enrol-go-posts').click();
    const card = phone.getByTestId('h5-post').filter({ hasText: title });
    await card.waitFor();
    expect(await card.getByTestId('h5-post-remaining').textContent()).toContain('剩余 3 个名额');
    await screenshot(phone, 'h5-party-posts');
    await card.getByTestId('h5-post-claim').click();
    await phone.locator('.adm-dialog').getByText('认领', { exact: true }).click();

    // 4. She logs two hours served today on her claim.
    const claim = phone.getByTestId('h5-claim').filter({ hasText: title });
    await claim.waitFor({ timeout: 10_000 });
    await claim.getByTestId('h5-claim-log-hours').click();
    const hoursForm = phone.getByTestId('h5-hours-form');
    await hoursForm.waitFor();
    await hoursForm.locator('.adm-stepper-plus').click();
    await hoursForm.locator('.adm-stepper-plus').click();
    await phone.getByTestId('h5-hours-note').locator('textarea').fill('医保政策宣传，发放资料 60 份');
    await phone.getByTestId('h5-hours-submit').click();
    await expect.poll(async () => claim.getByTestId('h5-hours').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
    expect(await claim.textContent()).toContain('服务 2 小时');
    await screenshot(phone, 'h5-party-claim-logged');

    // 5. Staff confirm the hours in the admin web.
    await desk.goto(`${base}/party/posts`);
    await desk.getByTestId('posts-table').locator('tr', { hasText: title }).waitFor();
    await screenshot(desk, 'party-posts');
    await desk.getByTestId('posts-tab-hours').click();
    const hoursRow = desk.getByTestId('hours-table').locator('tr', { hasText: title });
    await hoursRow.waitFor();
    await screenshot(desk, 'party-posts-hours-queue');
    await hoursRow.getByRole('button', { name: '确认' }).click();
    await desk.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();
    await hoursRow.waitFor({ state: 'detached', timeout: 30_000 });

    // 6. She sees the confirmed hours and the points they earned (1 point an hour) on her phone.
    await phone.goto(`${base}/h5/party/posts?tab=mine`);
    const confirmed = phone.getByTestId('h5-claim').filter({ hasText: title });
    await expect.poll(async () => confirmed.getByTestId('h5-hours').first().getAttribute('data-status'), { timeout: 10_000 }).toBe('confirmed');
    expect(await confirmed.getByTestId('h5-claim-points').textContent()).toBe('+2 积分');
    await screenshot(phone, 'h5-party-claim-points');

    // The same points are on her member-score page: 5 for enrolling, 2 for the two hours.
    await phone.goto(`${base}/h5/party/scores`);
    await expect.poll(async () => phone.getByTestId('h5-scores-summary').getAttribute('data-total'), { timeout: 10_000 }).toBe('7');
    expect(await phone.getByTestId('h5-scores-entries').textContent()).toContain(title);
    await screenshot(phone, 'h5-party-scores');

    // And on the employer report.
    await desk.goto(`${base}/party/employer-report`);
    const unit = desk.getByTestId('employer-report-table').locator('tr', { hasText: '区自来水公司' }).first();
    await unit.waitFor();
    expect(await unit.textContent()).toContain('李芳');
    await screenshot(desk, 'party-employer-report');
    await Promise.all([context.close(), desk.close()]);
  });
});
