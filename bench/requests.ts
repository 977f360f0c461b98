// Service requests at scale, on real PostgreSQL (DATABASE_URL or TEST_DATABASE_URL; a database of
// its own is created and dropped), or on embedded PGlite with `--pglite` (intake only).
//   • bulk-generates N requests with SQL (default 10,000,000) and their statistics rollup;
//   • intake over HTTP at 32 concurrent clients for 20 s after 2 s of warm-up (from a process of its own, support/intake-clients.mjs):
//     validation, grid lookup, audit row and all, with the audit seal and statistics fold jobs running; once
//     at capacity (each client posts again when answered) and once at the target rate on a fixed schedule
//     (latency counted from each request's scheduled time);
//   • the same INSERTs through pgbench (the physical limit), printed as a ratio: the intake's own statement
//     (request, history entry, statistics delta, audit row, idempotency key) and, for scale, the bare request row;
//   • register list p95 (keyset, no OFFSET) for a grid worker, community staff and the district;
//   • the overdue sweep over the open requests (due states as the minutely sweep leaves them), and one an
//     hour later; statistics p95 for a community and the district.
// Prints figures; asserts nothing.
// Run: npx tsx bench/requests.ts [requests] [intakeSeconds]   |   npx tsx bench/requests.ts --pglite [intakeSeconds]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app';
import { wrapPool, type Database } from '../apps/server/src/db/client';
import { loadConfig } from '../apps/server/src/platform/config';
import { wrapPglite } from '../apps/server/src/db/client-pglite';
import { ThreadedPglite } from '../apps/server/src/db/pglite-threaded';
import { bootstrap } from '../apps/server/src/db/seed/bootstrap';
import { queryRows } from '../apps/server/src/db/sql';
import { runJobOnce, startScheduler } from '../apps/server/src/platform/jobs/scheduler';
import { auditSealJob } from '../apps/server/src/platform/audit/audit.service';
import { deadlineJob } from '../apps/server/src/modules/requests/requests.deadlines';
import { foldStatsJob } from '../apps/server/src/modules/requests/requests.stats';
import { testCipher, testConfig } from '../test-support/test-config';
import { tuneHeapGrowth } from '../apps/server/src/platform/heap';

// The server's own heap setting (main.ts).
const heapGrowingPercent = tuneHeapGrowth();

const embedded = process.argv.includes('--pglite');
const args = process.argv.slice(2).filter((a) => a !== '--pglite');
const N = embedded ? 0 : Number(args[0] ?? 10_000_000);
const INTAKE_SECONDS = Number(args[embedded ? 0 : 1] ?? 20);
const CLIENTS = 32;
/** Load before the measured seconds, not counted: the server compiles its hot code in the first second. */
const WARMUP_SECONDS = 2;
/** The intake rate the targets name: 3,000 req/s on PostgreSQL, 1,000 on the embedded database. */
const TARGET_RATE = embedded ? 1_000 : 3_000;
interface LoadResult {
  latencies: number[];
  failures: number;
  firstFailure: string | null;
  seconds: number;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

interface SentStatement {
  text: string;
  values: unknown[];
}
let intakeStatement: SentStatement | undefined;

/** The statement with its values written in, and fresh ids (and idempotency key) on every run. */
function asPgbenchScript({ text, values }: SentStatement): string {
  const requestId = values[0];
  // The history entry's id is the first value of its INSERT.
  const eventIdParam = Number(/event AS \(insert into "request_events" \([^)]*\) values \(\$(\d+)/.exec(text)?.[1]);
  const literal = (v: unknown, n: number): string => {
    if (n === 1 || n === eventIdParam) return 'gen_random_uuid()';
    if (v === requestId) return '(SELECT id FROM req)';
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    const textValue = String(v);
    if (textValue.startsWith('bench-')) return "'pgbench-' || gen_random_uuid()";
    if (textValue.includes(String(requestId))) return "jsonb_build_object('requestId', (SELECT id FROM req))";
    return `'${textValue.replace(/'/g, "''")}'`;
  };
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1], Number(n)));
}

let database: Database;
let cleanup: () => Promise<void>;
let url: URL | null = null;
if (embedded) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwork-bench-pglite-'));
  database = await wrapPglite(await ThreadedPglite.open({ dataDir: dir }));
  cleanup = async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
} else {
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server, or pass --pglite');
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  const dbName = `gridwork_bench_requests_${process.pid}`;
  await adminClient.query(`CREATE DATABASE "${dbName}"`);
  url = new URL(base);
  url.pathname = `/${dbName}`;
  // As many connections as the server opens (GRIDWORK_DB_POOL_SIZE).
  const pool = new pg.Pool({ connectionString: url.toString(), max: loadConfig().dbPoolSize });
  // Keeps the first intake statement the server sends, to run the same INSERTs through pgbench.
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: typeof query }).query = (...args: unknown[]) => {
    const statement = args[0] as SentStatement;
    if (!intakeStatement && typeof statement?.text === 'string' && statement.text.startsWith('WITH req AS (insert into "service_requests"')) intakeStatement = statement;
    return query(...args);
  };
  pool.on('error', () => undefined);
  database = wrapPool(pool);
  cleanup = async () => {
    await database.close();
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept database ${dbName}`);
    else await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await adminClient.end();
  };
}

try {
  const db = database.db;
  await database.migrate();
  const config = testConfig({ demo: true });
  await bootstrap(db, config, testCipher(), { demo: true, size: 'small', districtCode: '340406' });
  const grids = await queryRows<{ id: string; path: string; min_lng: number; min_lat: number; max_lng: number; max_lat: number }>(
    db,
    sql`SELECT g.id, g.path, g.min_lng, g.min_lat, g.max_lng, g.max_lat FROM places g
        WHERE g.type = 'grid' AND g.boundary IS NOT NULL AND NOT EXISTS (SELECT 1 FROM places c WHERE c.parent_id = g.id AND c.type = 'grid')`,
  );
  console.log(`${database.kind}: ${grids.length} innermost grids with boundaries; heap growing percent ${heapGrowingPercent}`);

  if (N > 0) {
    let started = performance.now();
    // Spread over the grids and the last three years; a tenth still open (in every grid), deadlines
    // spread evenly from 21 hours ago to 180 hours ahead (blocks of 16 open rows, so the hour comes
    // from the block and the row: a hash of one alone would leave most hours empty).
    await db.execute(sql`CREATE TABLE bench_grids AS SELECT (row_number() OVER (ORDER BY path))::int - 1 AS i, id, path FROM places WHERE id IN (${sql.join(
      grids.map((g) => sql`${g.id}::uuid`),
      sql`, `,
    )})`);
    // Every row gets a category: an OFFSET past the last category dropped its rows (10 M asked, 6.25 M made).
    await db.execute(sql`CREATE TABLE bench_categories AS SELECT (row_number() OVER (ORDER BY code))::int - 1 AS i, id, code, default_triage FROM request_categories WHERE parent_id IS NOT NULL`);
    const [{ categories } = { categories: 0 }] = await queryRows<{ categories: number }>(db, sql`SELECT count(*)::int AS categories FROM bench_categories`);
    await db.execute(sql`INSERT INTO service_requests (category_id, category_code, triage, triage_confirmed, channel, urgency, status, description,
        lng, lat, place_id, place_path, responsible_place_id, responsible_path, public_consent, deadline, due_state, resolved_at, resolved_on_time, satisfaction,
        followed_up_at, closed_at, created_at, updated_at)
      SELECT c.id, c.code, c.default_triage, true, 'mobile', 'normal', CASE WHEN (g / 16) % 10 = 0 THEN 'assigned' ELSE 'closed' END, '批量生成的诉求 ' || g,
        116.72 + (g % 1000) / 20000.0, 32.74 + (g % 777) / 20000.0,
        bg.id, bg.path, bg.id, bg.path,
        g % 3 <> 0,
        CASE WHEN (g / 16) % 10 = 0 THEN now() + ((((g / 160) + g) % 200) - 20) * interval '1 hour' - (g % 3600) * interval '1 second' END,
        -- Due states as the minutely sweep would have left them: past deadlines overdue, the next 24 hours due soon.
        CASE WHEN (g / 16) % 10 <> 0 THEN 'none' WHEN ((g / 160) + g) % 200 < 21 THEN 'overdue' WHEN ((g / 160) + g) % 200 < 45 THEN 'due_soon' ELSE 'on_track' END,
        CASE WHEN (g / 16) % 10 <> 0 THEN now() - (g % 1095) * interval '1 day' + interval '30 hours' END,
        CASE WHEN (g / 16) % 10 <> 0 THEN g % 7 <> 0 END,
        CASE WHEN (g / 16) % 10 <> 0 THEN 1 + g % 5 END,
        CASE WHEN (g / 16) % 10 <> 0 THEN now() - (g % 1095) * interval '1 day' + interval '50 hours' END,
        CASE WHEN (g / 16) % 10 <> 0 THEN now() - (g % 1095) * interval '1 day' + interval '60 hours' END,
        now() - (g % 1095) * interval '1 day' - (g % 86400) * interval '1 second', now()
      FROM generate_series(1, ${N}) g
      JOIN bench_grids bg ON bg.i = g % ${grids.length}
      JOIN bench_categories c ON c.i = g % ${categories}`);
    const [{ made, open } = { made: 0, open: 0 }] = await queryRows<{ made: number; open: number }>(
      db,
      sql`SELECT count(*)::int AS made, (count(*) FILTER (WHERE status = 'assigned'))::int AS open FROM service_requests`,
    );
    console.log(`generated ${made.toLocaleString()} requests (${open.toLocaleString()} open) in ${seconds(started)} s`);
    await db.execute(sql`DROP TABLE bench_categories`);
    started = performance.now();
    await db.execute(sql`INSERT INTO request_stats (place_path, day, category_code, triage, received, resolved, resolved_on_time, handling_seconds, followed_up, satisfaction_sum, open_delta, overdue_delta)
      SELECT place_path, (created_at AT TIME ZONE 'Asia/Shanghai')::date, category_code, triage, count(*), count(resolved_at), count(*) FILTER (WHERE resolved_on_time),
        coalesce(sum(extract(epoch FROM resolved_at - created_at)), 0)::bigint, count(satisfaction), coalesce(sum(satisfaction), 0),
        count(*) FILTER (WHERE status NOT IN ('closed', 'rejected')), count(*) FILTER (WHERE due_state = 'overdue')
      FROM service_requests GROUP BY 1, 2, 3, 4
      ON CONFLICT (place_path, day, category_code, triage) DO UPDATE SET received = request_stats.received + excluded.received`);
    const [{ n: rollupRows } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM request_stats`);
    console.log(`rollup: ${rollupRows.toLocaleString()} rows built in ${seconds(started)} s`);
    // As autovacuum would have left a register built over years: visibility map set, statistics current.
    started = performance.now();
    await db.execute(sql`VACUUM ANALYZE`);
    console.log(`vacuumed in ${seconds(started)} s`);
  }

  const app = await buildApp({ database, config, cipher: testCipher() });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const session = async (username: string) => {
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Gridwork@2026' }) });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrfToken };
  };
  // Every client signs in on its own, as phones do (one shared session would serialise on its row).
  const residents = await Promise.all(Array.from({ length: CLIENTS }, () => session('resident')));

  // ── intake: the load comes from a process of its own ──────────────────
  // The jobs that keep up with intake run as in production: the audit seal every 250 ms, the
  // statistics fold every 2 s.
  const keepingUp = startScheduler(db, [auditSealJob, foldStatsJob], app.log);
  const intakeLoad = (tag: string, rate?: number) =>
    new Promise<LoadResult>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(import.meta.dirname, 'support', 'intake-clients.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`intake clients exited with ${code}`))));
      child.stdin.end(JSON.stringify({ base, sessions: residents, grids, seconds: INTAKE_SECONDS, warmupSeconds: WARMUP_SECONDS, tag: `${process.pid}-${tag}`, rate }));
    });
  const figures = ({ latencies, failures, firstFailure }: LoadResult) =>
    `p50 ${pct(latencies, 50).toFixed(1)} ms, p90 ${pct(latencies, 90).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${pct(latencies, 100).toFixed(1)} ms, ${failures} failed${firstFailure ? ` (first: ${firstFailure})` : ''}`;
  // (a) capacity: each client posts again as soon as it is answered;
  const load = await intakeLoad('capacity');
  const intakeRate = load.latencies.length / load.seconds;
  console.log(`intake at capacity (${CLIENTS} clients, each posting again when answered, ${INTAKE_SECONDS} s after ${WARMUP_SECONDS} s of warm-up, HTTP): ${Math.round(intakeRate)} req/s, ${figures(load)}`);
  // (b) latency at the target rate: the same clients on a fixed schedule, each latency counted
  //     from the request's scheduled time (a late answer also counts against those queued behind it).
  //     Below capacity only: past it the queue, and so every latency, grows for as long as the run lasts.
  if (intakeRate >= TARGET_RATE) {
    const paced = await intakeLoad('paced', TARGET_RATE);
    const pacedRate = paced.latencies.length / paced.seconds;
    console.log(
      `intake at ${TARGET_RATE.toLocaleString('en-US')} req/s offered (${CLIENTS} clients on a fixed schedule, latency from the scheduled time): ${Math.round(pacedRate)} req/s served${pacedRate < TARGET_RATE * 0.97 ? ' (fell behind the schedule)' : ''}, ${figures(paced)}`,
    );
  } else {
    console.log(`intake at ${TARGET_RATE.toLocaleString('en-US')} req/s offered: not run, the capacity (${Math.round(intakeRate)} req/s) is below it`);
  }
  await keepingUp.stop();

  if (!embedded && url) {
    // ── pgbench: the physical limit ───────────────────────────────────────
    // (a) the intake's own statement (the request, its history entry, statistics delta, audit row
    //     and idempotency key: the same INSERTs), as the server sent it, with fresh ids per run;
    // (b) the bare INSERT of a request row, for scale.
    const pgbench = (label: string, statement: string) => {
      const script = path.join(os.tmpdir(), `gridwork-pgbench-${process.pid}.sql`);
      fs.writeFileSync(script, `${statement.replace(/\s+/g, ' ')};\n`);
      const out = execFileSync('pgbench', ['-n', '-c', String(CLIENTS), '-j', '2', '-T', '10', '-f', script, url!.toString()], { encoding: 'utf8' });
      fs.rmSync(script);
      const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0);
      console.log(`pgbench, ${label} (${CLIENTS} clients, 10 s): ${Math.round(tps)} tps; intake / pgbench = ${(intakeRate / tps).toFixed(2)}`);
    };
    if (intakeStatement) pgbench('the intake statement: the same INSERTs', asPgbenchScript(intakeStatement));
    const [sample] = await queryRows<{ category_id: string; place_id: string; place_path: string }>(db, sql`SELECT category_id, place_id, place_path FROM service_requests LIMIT 1`);
    pgbench(
      'the bare request-row INSERT',
      `INSERT INTO service_requests (category_id, category_code, triage, channel, urgency, status, description, lng, lat, place_id, place_path, responsible_place_id, responsible_path)
       VALUES ('${sample!.category_id}', 'facilities.lighting', 'minor', 'mobile', 'normal', 'submitted', 'pgbench', 116.73, 32.75, '${sample!.place_id}', '${sample!.place_path}', '${sample!.place_id}', '${sample!.place_path}')`,
    );

    // ── register list, keyset pages ───────────────────────────────────────
    const timeGets = async (label: string, who: { cookie: string }, urls: string[]) => {
      const times: number[] = [];
      for (const u of urls.slice(0, 5)) await fetch(`${base}${u}`, { headers: { cookie: who.cookie } }).then((r) => r.arrayBuffer());
      for (const u of urls) {
        const t0 = performance.now();
        const res = await fetch(`${base}${u}`, { headers: { cookie: who.cookie } });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
      }
      console.log(`${label}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (${urls.length} requests)`);
    };
    const [admin, staff, gridA] = await Promise.all(['admin', 'staff', 'gridA'].map(session));
    const deepPages = async (who: { cookie: string }, query: string, pages: number) => {
      const urls: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < pages; i++) {
        const u = `/api/v1/requests?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`;
        urls.push(u);
        const page = (await (await fetch(`${base}${u}`, { headers: { cookie: who.cookie } })).json()) as { nextCursor: string | null };
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return urls;
    };
    await timeGets('list, district admin, 100 pages deep', admin!, await deepPages(admin!, '', 100));
    await timeGets('list, community staff, 100 pages deep', staff!, await deepPages(staff!, '', 100));
    await timeGets('list, grid worker, 100 pages deep', gridA!, await deepPages(gridA!, '', 100));
    await timeGets('list, community staff, open only', staff!, await deepPages(staff!, '&status=assigned,in_progress', 50));

    // ── statistics ────────────────────────────────────────────────────────
    await runJobOnce(db, foldStatsJob);
    const me = (await (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie: staff!.cookie } })).json()) as { roles: { placeId: string }[] };
    const community = me.roles[0]!.placeId;
    const year = new Date().getFullYear();
    await timeGets('statistics, community, one year', staff!, Array.from({ length: 50 }, () => `/api/v1/requests/stats?placeId=${community}&from=${year - 1}-01-01&to=${year}-12-31`));
    await timeGets('statistics, district, one year', admin!, Array.from({ length: 50 }, () => `/api/v1/requests/stats?from=${year - 1}-01-01&to=${year}-12-31`));
    await timeGets('statistics, district, three years', admin!, Array.from({ length: 20 }, () => `/api/v1/requests/stats?from=${year - 3}-01-01&to=${year}-12-31`));

    // ── overdue sweep ─────────────────────────────────────────────────────
    const [{ open } = { open: 0 }] = await queryRows<{ open: number }>(db, sql`SELECT count(*)::int AS open FROM service_requests WHERE status IN ('accepted','assigned','in_progress')`);
    let started = performance.now();
    const first = await runJobOnce(db, deadlineJob(app.services));
    console.log(`overdue sweep over ${open.toLocaleString()} open requests (the deadlines passed since they were generated): ${JSON.stringify(first)} in ${seconds(started)} s`);
    started = performance.now();
    const again = await runJobOnce(db, deadlineJob(app.services), new Date(Date.now() + 3_600_000));
    console.log(`a sweep an hour later (an hour of deadlines at once, as after an outage): ${JSON.stringify(again)} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }
  await app.close();
} finally {
  await cleanup();
}
