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
  await page.screenshot({ path: artifactPath(`${name}.png`), fullPage: true });
}

export async function signIn(page: Page, base: string, username: string, password = 'Gridwork@2026'): Promise<void> {
  await page.goto(`${base}/login`);
  const form = page.getByTestId('login-form');
  await form.locator('#username').fill(username);
  await form.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user-name').waitFor();
}
