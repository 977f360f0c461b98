import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cloneTemplate } from '../../../../test-support/databases';
import { auditInsert, auditRow } from '../platform/audit/audit.service';
import type { Database } from './client';
import { reusableStatement } from './reusable-statement';
import { queryRows } from './sql';

let database: Database;
beforeAll(async () => {
  database = await cloneTemplate('empty');
});
afterAll(async () => {
  await database.close();
});

interface Stored {
  actor_name: string | null;
  action: string;
  entity_id: string | null;
  before_is_null: boolean;
  after: unknown;
  user_agent: string | null;
}

const insertBoth = reusableStatement((db, v: { first: ReturnType<typeof auditRow>; second: ReturnType<typeof auditRow> & { after: string } }) => {
  const second = auditInsert(db, { ...v.second, after: sql`${v.second.after}::jsonb || jsonb_build_object('n', (SELECT count(*) FROM one))` });
  return sql`WITH one AS (${auditInsert(db, v.first)} RETURNING id), two AS (${second} RETURNING id) SELECT (SELECT id FROM one) AS one, (SELECT id FROM two) AS two`;
});

const context = (actorName: string | null, userAgent: string | null) => ({ actorId: null, actorName, ip: null, userAgent });

async function stored(id: number): Promise<Stored> {
  const [row] = await queryRows<Stored>(database.db, sql`SELECT actor_name, action, entity_id, before IS NULL AS before_is_null, after, user_agent FROM audit_log WHERE id = ${id}`);
  return row!;
}

describe('a statement built once and refilled', () => {
  it('writes each call’s own values, by the driver or in a transaction, with NULLs as SQL NULL and objects through the column’s encoder', async () => {
    const calls = [
      { first: auditRow(context('甲', 'agent-1'), { action: 'test.first', entityId: 'e-1', after: { 名称: '一号', list: [1, 2] } }), second: { ...auditRow(context(null, null), { action: 'test.second' }), after: JSON.stringify({ k: 'v1' }) } },
      { first: auditRow(context('乙', null), { action: 'test.first-again', before: { was: true } }), second: { ...auditRow(context('丙', 'agent-2'), { action: 'test.second-again', entityId: 'e-2' }), after: JSON.stringify({ k: 'v2' }) } },
    ];
    // The first through the driver's own call, the second inside a transaction (through drizzle).
    for (const [i, values] of calls.entries()) {
      const run = i === 0 ? () => insertBoth(database.db, values) : () => database.db.transaction((tx) => insertBoth(tx, values));
      const [ids] = (await run()) as { one: string; two: string }[];
      const [first, second] = [await stored(Number(ids!.one)), await stored(Number(ids!.two))];
      expect(first).toEqual({
        actor_name: values.first.actorName,
        action: values.first.action,
        entity_id: values.first.entityId,
        before_is_null: values.first.before === null,
        after: values.first.after,
        user_agent: values.first.userAgent,
      });
      expect(second).toEqual({
        actor_name: values.second.actorName,
        action: values.second.action,
        entity_id: values.second.entityId,
        before_is_null: true,
        after: { ...(JSON.parse(values.second.after) as object), n: 1 },
        user_agent: values.second.userAgent,
      });
    }
  });

  it('builds a statement of its own for values of another shape', async () => {
    const once = reusableStatement((db, v: { row: Record<string, unknown> }) => sql`SELECT ${sql.join(Object.values(v.row).map((slot, i) => sql`${slot}::text AS ${sql.raw(`c${i}`)}`), sql`, `)}`);
    const [narrow] = await once(database.db, { row: { a: 'x' } });
    const [wide] = await once(database.db, { row: { a: 'y', b: 'z' } });
    expect(Object.values(narrow!)).toEqual(['x']);
    expect(Object.values(wide!)).toEqual(['y', 'z']);
  });
});
