import { useCallback, useState } from 'react';

/**
 * Page through a cursor-paginated list: a stack of the cursors that opened each page
 * seen so far, so "previous" works without offsets. Changing the page size starts again at page 1.
 */
export function useCursorPager(initialLimit = 20) {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const [limit, setLimitState] = useState(initialLimit);
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []);
  const prev = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([undefined]), []);
  const setLimit = useCallback((n: number) => {
    setLimitState(n);
    setStack([undefined]);
  }, []);
  return { cursor, limit, page: stack.length, hasPrev: stack.length > 1, next, prev, reset, setLimit };
}

export type CursorPagerState = ReturnType<typeof useCursorPager>;
