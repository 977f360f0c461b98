import { useCallback, useState } from 'react';
import { isApiError } from '../../api/client';
import { newIdempotencyKey } from '../../api/requests-endpoints';

/**
 * `crypto.randomUUID` exists only in secure contexts; a phone on the community's LAN over
 * plain HTTP has `getRandomValues` but not it, and the form must still open there.
 */
function freshKey(): string {
  try {
    return newIdempotencyKey();
  } catch {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
}

/**
 * One Idempotency-Key per form: a double tap or a retry after a network failure sends the
 * same key, so the server creates one record. After a definite refusal (4xx) nothing was
 * created and the user will edit the form, so the next attempt is a new submission with a
 * new key (otherwise the server would answer `idempotency_key_reused`).
 */
export function useIdempotencyKey() {
  const [key, setKey] = useState(freshKey);
  const afterError = useCallback((error: unknown) => {
    if (!isApiError(error)) return;
    const refused = error.status >= 400 && error.status < 500 && error.status !== 409;
    if (refused || error.code === 'idempotency_key_reused') setKey(freshKey());
  }, []);
  return { key, afterError };
}
