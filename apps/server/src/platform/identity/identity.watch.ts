import type { Database } from '../../db/client';

/** Sent by the database (migration 0020) when a session ends or an account changes. */
export const IDENTITY_CHANNEL = 'gridwork_identity';
const RETRY_MS = 1_000;

export interface IdentityWatch {
  /** True while every change other instances make is heard: only then may sessions be kept. */
  trusted(): boolean;
  close(): Promise<void>;
}

/** The embedded database has one writer, this process: it hears every change it makes. */
export const SOLE_WRITER: IdentityWatch = { trusted: () => true, close: async () => undefined };

/**
 * On PostgreSQL other instances end sessions and change accounts too. This listens for their
 * changes and calls `onChange` for each; while the listening connection is down (and until it is
 * back) nothing is trusted, and it keeps trying to listen again.
 */
export function watchIdentityChanges(database: Pick<Database, 'listen'>, onChange: () => void, onError: (error: unknown) => void = () => undefined): IdentityWatch {
  let listening = false;
  let closed = false;
  let unlisten: (() => Promise<void>) | null = null;
  let retry: NodeJS.Timeout | null = null;
  let starting: Promise<void> | null = null;

  const again = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      starting = start();
    }, RETRY_MS);
    retry.unref();
  };
  const lost = (error: unknown) => {
    listening = false;
    unlisten = null;
    onError(error);
    again();
  };
  async function start() {
    try {
      const stop = await database.listen(IDENTITY_CHANNEL, onChange, lost);
      if (closed) return void (await stop());
      unlisten = stop;
      // Changes made while nobody listened were missed: what was kept before is not trusted.
      onChange();
      listening = true;
    } catch (error) {
      lost(error);
    }
  }
  starting = start();

  return {
    trusted: () => listening,
    async close() {
      closed = true;
      listening = false;
      if (retry) clearTimeout(retry);
      await starting;
      await unlisten?.();
    },
  };
}
