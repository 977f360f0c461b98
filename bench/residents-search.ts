// Residents register search at scale: by ID number (blind index) and by a 2-character name
// (name_tokens GIN), through the list query the residents service uses (repo.listResidents, which
// also counts the total). Real PostgreSQL only (DATABASE_URL or TEST_DATABASE_URL); a database of
// its own is created and dropped. Prints p50/p95; asserts nothing.
// Run: npx tsx bench/residents-search.ts [residents]
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { wrapPool } from '../apps/server/src/db/client';
import { queryRows } from '../apps/server/src/db/sql';
import { listResidents } from '../apps/server/src/modules/residents/residents.repo';

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) throw new Error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server');
const N = Number(process.argv[2] ?? 1_000_000);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建国志文斌宇浩然欣怡子涵梓轩雨桐晨曦思远佳琪嘉俊';

const admin = new URL(base);
admin.pathname = '/postgres';
const adminClient = new pg.Client({ connectionString: admin.toString() });
await adminClient.connect();
const dbName = `gridwork_bench_search_${process.pid}`;
await adminClient.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
pool.on('error', () => undefined);
const database = wrapPool(pool);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
try {
  await database.migrate();
  const db = database.db;
  let started = performance.now();
  // Synthetic rows: names of 2–3 characters with their unigram/bigram tokens (as nameTokens makes
  // them, minus pinyin keys), random blind indexes; paths spread over 1,000 grids of one district.
  await db.execute(sql`INSERT INTO residents (place_id, place_path, name, name_tokens, gender, birth_date, id_type, id_number_enc, id_number_index, id_number_masked, residence_type)
    SELECT gen_random_uuid(), '/1/' || (2 + g % 1000) || '/' || g || '/', n, tokens, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END,
      date '1940-01-01' + (g % 25000), 'resident_id', 'x', md5(g::text), '3404**********0000', 'permanent'
    FROM (
      SELECT g, n, ARRAY(SELECT DISTINCT t FROM unnest(ARRAY[n, substr(n,1,1), substr(n,2,1), substr(n,3,1), substr(n,1,2), substr(n,2,2)]) t WHERE t <> '') AS tokens
      FROM (SELECT g, substr(${SURNAMES}, 1 + g % ${SURNAMES.length}, 1) || substr(${GIVEN}, 1 + (g * 7) % ${GIVEN.length}, 1)
                  || CASE WHEN g % 3 = 0 THEN substr(${GIVEN}, 1 + (g * 13) % ${GIVEN.length}, 1) ELSE '' END AS n
            FROM generate_series(1, ${N}) g) s
    ) x`);
  await db.execute(sql`ANALYZE residents`);
  console.log(`generated ${N.toLocaleString()} residents in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const scope = { paths: ['/1/'] };
  const today = new Date().toISOString().slice(0, 10);
  const time = async (label: string, runs: number, query: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await query(i);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      await query(i);
      times.push(performance.now() - started);
    }
    console.log(`${label}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (${runs} queries, page of 50 + total)`);
  };
  const ids = (await queryRows<{ i: string }>(db, sql`SELECT id_number_index AS i FROM residents TABLESAMPLE SYSTEM (1) LIMIT 200`)).map((r) => r.i);
  await time('search by ID number (blind index)', 200, (i) => listResidents(db, { scope, today, idIndexes: [ids[i % ids.length]!, `${ids[i % ids.length]!}x`], sort: 'createdAt', order: 'desc', limit: 50 }));
  const names = (await queryRows<{ n: string }>(db, sql`SELECT substr(name, 1, 2) AS n FROM residents TABLESAMPLE SYSTEM (1) LIMIT 200`)).map((r) => r.n);
  await time('search by 2-character name (name_tokens GIN)', 200, (i) => listResidents(db, { scope, today, nameTokens: [names[i % names.length]!], sort: 'createdAt', order: 'desc', limit: 50 }));
} finally {
  await database.close();
  await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await adminClient.end();
}
