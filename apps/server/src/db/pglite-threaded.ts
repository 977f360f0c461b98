import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { Mutex, TransactionAbortedError, protocol, types, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { bindAndExecute, databaseError, joined, toResults, type Answer } from './pglite-wire';

/** Named statements kept per database; the least recently used beyond this is closed. */
const MAX_STATEMENTS = 256;
const THREAD_FILE = new URL('./pglite-thread.mjs', import.meta.url);

type Job = { kind: 'run'; bytes: Uint8Array; syncToFs: boolean } | { kind: 'dump' } | { kind: 'close' };
interface Reply {
  readonly id: number;
  readonly answer?: Answer;
  readonly bytes?: Uint8Array;
  /** The thread itself failed (not the query). */
  readonly failure?: string;
}
type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };
interface Prepared {
  readonly name: string;
  /** Known once the backend has described the statement. */
  paramTypes: readonly number[] | null;
  readonly described: Promise<void>;
}

/** What the drizzle driver and this codebase use of a PGlite transaction. */
export type ThreadedTransaction = Pick<Transaction, 'query' | 'exec' | 'rollback' | 'closed'>;

export interface ThreadedPgliteOptions {
  /** A directory for the data; none keeps it in memory. */
  readonly dataDir?: string;
  /** A gzipped data-directory dump to start from (`dumpDataDir`). */
  readonly loadDataDir?: Uint8Array;
  /** Told when the thread ends without being closed (crashed): every query fails from then on. */
  readonly onUnexpectedExit?: (error: Error) => void;
  /** The thread's code (tests stand in a failing one). */
  readonly threadFile?: URL;
}

/**
 * PGlite in a worker thread of its own. Its WebAssembly backend runs synchronously, so on the main
 * thread every query stopped the server: no request could be parsed, checked or answered while
 * one ran. Here the main thread keeps the work around the query (wire messages, parsing,
 * transactions, notifications) and the thread runs only the backend, so the two share the cores.
 *
 * Queries are sent without waiting for the ones before them to answer: the thread runs them in
 * the order sent, each a complete exchange ending in Sync, so the backend is never idle while the
 * main thread reads an answer. A transaction holds the lock: queries from outside are sent only
 * when none is open, so they never run inside another caller's transaction.
 *
 * Parameterised queries run as named prepared statements: each text is parsed and described once
 * (PGlite's own `query` did both on every call, in six trips into the backend), and every call is
 * one Bind, Describe, Execute and Sync.
 */
export class ThreadedPglite {
  readonly serializers: Record<number | string, types.Serializer> = { ...types.serializers };
  readonly parsers: Record<number | string, types.Parser> = { ...types.parsers };
  readonly #worker: Worker;
  readonly #transactionLock = new Mutex();
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string, Set<(payload: string) => void>>();
  readonly #statements = new Map<string, Prepared>();
  #nextId = 1;
  #statementCounter = 0;
  #failure: Error | null = null;
  #closed = false;
  #exited = false;

  private constructor(worker: Worker, onUnexpectedExit: ((error: Error) => void) | undefined) {
    this.#worker = worker;
    const ended = (error: Error) => {
      const unexpected = !this.#closed && !this.#failure;
      this.#fail(error);
      if (unexpected) onUnexpectedExit?.(error);
    };
    worker.on('message', (reply: Reply) => this.#settle(reply));
    worker.on('error', ended);
    worker.on('exit', (code) => {
      this.#exited = true;
      ended(new Error(`内嵌数据库线程已退出 / embedded database thread exited (${code})`));
    });
  }

  static async open(options: ThreadedPgliteOptions = {}): Promise<ThreadedPglite> {
    const worker = new Worker(options.threadFile ?? THREAD_FILE, { workerData: { dataDir: options.dataDir, loadDataDir: options.loadDataDir } });
    const client = new ThreadedPglite(worker, options.onUnexpectedExit);
    try {
      await client.#call(0);
      await client.#initArrayTypes();
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return client;
  }

  /** As PGlite's own query: outside a transaction, it runs between transactions. */
  query<T>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#run<T>(text, params, options, false);
  }

  /** Statements without parameters, several at once (the simple query protocol). */
  async exec(text: string, options?: QueryOptions): Promise<Results[]> {
    while (this.#transactionLock.isLocked()) await this.#transactionLock.waitForUnlock();
    return this.#simple(text, options, true);
  }

  async transaction<T>(callback: (tx: ThreadedTransaction) => Promise<T>): Promise<T> {
    return this.#transactionLock.runExclusive(async () => {
      await this.#simple('BEGIN', undefined, false);
      let closed = false;
      const open = () => {
        if (closed) throw new Error('Transaction is closed');
      };
      const tx: ThreadedTransaction = {
        query: async <R>(text: string, params: unknown[] = [], options?: QueryOptions) => {
          open();
          return this.#run<R>(text, params, options, true);
        },
        exec: async (text: string, options?: QueryOptions) => {
          open();
          return this.#simple(text, options, false);
        },
        rollback: async () => {
          open();
          await this.#simple('ROLLBACK', undefined, true);
          closed = true;
        },
        get closed() {
          return closed;
        },
      };
      try {
        const result = await callback(tx);
        if (!closed) {
          closed = true;
          const [commit] = await this.#simple('COMMIT', undefined, true);
          if (commit?.command === 'ROLLBACK') throw new TransactionAbortedError();
        }
        return result;
      } catch (error) {
        if (!closed) {
          closed = true;
          await this.#simple('ROLLBACK', undefined, true);
        }
        throw error;
      }
    });
  }

  /** LISTEN on a channel; payloads arrive after the sender commits. Returns the unlisten. */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    let callbacks = this.#listeners.get(channel);
    if (!callbacks) this.#listeners.set(channel, (callbacks = new Set()));
    callbacks.add(callback);
    await this.exec(`LISTEN "${channel}"`);
    return async () => {
      callbacks.delete(callback);
      if (callbacks.size === 0 && this.#listeners.get(channel) === callbacks) {
        this.#listeners.delete(channel);
        await this.exec(`UNLISTEN "${channel}"`);
      }
    };
  }

  /** The whole data directory as a gzipped tar (PGlite's `dumpDataDir`). */
  async dumpDataDir(): Promise<Uint8Array> {
    return this.#transactionLock.runExclusive(async () => (await this.#call({ kind: 'dump' })).bytes!);
  }

  /** Lets queries already sent finish, then shuts the database down and ends the thread. */
  async close(): Promise<void> {
    await this.#transactionLock.runExclusive(async () => {
      if (this.#closed) return;
      this.#closed = true;
      const exited = once(this.#worker, 'exit');
      try {
        if (!this.#failure) await this.#call({ kind: 'close' });
      } finally {
        if (!this.#exited) {
          // Held until the thread has ended, however long its shutdown takes (at most five seconds).
          this.#worker.ref();
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
          clearTimeout(timer);
          await this.#worker.terminate();
        }
      }
    });
  }

  async #initArrayTypes(): Promise<void> {
    // As PGlite does at start: arrays of every type, (de)serialised element by element.
    const { rows } = await this.query<{ oid: number; typarray: number }>(
      `SELECT b.oid, b.typarray FROM pg_catalog.pg_type a LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem
       WHERE a.typcategory = 'A' GROUP BY b.oid, b.typarray ORDER BY b.oid`,
    );
    for (const { oid, typarray } of rows) {
      this.serializers[typarray] = (x) => types.arraySerializer(x, this.serializers[oid], typarray);
      this.parsers[typarray] = (x) => types.arrayParser(x, this.parsers[oid]!, typarray);
    }
  }

  /**
   * Every send below happens in the same synchronous stretch as the checks before it: a transaction
   * cannot begin, nor a statement be closed, between the check and the send.
   */
  async #run<T>(text: string, params: readonly unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    for (;;) {
      if (!inTransaction && this.#transactionLock.isLocked()) {
        await this.#transactionLock.waitForUnlock();
        continue;
      }
      const statement = this.#statements.get(text) ?? this.#prepare(text);
      if (!statement.paramTypes) {
        await statement.described;
        continue;
      }
      // Most recently used last: the first is the one to close when there are too many.
      this.#statements.delete(text);
      this.#statements.set(text, statement);
      const { paramTypes } = statement;
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = paramTypes[i]!;
        const serializer = options?.serializers?.[type] ?? this.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      const answer = await this.#exchange(bindAndExecute(statement.name, values), !inTransaction);
      return toResults(answer.results, this.parsers, options)[0] as Results<T>;
    }
  }

  /** Parses and describes a text as a new named statement, closing the least recently used beyond the limit. */
  #prepare(text: string): Prepared {
    const { serialize } = protocol;
    const name = `gw_${++this.#statementCounter}`;
    const messages = [serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()];
    // Statements still being described are passed over: a caller is waiting to bind them.
    for (const [oldText, old] of this.#statements) {
      if (this.#statements.size < MAX_STATEMENTS) break;
      if (!old.paramTypes) continue;
      this.#statements.delete(oldText);
      messages.unshift(serialize.close({ type: 'S', name: old.name }));
    }
    const described = this.#exchange(joined(messages), false).then(
      (answer) => {
        statement.paramTypes = answer.paramTypes ?? [];
      },
      (error: unknown) => {
        if (this.#statements.get(text) === statement) this.#statements.delete(text);
        throw error;
      },
    );
    const statement: Prepared = { name, paramTypes: null, described };
    this.#statements.set(text, statement);
    return statement;
  }

  async #simple(text: string, options: QueryOptions | undefined, syncToFs: boolean): Promise<Results[]> {
    return toResults((await this.#exchange(joined([protocol.serialize.query(text), protocol.serialize.sync()]), syncToFs)).results, this.parsers, options);
  }

  /**
   * Sends wire messages to the backend (now, in this tick) and reads its answer; a database error
   * is thrown. `bytes` is handed over to the thread: it must own its whole buffer.
   */
  async #exchange(bytes: Uint8Array, syncToFs: boolean): Promise<Answer> {
    const { answer } = await this.#call({ kind: 'run', bytes, syncToFs });
    if (!answer) throw new Error('embedded database thread gave no answer');
    for (const { channel, payload } of answer.notifications ?? []) {
      for (const callback of this.#listeners.get(channel) ?? []) queueMicrotask(() => callback(payload));
    }
    if (answer.error) throw databaseError(answer.error);
    return answer;
  }

  #call(job: Job | 0): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = job === 0 ? 0 : this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      // Referenced only while it owes an answer: an idle database does not keep the process alive.
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      if (job === 0) return;
      const transfer = job.kind === 'run' ? [job.bytes.buffer as ArrayBuffer] : [];
      this.#worker.postMessage({ id, ...job }, transfer);
    });
  }

  #settle(reply: Reply): void {
    const waiting = this.#pending.get(reply.id);
    if (!waiting) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.failure !== undefined) waiting.reject(new Error(reply.failure));
    else waiting.resolve(reply);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiting of this.#pending.values()) waiting.reject(this.#failure);
    this.#pending.clear();
  }
}
