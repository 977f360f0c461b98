import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/** Named statements kept per database; the least recently used beyond this is closed. */
const MAX_STATEMENTS = 256;

interface Prepared {
  readonly name: string;
  readonly paramTypes: readonly number[];
}

type Query = <T>(text: string, params?: unknown[], options?: QueryOptions) => Promise<Results<T>>;

const joined = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/**
 * PGlite with its parameterised queries run as named prepared statements. PGlite's own `query`
 * parses, plans and describes the text on every call, in six trips into the WebAssembly backend;
 * a large statement (the request intake: a dozen CTEs) spent most of its time there. Here each
 * text is parsed and described once, and every call is one Bind, Describe, Execute and Sync.
 * Everything else (exec, listen, transactions' own commands) is PGlite's, under its own locks.
 */
export function withPreparedStatements(pg: PGlite): PGlite {
  const statements = new Map<string, Prepared>();
  let counter = 0;
  const { serialize } = protocol;

  async function prepared(text: string): Promise<Prepared> {
    const known = statements.get(text);
    if (known) {
      statements.delete(text);
      statements.set(text, known);
      return known;
    }
    const name = `gw_${++counter}`;
    const messages = [serialize.parse({ name, text }), serialize.describe({ type: 'S', name })];
    const oldest = statements.size >= MAX_STATEMENTS ? statements.entries().next().value : undefined;
    if (oldest) {
      statements.delete(oldest[0]);
      messages.unshift(serialize.close({ type: 'S', name: oldest[1].name }));
    }
    const { messages: replies } = await pg.execProtocol(joined([...messages, serialize.sync()]), { syncToFs: false });
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(replies) };
    statements.set(text, statement);
    return statement;
  }

  async function run<T>(text: string, params: readonly unknown[], options: QueryOptions | undefined, syncToFs: boolean): Promise<Results<T>> {
    const { name, paramTypes } = await prepared(text);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = paramTypes[i]!;
      const serializer = options?.serializers?.[type] ?? pg.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const bound = joined([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]);
    const { messages } = await pg.execProtocol(bound, { syncToFs });
    return parse.parseResults(messages, pg.parsers, options)[0] as Results<T>;
  }

  // As PGlite's own query: outside a transaction it waits for any transaction to end.
  const query: Query = async (text, params = [], options) => {
    await pg._checkReady();
    return pg._runExclusiveTransaction(() => pg._runExclusiveQuery(() => run(text, params, options, true)));
  };
  const inTransaction = (tx: Transaction): Transaction => {
    const txQuery: Query = async (text, params = [], options) => {
      if (tx.closed) throw new Error('Transaction is closed');
      return pg._runExclusiveQuery(() => run(text, params, options, false));
    };
    return new Proxy(tx, { get: (target, key) => (key === 'query' ? txQuery : Reflect.get(target, key, target)) });
  };
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) => pg.transaction((tx) => callback(inTransaction(tx)));

  return new Proxy(pg, {
    get(target, key) {
      if (key === 'query') return query;
      if (key === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, key, target);
      // PGlite's methods use private fields: they must run on the instance, not on this proxy.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
