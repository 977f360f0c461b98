import { is, Param, Placeholder, SQL, sql, StringChunk } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import crypto from 'node:crypto';
import type { Db } from './client';
import { rawQueryOf } from './raw';
import { queryRows } from './sql';

/** Named groups of named values, e.g. `{ request: {...}, audit: {...} }`. */
type Groups = Record<string, Record<string, unknown>>;

/** One parameter of the built text: a constant, or a slot filled per call (through its column's encoder). */
type Filling = { readonly constant: unknown } | { readonly group: string; readonly field: string; readonly encode: ((value: unknown) => unknown) | null };

/** Slots are named `group.field` (see `slots` below). */
function slotOf(placeholder: Placeholder): { group: string; field: string } {
  const dot = placeholder.name.indexOf('.');
  return { group: placeholder.name.slice(0, dot), field: placeholder.name.slice(dot + 1) };
}

function fillingOf(param: unknown): Filling {
  if (is(param, Placeholder)) return { ...slotOf(param), encode: null };
  if (is(param, Param) && is(param.value, Placeholder)) {
    const encoder = param.encoder;
    return { ...slotOf(param.value), encode: (value) => encoder.mapToDriverValue(value) };
  }
  return { constant: param };
}

const dialect = new PgDialect();

/**
 * A statement built by drizzle once per shape of its values and then only refilled. Building a
 * large statement (a dozen CTEs, ~60 values) costs ~0.5 ms of CPU in drizzle, more than PostgreSQL
 * spends running it; refilling the built text costs a few microseconds.
 *
 * `build` is called with slots in place of the values: placeholders typed as the values, so it
 * reads like the plain builder code. Slots may go into `.values(…)` (the column's encoder applies)
 * or into `sql` templates (then the value is passed as it is). Values must not be transformed
 * inside `build`, since it runs only once.
 */
export function reusableStatement<V extends Groups>(build: (db: Db, slots: V) => SQL): (db: Db, values: V) => Promise<Record<string, unknown>[]> {
  const built = new Map<string, { readonly name: string; readonly text: string; readonly pieces: readonly string[]; readonly fillings: readonly Filling[] }>();
  return (db, values) => {
    const shape = Object.entries(values)
      .map(([group, fields]) => `${group}:${Object.keys(fields).join(',')}`)
      .join(';');
    let compiled = built.get(shape);
    if (!compiled) {
      const slots = Object.fromEntries(
        Object.entries(values).map(([group, fields]) => [group, Object.fromEntries(Object.keys(fields).map((name) => [name, sql.placeholder(`${group}.${name}`)]))]),
      ) as unknown as V;
      const query = dialect.sqlToQuery(build(db, slots));
      // PostgreSQL numbers parameters $1, $2, … in order of appearance; no literal `$` is expected.
      const pieces = query.sql.split(/\$\d+/);
      if (pieces.length !== query.params.length + 1) throw new Error('reusableStatement: the statement text holds a literal "$"');
      const name = `gw_${crypto.createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`;
      compiled = { name, text: query.sql, pieces, fillings: query.params.map(fillingOf) };
      built.set(shape, compiled);
    }
    const statement = compiled;
    const params = statement.fillings.map((filling) => {
      if ('constant' in filling) return filling.constant;
      const value = values[filling.group]![filling.field];
      // As drizzle's builder does: NULL is sent as NULL, never through a column's encoder.
      return value === null || value === undefined ? null : filling.encode ? filling.encode(value) : value;
    });
    const raw = rawQueryOf(db);
    if (raw) return raw({ name: statement.name, text: statement.text, params });
    // Inside a transaction: drizzle runs it, given the text in pieces and the parameters between them.
    const chunks: (StringChunk | Param)[] = [];
    statement.pieces.forEach((piece, i) => {
      chunks.push(new StringChunk(piece));
      if (i < params.length) chunks.push(new Param(params[i]));
    });
    return queryRows<Record<string, unknown>>(db, new SQL(chunks));
  };
}
