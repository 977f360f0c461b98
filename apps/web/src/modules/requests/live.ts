import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { RequestLiveEvent as RequestLiveEventSchema } from '@gridwork/contracts';
import { requestsApi } from '../../api/requests-endpoints';
import type { RequestLiveEvent } from '../../api/requests-types';
import { REQUEST_LISTS_KEY, requestDetailKey } from './queries';

/**
 * Follows GET /requests/live (Server-Sent Events, cookie auth) while the page is open:
 * every event refreshes the lists, and `onCreated` hears of requests that just arrived.
 * EventSource reconnects by itself after a drop; the stream closes on unmount.
 */
export function useRequestLive(onCreated?: (event: RequestLiveEvent) => void): void {
  const queryClient = useQueryClient();
  const onCreatedRef = useRef(onCreated);
  onCreatedRef.current = onCreated;

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(requestsApi.liveUrl(), { withCredentials: true });
    const onEvent = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = RequestLiveEventSchema.safeParse(data);
      if (!parsed.success) return;
      void queryClient.invalidateQueries({ queryKey: REQUEST_LISTS_KEY });
      if (parsed.data.type === 'changed') void queryClient.invalidateQueries({ queryKey: requestDetailKey(parsed.data.id) });
      if (parsed.data.type === 'created') onCreatedRef.current?.(parsed.data);
    };
    source.addEventListener('request', onEvent);
    return () => {
      source.removeEventListener('request', onEvent);
      source.close();
    };
  }, [queryClient]);
}
