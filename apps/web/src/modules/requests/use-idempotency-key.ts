import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from '../../api/requests-endpoints';

/**
 * One Idempotency-Key per submission: a retry of the same body reuses the key (so a lost
 * answer cannot create the request twice), an edited body gets a fresh one (the server
 * refuses a reused key with different content).
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const last = useRef<{ key: string; body: string } | null>(null);
  return useCallback((body: unknown) => {
    const json = JSON.stringify(body);
    if (last.current?.body !== json) last.current = { key: newIdempotencyKey(), body: json };
    return last.current.key;
  }, []);
}
