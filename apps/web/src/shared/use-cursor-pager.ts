import { useCallback, useState } from 'react';

/**
 * Page through a cursor-paginated list: a stack of the cursors that opened each page
 * seen so far, so "previous" works without offsets.
 */
export function useCursorPager() {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []);
  const prev = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([undefined]), []);
  return { cursor, page: stack.length, hasPrev: stack.length > 1, next, prev, reset };
}
