import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { buildApp } from '../apps/server/src/app';
import { cloneTemplate } from '../test-support/databases';
import { testCipher, testConfig } from '../test-support/test-config';

export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

/** The real server (built web pages, API) on a fresh demo database, on a random port. */
export async function startSite(): Promise<string> {
  const database = await cloneTemplate('demo');
  const app = await buildApp({ database, config: testConfig(), cipher: testCipher() });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  return address;
}

/** Debian's Chromium, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  afterAll(() => browser.close());
  return browser;
}

/** A path under e2e/artifacts/ (created when missing: a fresh clone has no such folder). */
export function artifactPath(fileName: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, fileName);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Transitions fast-forwarded to their end: a progress bar is shown where it is going, not mid-way.
  await page.screenshot({ path: artifactPath(`${name}.png`), fullPage: true, animations: 'disabled' });
}

export async function signIn(page: Page, base: string, username: string, password = 'Gridwork@2026'): Promise<void> {
  await page.goto(`${base}/login`);
  const form = page.getByTestId('login-form');
  await form.locator('#username').fill(username);
  await form.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user-name').waitFor();
}

/** The API as one demo user, for the steps a test does not drive through the pages. */
export async function apiSession(base: string, username: string, password = 'Gridwork@2026') {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return {
    get: async <T>(path: string) => (await (await fetch(`${base}${path}`, { headers: { cookie } })).json()) as T,
    post: async (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}

/** Signs in on the mobile pages. */
export async function phoneSignIn(page: Page, base: string, username: string, password = 'Gridwork@2026'): Promise<void> {
  await page.goto(`${base}/h5/`);
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByTestId('login-submit').click();
}
