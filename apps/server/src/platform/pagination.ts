import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { badRequest } from './errors';

/** Opaque keyset cursors: base64url of the sort key of the last row returned. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value as (string | number)[];
    }
  } catch {
    // fall through
  }
  throw badRequest('validation_failed');
}

/** Fetch `limit + 1` rows, then call this to split off the extra row into a cursor. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/**
 * The keyset condition for a newest-first page, as a row comparison: `(a, b) < (x, y)` is read as
 * an index range on (…, a, b), where the equivalent `a < x OR (a = x AND b < y)` is checked row by
 * row from the newest, so each page cost more the deeper it was.
 */
export function olderThan(columns: readonly [SQLWrapper, SQLWrapper], after: readonly [unknown, unknown]): SQL {
  return sql`(${columns[0]}, ${columns[1]}) < (${after[0]}, ${after[1]})`;
}
