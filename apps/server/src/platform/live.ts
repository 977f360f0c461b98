import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client';

const CHANNEL = 'gridwork_live';

/** What travels between instances: a topic, the place path for the scope check, and the payload. */
export interface LiveMessage {
  readonly topic: string;
  readonly path: string;
  readonly data: Record<string, unknown>;
}

type Subscriber = (message: LiveMessage) => void;

/** Sends a live message when (and only if) the surrounding transaction commits. */
export async function publishLive(tx: Db, message: LiveMessage): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(message)})`);
}

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
        let message: LiveMessage;
        try {
          message = JSON.parse(payload) as LiveMessage;
        } catch {
          return;
        }
        for (const s of subscribers) s(message);
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
