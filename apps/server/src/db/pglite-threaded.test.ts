import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { ThreadedPglite } from './pglite-threaded';

let pg: ThreadedPglite;
let reference: PGlite;
const schema = `CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL CONSTRAINT things_name_key UNIQUE, at timestamptz, day date, tags text[], doc jsonb, amount numeric, big bigint, blob bytea)`;
beforeAll(async () => {
  [pg, reference] = await Promise.all([ThreadedPglite.open(), PGlite.create()]);
  await pg.exec(schema);
  await reference.exec(schema);
});
afterAll(async () => {
  await Promise.all([pg.close(), reference.close()]);
});

const preparedCount = async () => (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows[0]!.n;
const names = async () => (await pg.query<{ name: string }>(`SELECT name FROM things ORDER BY id`)).rows.map((r) => r.name);

describe('PGlite in a thread of its own', () => {
  it('gives the same results as PGlite on the main thread: dates, arrays, JSON, numbers, bytes, Chinese text and NULLs, in both row modes', async () => {
    const at = new Date('2026-11-23T08:00:00.000Z');
    const insert = `INSERT INTO things (name, at, day, tags, doc, amount, big, blob) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`;
    const values = ['甲 “引号” \\ 𠀀', at, '2026-11-23', ['a', 'b,c', '"d"', null], { n: 1, 名: ['x'] }, '12.50', 9007199254740993n, new Uint8Array([0, 1, 255])];
    const mine = await pg.query(insert, values);
    const theirs = await reference.query(insert, values);
    expect(mine).toEqual(theirs);
    expect(mine.rows[0]).toMatchObject({ name: values[0], at, tags: ['a', 'b,c', '"d"', null], doc: { n: 1, 名: ['x'] }, big: 9007199254740993n, blob: new Uint8Array([0, 1, 255]) });
    expect(mine.affectedRows).toBe(1);

    const select = `SELECT id, name, at, tags, $1::text AS nothing FROM things ORDER BY id`;
    const arrays = { rowMode: 'array' as const };
    expect(await pg.query(select, [null], arrays)).toEqual(await reference.query(select, [null], arrays));
    // The drizzle driver's options: timestamps and dates left as text.
    const asText = { parsers: { 1184: (v: string) => v, 1082: (v: string) => v } };
    expect((await pg.query(`SELECT at, day FROM things`, [], asText)).rows).toEqual((await reference.query(`SELECT at, day FROM things`, [], asText)).rows);
  });

  it('runs several statements at once, with rows affected summed as PGlite does', async () => {
    const script = `UPDATE things SET amount = amount + 1; SELECT count(*)::int AS n FROM things; DELETE FROM things WHERE false`;
    const mine = await pg.exec(script);
    expect(mine).toEqual(await reference.exec(script));
    expect(mine.map((r) => r.command)).toEqual(['UPDATE', 'SELECT', 'DELETE']);
    expect(mine[1]!.rows).toEqual([{ n: 1 }]);
  });

  it('parses a text once and reuses it, closing the least recently used beyond 256', async () => {
    const before = await preparedCount();
    for (let i = 0; i < 3; i++) await pg.query(`SELECT $1::int + 1 AS n`, [i]);
    expect(await preparedCount()).toBe(before + 1);
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => pg.query<{ n: number }>(`SELECT $1::int + ${i} AS n`, [1])));
    expect(answers.map((a) => a.rows[0]!.n)).toEqual(Array.from({ length: 300 }, (_, i) => 1 + i));
    expect(await preparedCount()).toBe(256);
  });

  it('answers queries sent together each with its own rows, in order', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => pg.query<{ i: number; s: string }>(`SELECT $1::int AS i, repeat('网', $1::int) AS s`, [i])));
    answers.forEach((answer, i) => expect(answer.rows).toEqual([{ i, s: '网'.repeat(i) }]));
  });

  it('reports a failed statement with its SQLSTATE and details, and stays usable, including after a syntax error', async () => {
    await expect(pg.query(`INSERT INTO things (name) VALUES ($1)`, ['甲 “引号” \\ 𠀀'])).rejects.toMatchObject({
      code: '23505',
      constraint: 'things_name_key',
      table: 'things',
      detail: expect.stringContaining('already exists'),
    });
    await expect(pg.query(`SELEC 1`)).rejects.toMatchObject({ code: '42601', message: expect.stringContaining('syntax error') });
    await expect(pg.query(`SELECT $1::int`, ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    await expect(pg.exec(`SELECT 1; SELECT 1/0`)).rejects.toMatchObject({ code: '22012' });
    expect(await names()).toEqual(['甲 “引号” \\ 𠀀']);
  });

  it('keeps a transaction to itself: a query from outside waits for it to end, and a rollback undoes only its own writes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const transaction = pg.transaction(async (tx) => {
      await tx.query(`INSERT INTO things (name) VALUES ($1)`, ['丙']);
      order.push('tx wrote');
      await held;
      await tx.rollback();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = pg.query(`INSERT INTO things (name) VALUES ($1)`, ['丁']).then(() => order.push('outside wrote'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['tx wrote']);
    release();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['tx wrote', 'outside wrote']);
    expect(await names()).toEqual(['甲 “引号” \\ 𠀀', '丁']);
  });

  it('rolls a transaction back when its callback fails, and commits it otherwise', async () => {
    await expect(
      pg.transaction(async (tx) => {
        await tx.query(`INSERT INTO things (name) VALUES ($1)`, ['戊']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await pg.transaction(async (tx) => {
      await tx.query(`INSERT INTO things (name) VALUES ($1)`, ['己']);
    });
    expect(await names()).toEqual(['甲 “引号” \\ 𠀀', '丁', '己']);
  });

  it('delivers notifications after the sender commits, and none after unlisten', async () => {
    const heard: string[] = [];
    const unlisten = await pg.listen('things_changed', (payload) => heard.push(payload));
    await pg.transaction(async (tx) => {
      await tx.query(`SELECT pg_notify('things_changed', $1)`, ['新的']);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(heard).toEqual([]);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual(['新的']);
    await unlisten();
    await pg.query(`SELECT pg_notify('things_changed', 'unheard')`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual(['新的']);
  });

  it('dumps its data directory for another to start from, and refuses queries once closed', async () => {
    const copy = await ThreadedPglite.open({ loadDataDir: await pg.dumpDataDir() });
    expect((await copy.query<{ name: string }>(`SELECT name FROM things ORDER BY id`)).rows.map((r) => r.name)).toEqual(await names());
    await copy.close();
    await expect(copy.query(`SELECT 1`)).rejects.toThrow(/exited/);
  });

  it('when the thread dies, the waiting query fails, every later one too, and the owner is told once', async () => {
    // A stand-in thread: ready, answers the two exchanges of opening (array types), dies on the next.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gridwork-thread-')), 'dies.mjs');
    fs.writeFileSync(
      file,
      `import { parentPort } from 'node:worker_threads';
       parentPort.postMessage({ id: 0 });
       let jobs = 0;
       parentPort.on('message', (job) => {
         if (++jobs === 3) process.exit(3);
         parentPort.postMessage({ id: job.id, answer: { results: [], paramTypes: [] } });
       });`,
    );
    const told: Error[] = [];
    const dying = await ThreadedPglite.open({ threadFile: pathToFileURL(file), onUnexpectedExit: (error) => told.push(error) });
    await expect(dying.query(`SELECT 1`)).rejects.toThrow(/exited \(3\)/);
    await expect(dying.query(`SELECT 1`)).rejects.toThrow(/exited \(3\)/);
    expect(told.map((e) => e.message)).toEqual([expect.stringMatching(/exited \(3\)/)]);
    await dying.close();
  });
});
