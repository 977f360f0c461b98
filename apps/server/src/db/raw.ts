import type { Db } from './client';

/** The driver's own query call behind a handle: text and parameters, rows as the driver parses them. */
export type RawQuery = (statement: { readonly name: string; readonly text: string; readonly params: readonly unknown[] }) => Promise<Record<string, unknown>[]>;

const rawQueries = new WeakMap<Db, RawQuery>();

/** Set by the database wrappers for their top-level handle (a transaction's handle has none). */
export function registerRawQuery(db: Db, query: RawQuery): void {
  rawQueries.set(db, query);
}

export const rawQueryOf = (db: Db): RawQuery | undefined => rawQueries.get(db);
