/**
 * Batches of an import being written at the same time, each on a connection of its own, while the
 * sheet is read on. A batch waits for a free lane, and also for any batch still being written that
 * names the head of one of its households: the later row of the sheet must be the one that stays.
 * The first failed write fails every later start and the drain.
 */
export function createWriteLanes(lanes: number) {
  const running = new Map<Promise<void>, ReadonlySet<string>>();
  let failure: { error: unknown } | undefined;
  const clashes = (heads: ReadonlySet<string>) => {
    for (const other of running.values()) for (const head of heads) if (other.has(head)) return true;
    return false;
  };
  /** Resolves when every write started has ended, failed or not. */
  const settle = async () => {
    while (running.size > 0) await Promise.race(running.keys());
  };
  return {
    /** Resolves once the write has started (the caller reads on meanwhile). */
    async start(heads: ReadonlySet<string>, write: () => Promise<void>): Promise<void> {
      while (running.size >= lanes || (running.size > 0 && clashes(heads))) await Promise.race(running.keys());
      if (failure) throw failure.error;
      const written: Promise<void> = write()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => running.delete(written));
      running.set(written, heads);
    },
    settle,
    /** Waits for every write and throws the first failure. */
    async drain(): Promise<void> {
      await settle();
      if (failure) throw failure.error;
    },
  };
}
