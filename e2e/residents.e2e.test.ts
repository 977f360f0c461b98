import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf } from '@gridwork/contracts';
import { artifactPath, launchBrowser, screenshot, signIn, startSite } from './support';

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await startSite();
  browser = await launchBrowser();
});

/** The platform's own template, filled in the way a community worker would. */
async function fillTemplate(rows: Array<Record<string, string>>): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'staff', password: 'Gridwork@2026' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const template = await fetch(`${base}/api/v1/residents/import-template`, { headers: { cookie } });
  expect(template.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await template.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(String(cell.value).replace(/\*$/, ''), col));
  for (const values of rows) {
    const row = sheet.addRow([]);
    for (const [header, value] of Object.entries(values)) row.getCell(columns.get(header)!).value = value;
  }
  const file = artifactPath('e2e-import.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('residents register in the admin web', () => {
  it('community staff import a register file and find the imported resident', async () => {
    const idNumber = `${'34040619900517123'}${checkDigitOf('34040619900517123')}`;
    const file = await fillTemplate([
      { 姓名: '端到端居民', 证件号码: idNumber, 住户编码: '340406001001-B1-101', 联系电话: '13912345678', 居住类型: '常住' },
      { 姓名: '校验码错误', 证件号码: '340406199005171230', 住户编码: '340406001001-B1-101' },
    ]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(page, base, 'staff');
    await page.goto(`${base}/residents/import`);
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-mode-skip').click();
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-status')).toBe('done');
    await page.getByTestId('import-errors-download').waitFor();
    await screenshot(page, 'residents-import-result');

    await page.goto(`${base}/residents`);
    await page.getByTestId('resident-filter-q').fill('端到端居民');
    await page.getByTestId('resident-filter-submit').click();
    const table = page.getByTestId('resident-table');
    await table.getByText('端到端居民').waitFor();
    expect(await table.getByText('3404**********').count()).toBeGreaterThan(0);
    expect(await table.getByText('校验码错误').count()).toBe(0);
    await screenshot(page, 'residents-list');
    await page.close();
  });

  it('pages through the register with next and previous', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(page, base, 'admin');
    await page.goto(`${base}/residents`);
    const pager = page.getByTestId('resident-pager');
    const rows = page.getByTestId('resident-table').locator('tr.ant-table-row');
    await rows.first().waitFor();
    const first = await rows.first().textContent();
    await pager.getByTestId('pager-next').click();
    await expect.poll(() => pager.textContent()).toContain('第 2 页');
    await expect.poll(() => rows.first().textContent()).not.toBe(first);
    await pager.getByTestId('pager-prev').click();
    await expect.poll(() => rows.first().textContent()).toBe(first);
    await page.close();
  });
});
