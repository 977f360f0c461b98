import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client';

const CHANNEL = 'gridwork_live';
/** NOTIFY payloads must stay under 8,000 bytes. */
const PAYLOAD_BYTES = 7_000;
const FLUSH_MS = 100;

/** What travels between instances: a topic, the place path for the scope check, and the payload. */
export interface LiveMessage {
  readonly topic: string;
  readonly path: string;
  readonly data: Record<string, unknown>;
}

type Subscriber = (message: LiveMessage) => void;

export interface LivePublisher {
  /** Call after the change committed; delivery is best effort (the register itself is the truth). */
  publish(message: LiveMessage): void;
}

export const NO_LIVE: LivePublisher = { publish: () => undefined };

/**
 * Batches live messages and sends them with NOTIFY from outside the changing transactions: a
 * transaction that NOTIFYs takes a database-wide lock until its commit is flushed, which would
 * make every intake queue behind the one before it.
 */
export function createLiveOutbox(db: Db, onError: (error: unknown) => void = () => undefined) {
  let queue: LiveMessage[] = [];
  let sending: Promise<void> | null = null;
  const payloads = (messages: readonly LiveMessage[]) => {
    const out: string[] = [];
    let batch: LiveMessage[] = [];
    let size = 2;
    for (const m of messages) {
      const bytes = Buffer.byteLength(JSON.stringify(m)) + 1;
      if (batch.length > 0 && size + bytes > PAYLOAD_BYTES) {
        out.push(JSON.stringify(batch));
        batch = [];
        size = 2;
      }
      batch.push(m);
      size += bytes;
    }
    if (batch.length > 0) out.push(JSON.stringify(batch));
    return out;
  };
  const flush = async () => {
    if (sending) await sending;
    if (queue.length === 0) return;
    const messages = queue;
    queue = [];
    sending = (async () => {
      for (const payload of payloads(messages)) await db.execute(sql`SELECT pg_notify(${CHANNEL}, ${payload})`);
    })()
      .catch(onError)
      .finally(() => {
        sending = null;
      });
    await sending;
  };
  const timer = setInterval(() => void flush(), FLUSH_MS);
  timer.unref();
  return {
    publish(message: LiveMessage) {
      queue.push(message);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

export type LiveOutbox = ReturnType<typeof createLiveOutbox>;

/**
 * Live updates across app instances: every instance LISTENs once and fans messages out to the
 * Server-Sent Event streams open on it.
 */
export function createLiveHub(database: Pick<Database, 'listen'>) {
  const subscribers = new Set<Subscriber>();
  let unlisten: (() => Promise<void>) | null = null;
  let starting: Promise<void> | null = null;

  async function ensureListening() {
    if (unlisten) return;
    starting ??= database
      .listen(CHANNEL, (payload) => {
        let messages: LiveMessage[];
        try {
          const parsed = JSON.parse(payload) as LiveMessage | LiveMessage[];
          messages = Array.isArray(parsed) ? parsed : [parsed];
        } catch {
          return;
        }
        for (const message of messages) for (const s of subscribers) s(message);
      })
      .then((stop) => {
        unlisten = stop;
      })
      .finally(() => {
        starting = null;
      });
    await starting;
  }

  return {
    async subscribe(subscriber: Subscriber): Promise<() => void> {
      await ensureListening();
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    async close() {
      subscribers.clear();
      await unlisten?.();
      unlisten = null;
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
