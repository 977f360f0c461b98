import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, artifactPath, launchBrowser, screenshot, signIn, startSite } from './support';

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await startSite();
  browser = await launchBrowser();
});

/** The centre of a small grid under the first grid of community A, where the resident lives. */
async function pointInGridA() {
  const staff = await apiSession(base, 'staff');
  const me = await staff.get<{ roles: { placeId: string }[] }>('/api/v1/auth/me');
  const grids = await staff.get<{ items: { id: string; name: string; boundary: { coordinates: number[][][] } | null }[] }>(`/api/v1/places?parentId=${me.roles[0]!.placeId}&type=grid`);
  const gridA = grids.items[0]!;
  const small = (await staff.get<{ items: { boundary: { coordinates: number[][][] } | null }[] }>(`/api/v1/places?parentId=${gridA.id}&type=grid`)).items.find((g) => g.boundary)!;
  const ring = small.boundary!.coordinates[0]!;
  const lngs = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return { longitude: (Math.min(...lngs) + Math.max(...lngs)) / 2, latitude: (Math.min(...lats) + Math.max(...lats)) / 2, communityId: me.roles[0]!.placeId };
}

describe('a request from a resident’s phone to the echo wall', () => {
  it('the resident raises it with a photo and location, the grid worker resolves it, the resident rates it, the echo wall shows it', async () => {
    const point = await pointInGridA();
    const photo = artifactPath('e2e-request-photo.jpg');
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a6' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 46/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 44/1 0/1' } })
      .toFile(photo);

    // 1. The resident on the mobile page.
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN', isMobile: true, geolocation: { longitude: point.longitude, latitude: point.latitude }, permissions: ['geolocation'] });
    const phone = await context.newPage();
    await phone.goto(`${base}/h5/`);
    await phone.getByPlaceholder('请输入用户名').fill('resident');
    await phone.getByPlaceholder('请输入密码').fill('Gridwork@2026');
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('h5-home-raise').click();
    await phone.getByTestId('h5-request-form').waitFor();
    await phone.getByTestId('h5-request-category').click();
    await phone.locator('.adm-cascader').getByText('公共设施', { exact: true }).click();
    await phone.locator('.adm-cascader').getByText('路灯照明', { exact: true }).click();
    await phone.locator('.adm-cascader').getByText('确定').click();
    await phone.getByTestId('h5-request-description').locator('textarea').fill('端到端：小区东门路灯晚上不亮，老人走路不安全');
    await phone.getByTestId('h5-request-photos').locator('input[type=file]').setInputFiles(photo);
    await phone.locator('.adm-image-uploader-cell').first().waitFor();
    const nearbyChecked = phone.waitForResponse((r) => r.url().includes('/api/v1/requests/nearby'));
    await phone.getByTestId('h5-request-locate').click();
    await phone.getByTestId('h5-request-coordinates').waitFor();
    await nearbyChecked;
    // Demo requests lie around the grid's centre: when one is offered as "already reported", go on anyway.
    const anyway = phone.getByTestId('h5-request-nearby-anyway');
    if (await anyway.isVisible()) {
      await screenshot(phone, 'h5-request-nearby');
      await anyway.click();
    }
    await phone.getByTestId('h5-request-public').click();
    await screenshot(phone, 'h5-request-new');
    await phone.getByTestId('h5-request-submit').click();
    const detail = phone.getByTestId('h5-request');
    await detail.locator('[data-request-id]').waitFor();
    const requestId = (await detail.locator('[data-request-id]').getAttribute('data-request-id'))!;
    expect(await detail.locator('[data-status]').first().getAttribute('data-status')).toBe('submitted');
    await screenshot(phone, 'h5-request-submitted');

    // 2. The community dispatches it to grid A's worker (the service centre's desk).
    const staff = await apiSession(base, 'staff');
    const gridAId = (await (await apiSession(base, 'gridA')).get<{ id: string }>('/api/v1/auth/me')).id;
    expect((await staff.post(`/api/v1/requests/${requestId}/transitions`, { action: 'assign', ownerUserId: gridAId })).status).toBe(200);

    // 3. The grid worker resolves it in the admin web, from the inbox.
    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(desk, base, 'gridA');
    await desk.goto(`${base}/requests/inbox`);
    await desk.getByTestId('request-inbox-table').getByText('端到端：小区东门路灯').first().click();
    await desk.getByTestId('request-detail').waitFor();
    await desk.getByTestId('request-photo').first().waitFor();
    await desk.getByTestId('request-action-start').click();
    await desk.getByTestId('request-start-form-submit').click();
    await desk.getByTestId('request-action-resolve').waitFor();
    await desk.getByTestId('request-action-resolve').click();
    await desk.getByTestId('request-resolve-result').fill('已联系供电所更换灯具，晚上试亮正常');
    await desk.getByTestId('request-resolve-form-submit').click();
    await desk.getByTestId('request-event').filter({ hasText: '已联系供电所更换灯具' }).first().waitFor();
    await screenshot(desk, 'request-resolved-by-grid-worker');

    // 4. The resident rates the result on the phone.
    await phone.reload();
    await phone.getByTestId('h5-request-rate-form').waitFor();
    await phone.getByTestId('h5-request-rate').locator('.adm-rate-star').nth(3).click();
    await phone.getByTestId('h5-request-rate-comment').locator('textarea').fill('修得很快，谢谢');
    await phone.getByTestId('h5-request-rate-submit').click();
    await phone.getByTestId('h5-request-rating').waitFor();
    await screenshot(phone, 'h5-request-rated');
    const followedUp = await staff.get<{ status: string; satisfaction: number; history: { kind: string }[] }>(`/api/v1/requests/${requestId}`);
    expect(followedUp).toMatchObject({ status: 'followed_up', satisfaction: 4 });
    expect(followedUp.history.map((h) => h.kind)).toEqual(['create', 'assign', 'start', 'resolve', 'follow-up']);

    // 5. The public echo wall shows the answer, without the resident's name.
    const wall = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await wall.goto(`${base}/echo-wall/${point.communityId}`);
    const item = wall.getByTestId('echo-item').filter({ hasText: '小区东门路灯晚上不亮' });
    await item.first().waitFor();
    expect(await item.first().getByTestId('echo-reply').textContent()).toContain('已联系供电所更换灯具');
    expect(await wall.getByTestId('echo-wall').textContent()).not.toContain('李芳');
    await screenshot(wall, 'echo-wall');
    await Promise.all([context.close(), desk.close(), wall.close()]);
  });

  it('a major matter goes on the council agenda; staff schedule it, record the decision, and the request shows it', async () => {
    const staff = await apiSession(base, 'staff');
    const me = await staff.get<{ roles: { placeId: string }[] }>('/api/v1/auth/me');
    const grid = (await staff.get<{ items: { id: string }[] }>(`/api/v1/places?parentId=${me.roles[0]!.placeId}&type=grid`)).items[0]!;
    const raised = await staff.post('/api/v1/requests', { channel: 'counter', category: 'facilities.elevator', description: '端到端大事：5号楼居民希望加装电梯', placeId: grid.id, triage: 'major' });
    expect(raised.status).toBe(201);
    const { id: requestId } = (await raised.json()) as { id: string };

    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(desk, base, 'staff');
    await desk.goto(`${base}/requests/council`);
    const row = desk.getByTestId('council-agenda-table').locator('tr', { hasText: '端到端大事' });
    await row.getByTestId('council-schedule').click();
    await desk.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await row.getByText('已安排').waitFor();
    await row.getByTestId('council-decide').click();
    await desk.getByTestId('council-decision').fill('经居民代表协商，同意加装电梯，费用按楼层分摊');
    await desk.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await desk.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
    await row.getByText('已决议').waitFor();
    await screenshot(desk, 'council-agenda');

    await desk.goto(`${base}/requests/${requestId}`);
    await desk.getByTestId('request-council').getByText('同意加装电梯').waitFor();
    await screenshot(desk, 'request-council-decision');
    await desk.close();
  });
});
