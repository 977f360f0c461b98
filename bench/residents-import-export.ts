// Residents register: import of 100,000 rows from xlsx (rows/s, peak RSS) through the real import
// code path, then export of 1,000,000 rows to xlsx (seconds, file size). Real PostgreSQL only:
// DATABASE_URL or TEST_DATABASE_URL; a database of its own is created and dropped.
// Prints figures; asserts nothing.  Run: npx tsx bench/residents-import-export.ts [importRows] [exportRows]
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { wrapPool } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { bootstrap } from '../apps/server/src/db/seed/bootstrap';
import { createDataCipher } from '../apps/server/src/platform/crypto';
import { loadConfig } from '../apps/server/src/platform/config';
import { SYSTEM_ACTOR } from '../apps/server/src/platform/system-actor';
import type { Actor } from '../apps/server/src/platform/access';
import { permissionsOf } from '@gridwork/contracts';
import { createServices } from '../apps/server/src/services';
import { createResidentsExcelService } from '../apps/server/src/modules/residents/residents.import';
import { tuneHeapGrowth } from '../apps/server/src/platform/heap';

// The server's own heap setting (main.ts).
const heapGrowingPercent = tuneHeapGrowth();
const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) throw new Error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server');
const IMPORT_ROWS = Number(process.argv[2] ?? 100_000);
const EXPORT_ROWS = Number(process.argv[3] ?? 1_000_000);
const HOUSEHOLDS = Math.ceil(IMPORT_ROWS / 3);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function admin() {
  const url = new URL(base!);
  url.pathname = '/postgres';
  return url.toString();
}

const dbName = `gridwork_bench_${process.pid}`;
const adminClient = new pg.Client({ connectionString: admin() });
await adminClient.connect();
await adminClient.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
pool.on('error', () => undefined);
const database = wrapPool(pool);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwork-bench-'));
try {
  await database.migrate();
  const config = loadConfig({ GRIDWORK_PASSWORD_COST: '12' });
  const cipher = createDataCipher(crypto.randomBytes(32));
  await bootstrap(database.db, config, cipher, { demo: false, districtCode: '340406', size: 'small' });
  const db = database.db;
  // Households under the district root, coded BH000001…, for the import to find.
  const [root] = await queryRows<{ id: string; path: string }>(db, sql`SELECT id, path FROM places WHERE parent_id IS NULL LIMIT 1`);
  await db.execute(sql`INSERT INTO places (parent_id, type, name, code, path, depth)
    SELECT ${root!.id}::uuid, 'household', 'H' || g, 'BH' || lpad(g::text, 6, '0'), 'tmp-' || g, 1 FROM generate_series(1, ${HOUSEHOLDS}) g`);
  await db.execute(sql`UPDATE places SET path = ${root!.path} || seq || '/' WHERE path LIKE 'tmp-%'`);

  // 1. the file, written by another process (as Excel would: shared strings)
  let started = performance.now();
  const file = path.join(tmp, 'import.xlsx');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/make-register.ts'), file, String(IMPORT_ROWS), String(HOUSEHOLDS)], { stdio: 'inherit' });
  console.log(`generated ${IMPORT_ROWS.toLocaleString()} rows: ${mb(fs.statSync(file).size)} xlsx in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // 2. the import, through the service the route calls
  const services = createServices({ db, config, cipher });
  const excel = createResidentsExcelService({ db, cipher, places: services.places });
  global.gc?.();
  const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
  let peak = rssBefore;
  let peakHeap = 0;
  let peakExternal = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakExternal = Math.max(peakExternal, m.external);
  }, 50);
  started = performance.now();
  const { id } = await excel.startImport(SYSTEM_ACTOR, { path: file, fileName: 'import.xlsx' }, 'skip-invalid');
  console.log(`  upload checks (zip, layout) answered in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  await excel.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const job = await excel.getJob(SYSTEM_ACTOR, id);
  console.log(`import: ${job.status} ${job.created.toLocaleString()} created, ${job.failed} failed${job.message ? ` (${job.message})` : ''} in ${seconds.toFixed(1)} s = ${Math.round(IMPORT_ROWS / seconds).toLocaleString()} rows/s`);
  console.log(`import RSS (heap growing percent ${heapGrowingPercent}): before ${mb(rssBefore)}, peak sampled ${mb(peak)} (JS heap before ${mb(heapBefore)}, peak ${mb(peakHeap)}, external peak ${mb(peakExternal)}); process maxRSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`);

  // 3. a million rows: copies of the imported rows (real ciphertexts, distinct blind indexes)
  started = performance.now();
  const copies = Math.ceil(EXPORT_ROWS / IMPORT_ROWS) - 1;
  if (copies > 0) {
    await db.execute(sql`INSERT INTO residents (household_id, place_id, place_path, name, name_tokens, gender, birth_date, id_type, id_number_enc, id_number_index, id_number_masked,
        phone_enc, phone_index, phone_masked, relation_to_head, residence_type, occupation, employer, notes, status, created_at, updated_at)
      SELECT household_id, place_id, place_path, name, name_tokens, gender, birth_date, id_type, id_number_enc, id_number_index || '#' || g, id_number_masked,
        phone_enc, phone_index, phone_masked, relation_to_head, residence_type, occupation, employer, notes, status, created_at + g * interval '1 second', updated_at
      FROM residents, generate_series(1, ${copies}) g`);
    // A register in use has been vacuumed; a freshly bulk-loaded table would have autovacuum and hint-bit writes compete with the export.
    await db.execute(sql`VACUUM (ANALYZE) residents`);
  }
  const [{ n }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM residents`)) as [{ n: number }];
  console.log(`bulk-generated to ${n.toLocaleString()} residents in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // 4. the export, twice: masked (a grid leader over the whole district may export, not reveal) and
  // with full values (the system actor may reveal, so every ID number and phone is decrypted).
  const maskedActor: Actor = { ...SYSTEM_ACTOR, grants: [{ ...SYSTEM_ACTOR.grants[0]!, role: 'grid_leader' }], permissions: permissionsOf(['grid_leader']) };
  for (const [label, actor] of [['masked', maskedActor], ['full values', SYSTEM_ACTOR]] as const) {
    started = performance.now();
    const result = await excel.exportResidents(actor, { sort: 'createdAt', order: 'desc' });
    const out = path.join(tmp, 'export.xlsx');
    await pipeline(result.stream, fs.createWriteStream(out));
    const exportSeconds = (performance.now() - started) / 1000;
    console.log(`export (${label}): ${result.rows.toLocaleString()} rows in ${exportSeconds.toFixed(1)} s (${Math.round(result.rows / exportSeconds).toLocaleString()} rows/s), ${mb(fs.statSync(out).size)}; maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  }
} finally {
  await database.close();
  await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await adminClient.end();
  fs.rmSync(tmp, { recursive: true, force: true });
}
