/**
 * Awaits lazy queries one after another. Drizzle queries run when awaited, so this keeps a page
 * and its count on one connection in order — a transaction's client must not be given two
 * queries at once (node-postgres deprecates it, PGlite serialises it anyway).
 */
export async function inTurn<T extends readonly unknown[]>(queries: { readonly [K in keyof T]: PromiseLike<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries as readonly PromiseLike<unknown>[]) results.push(await query);
  return results as unknown as T;
}
