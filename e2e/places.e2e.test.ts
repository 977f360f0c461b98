import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signIn, startSite } from './support';

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await startSite();
  browser = await launchBrowser();
});

describe('places tree in the admin web', () => {
  it('community staff adds a grid under their community, sees it in the tree, and logs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(page, base, 'staff');
    await page.goto(`${base}/places`);
    const tree = page.getByTestId('place-tree');
    await tree.getByText('朝阳社区').click();
    await expect.poll(() => page.getByTestId('place-detail-name').textContent()).toBe('朝阳社区');
    await screenshot(page, 'staff-places');

    await page.getByTestId('place-add-child').click();
    const form = page.getByTestId('place-form');
    await form.locator('#name').fill('第九网格（端到端）');
    await form.locator('#code').fill('E2E-09');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await tree.getByText('第九网格（端到端）').waitFor();
    await screenshot(page, 'staff-grid-added');

    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('a grid worker sees only their own grid', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(page, base, 'gridA');
    await page.goto(`${base}/places`);
    const tree = page.getByTestId('place-tree');
    await tree.getByText('第一网格', { exact: true }).waitFor();
    await expect.poll(() => tree.getByText('第二网格', { exact: true }).count()).toBe(0);
    await expect.poll(() => tree.getByText('朝阳社区').count()).toBe(0);
    await expect.poll(() => page.getByTestId('place-add-child').count()).toBe(0);
    await screenshot(page, 'grid-worker-places');
    await page.close();
  });

  it('a grid worker signs in on the mobile pages and sees their grid', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    await page.goto(`${base}/h5/`);
    await page.getByPlaceholder('请输入用户名').waitFor();
    await screenshot(page, 'h5-login');
    await page.getByPlaceholder('请输入用户名').fill('gridA');
    await page.getByPlaceholder('请输入密码').fill('Gridwork@2026');
    await page.getByTestId('login-submit').click();
    const grids = page.getByTestId('h5-my-grids');
    const items = grids.locator('[data-place-id]');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('第一网格');
    await screenshot(page, 'h5-my-grids');
    await page.close();
  });
});
