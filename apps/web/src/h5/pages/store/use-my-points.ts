import { useQuery } from '@tanstack/react-query';
import { pointsApi } from '../../../api/service-endpoints';

/** My balance and register entry (the redemption is made for that resident). */
export function useMyPoints() {
  return useQuery({ queryKey: ['points', 'me', 'summary'], queryFn: () => pointsApi.mine({ limit: 1 }), meta: { silent: true } });
}
