import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';

export interface Job {
  readonly name: string;
  /** A distinct advisory lock key per job. */
  readonly lockKey: number;
  readonly everyMs: number;
  /**
   * One statement that keeps itself consistent and takes its own locks: it runs on its own, not
   * in a transaction holding `lockKey`. On the embedded database a transaction holds the one
   * backend for as long as it is open, across every turn of the event loop it waits for.
   */
  readonly standalone?: boolean;
  /** Must be idempotent: a crash halfway and a re-run must leave the same state. */
  run(tx: Db, now: Date): Promise<Record<string, number>>;
}

/**
 * Runs one job inside a transaction that holds its advisory lock, so two app instances never run it
 * at the same time; an instance that does not get the lock skips this round. A standalone job runs
 * as it is.
 */
export async function runJobOnce(db: Db, job: Job, now = new Date()): Promise<Record<string, number> | null> {
  if (job.standalone) return job.run(db, now);
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${job.lockKey}) AS locked`);
    if (!lock?.locked) return null;
    return job.run(tx, now);
  });
}

/** In-process timers for the scheduled jobs; `stop` waits for a running round to finish. */
export function startScheduler(db: Db, jobs: readonly Job[], log: FastifyBaseLogger) {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      if (stopped) return;
      const round = runJobOnce(db, job)
        .then((result) => {
          if (result && Object.values(result).some((n) => n > 0)) log.info({ job: job.name, ...result }, 'job ran');
        })
        .catch((error: unknown) => log.error({ job: job.name, err: error }, 'job failed'))
        .finally(() => running.delete(round));
      running.add(round);
    };
    timers.push(setInterval(tick, job.everyMs));
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
