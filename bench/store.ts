// The charity store under load, on real PostgreSQL (DATABASE_URL or TEST_DATABASE_URL; a database of
// its own is created and dropped): 100 concurrent clients redeem at the counter for 50 residents'
// balances and 5 goods for 30 s over HTTP. Prints redemptions/s and latency, then the proof: no
// balance or stock below zero, the ledger check passes, and the points of the redemptions equal
// what the ledger spent. Asserts nothing.
// Run: npx tsx bench/store.ts [seconds] [clients]
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app';
import { wrapPool } from '../apps/server/src/db/client';
import { bootstrap } from '../apps/server/src/db/seed/bootstrap';
import { queryRows } from '../apps/server/src/db/sql';
import { checkLedger } from '../apps/server/src/modules/points/points.service';
import { testCipher, testConfig } from '../test-support/test-config';

const SECONDS = Number(process.argv[2] ?? 30);
const CLIENTS = Number(process.argv[3] ?? 100);
const RESIDENTS = 50;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) throw new Error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server');
const admin = new URL(base);
admin.pathname = '/postgres';
const adminClient = new pg.Client({ connectionString: admin.toString() });
await adminClient.connect();
const dbName = `gridwork_bench_store_${process.pid}`;
await adminClient.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 40 });
pool.on('error', () => undefined);
const database = wrapPool(pool);
try {
  const db = database.db;
  await database.migrate();
  const config = testConfig({ demo: true });
  await bootstrap(db, config, testCipher(), { demo: true, size: 'small', districtCode: '340406' });
  const app = await buildApp({ database, config, cipher: testCipher() });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = async () => {
    const res = await fetch(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'staff', password: 'Gridwork@2026' }) });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrfToken };
  };
  const staff = await login();
  const call = (who: { cookie: string; csrfToken: string }, method: string, path: string, body?: unknown, key?: string) =>
    fetch(`${address}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  // 50 residents of community A, 300 points each; 5 goods with 150 in stock each.
  const me = (await (await call(staff, 'GET', '/api/v1/auth/me')).json()) as { roles: { placeId: string }[] };
  const communityId = me.roles[0]!.placeId;
  const residents: string[] = [];
  for (let cursor: string | null = null; residents.length < RESIDENTS; ) {
    const page = (await (await call(staff, 'GET', `/api/v1/residents?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: { id: string }[]; nextCursor: string | null };
    residents.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  residents.length = Math.min(residents.length, RESIDENTS);
  for (const [i, residentId] of residents.entries()) {
    const res = await call(staff, 'POST', '/api/v1/points/entries', { residentId, amount: 3000, reason: '压测初始积分' }, `bench-seed-${i}`);
    if (res.status !== 201) throw new Error(`seeding points: ${res.status} ${await res.text()}`);
  }
  const goods: string[] = [];
  for (const [i, price] of [10, 20, 30, 40, 50].entries()) {
    const res = await call(staff, 'POST', '/api/v1/store/goods', { placeId: communityId, name: `压测物品${i + 1}`, category: '日用品', pointsPrice: price, stock: 2000, unit: '件' });
    if (res.status !== 201) throw new Error(`creating goods: ${res.status} ${await res.text()}`);
    goods.push(((await res.json()) as { id: string }).id);
  }
  console.log(`${residents.length} residents × 3,000 points, ${goods.length} goods × 2,000 in stock; ${CLIENTS} clients for ${SECONDS} s`);

  const sessions = await Promise.all(Array.from({ length: Math.min(CLIENTS, 20) }, login));
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; performance.now() < until; i++) {
        const body = { residentId: residents[(c * 7 + i) % residents.length]!, goodsId: goods[(c + i) % goods.length]!, quantity: 1 + ((c + i) % 2) };
        const t0 = performance.now();
        const res = await call(sessions[c % sessions.length]!, 'POST', '/api/v1/store/redemptions', body, `bench-${c}-${i}`);
        const answer = res.status === 201 ? 'redeemed' : res.status === 409 ? `409 ${((await res.json()) as { code: string }).code}` : `${res.status}`;
        if (res.status === 201) await res.arrayBuffer();
        outcomes.set(answer, (outcomes.get(answer) ?? 0) + 1);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const redeemed = outcomes.get('redeemed') ?? 0;
  console.log(`${latencies.length} attempts in ${elapsed.toFixed(1)} s: ${Math.round(latencies.length / elapsed)} attempts/s, ${Math.round(redeemed / elapsed)} redemptions/s; p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`);
  console.log(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);

  const [floor] = await queryRows<{ min_balance: number; min_stock: number; points_redeemed: number; points_spent: number }>(
    db,
    sql`SELECT (SELECT min(balance) FROM points_accounts WHERE resident_id IS NOT NULL)::int AS min_balance,
               (SELECT min(stock) FROM store_goods)::int AS min_stock,
               (SELECT coalesce(sum(points), 0) FROM store_redemptions)::int AS points_redeemed,
               (SELECT -coalesce(sum(p.amount), 0) FROM points_postings p JOIN points_transactions t ON t.id = p.transaction_id
                  JOIN points_accounts a ON a.id = p.account_id WHERE t.kind = 'spend' AND a.resident_id IS NOT NULL)::int AS points_spent`,
  );
  const check = await checkLedger(db);
  console.log(`lowest balance ${floor!.min_balance}, lowest stock ${floor!.min_stock}; points on redemptions ${floor!.points_redeemed} = points spent in the ledger ${floor!.points_spent}: ${floor!.points_redeemed === floor!.points_spent}`);
  console.log(`ledger check: ${check.ok ? 'ok' : 'BROKEN'} (${check.accounts} accounts, ${check.transactions} transactions)`);
  await app.close();
} finally {
  await database.close();
  await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await adminClient.end();
}
