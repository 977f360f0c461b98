import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { withPreparedStatements } from './pglite-prepared';

let raw: PGlite;
let pg: PGlite;
beforeAll(async () => {
  raw = await PGlite.create();
  pg = withPreparedStatements(raw);
  await raw.exec(`CREATE TABLE things (id serial PRIMARY KEY, name text NOT NULL UNIQUE, at timestamptz, tags text[], doc jsonb)`);
});
afterAll(async () => {
  await raw.close();
});

const preparedCount = async () => (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows[0]!.n;

describe('PGlite queries as named prepared statements', () => {
  it('gives the same rows as PGlite’s own query, for dates, arrays, JSON and NULLs, in both row modes', async () => {
    const at = new Date('2026-11-23T08:00:00.000Z');
    const insert = `INSERT INTO things (name, at, tags, doc) VALUES ($1, $2, $3, $4) RETURNING *`;
    const mine = await pg.query(insert, ['甲', at, ['a', 'b'], { n: 1 }]);
    const theirs = await raw.query(insert, ['乙', at, ['a', 'b'], { n: 1 }]);
    expect(mine.rows).toEqual([{ ...(theirs.rows[0] as object), id: 1, name: '甲' }]);
    expect(mine.rows[0]).toMatchObject({ at, tags: ['a', 'b'], doc: { n: 1 } });
    expect(mine.affectedRows).toBe(1);
    const nulls = await pg.query(`SELECT $1::text AS a, $2::int AS b`, [null, undefined], { rowMode: 'array' });
    expect(nulls.rows).toEqual([[null, null]]);
  });

  it('parses a text once and reuses it, closing the least recently used beyond 256', async () => {
    const before = await preparedCount();
    for (let i = 0; i < 3; i++) await pg.query(`SELECT $1::int + 1 AS n`, [i]);
    expect(await preparedCount()).toBe(before + 1);
    for (let i = 0; i < 300; i++) expect((await pg.query<{ n: number }>(`SELECT $1::int + ${i} AS n`, [1])).rows[0]!.n).toBe(1 + i);
    expect(await preparedCount()).toBe(256);
  });

  it('reports a failed statement with its SQLSTATE and stays usable, including after a syntax error', async () => {
    await expect(pg.query(`INSERT INTO things (name) VALUES ($1)`, ['甲'])).rejects.toMatchObject({ code: '23505' });
    await expect(pg.query(`SELEC 1`)).rejects.toMatchObject({ code: '42601' });
    expect((await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM things`)).rows[0]!.n).toBe(2);
  });

  it('runs inside a transaction on its handle, and outside one only after it ends', async () => {
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
    const names = (await pg.query<{ name: string }>(`SELECT name FROM things ORDER BY id`)).rows.map((r) => r.name);
    expect(names).toEqual(['甲', '乙', '丁']);
  });
});
