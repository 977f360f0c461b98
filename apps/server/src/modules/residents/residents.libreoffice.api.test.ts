import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '@gridwork/contracts';
import { createTestApp, type Client, type TestApp } from '../../../../../test-support/harness';
import { queryRows } from '../../db/sql';

// Runs where LibreOffice is installed (CI installs libreoffice-calc-nogui); see vitest.config.ts.
let t: TestApp;
let staff: Client;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login('staff');
});

async function countResidents(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM residents`);
  return Number(row!.n);
}

describe('an exported register opened and saved again in LibreOffice', () => {
  it('imports back with no errors and creates no duplicates', async () => {
    const exported = await staff.get('/api/v1/residents/export');
    expect(exported.statusCode, exported.body).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwork-lo-'));
    try {
      fs.mkdirSync(path.join(dir, 'in'));
      fs.writeFileSync(path.join(dir, 'in', 'register.xlsx'), exported.rawPayload);
      // A separate profile keeps parallel runs apart; the conversion re-writes the file as LibreOffice saves it.
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(dir, 'out'), path.join(dir, 'in', 'register.xlsx')],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const resaved = fs.readFileSync(path.join(dir, 'out', 'register.xlsx'));
      expect(resaved.equals(exported.rawPayload)).toBe(false);

      const before = await countResidents();
      const form = new FormData();
      form.append('mode', 'all-or-nothing');
      form.append('file', new Blob([new Uint8Array(resaved)]), 'register-libreoffice.xlsx');
      const encoded = new Response(form);
      const accepted = await staff.post('/api/v1/residents/imports', Buffer.from(await encoded.arrayBuffer()), { 'content-type': encoded.headers.get('content-type')! });
      expect(accepted.statusCode, accepted.body).toBe(202);
      await t.app.residentsExcel.whenIdle();
      const job = (await staff.get(`/api/v1/residents/imports/${accepted.json<{ id: string }>().id}`)).json<ImportJob>();
      expect(job).toMatchObject({ status: 'done', failed: 0, created: 0 });
      expect(job.updated).toBeGreaterThan(0);
      expect(job.updated).toBe(job.total);
      expect(await countResidents()).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
