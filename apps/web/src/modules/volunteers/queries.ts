import { useQuery } from '@tanstack/react-query';
import { teamsApi } from '../../api/service-endpoints';

export const VOLUNTEERS_KEY = ['volunteers'] as const;
export const VOLUNTEER_LISTS_KEY = ['volunteers', 'list'] as const;
export const TEAMS_KEY = ['teams'] as const;

/** Every team in scope (a community has a handful), for pickers and filters. */
export function useAllTeams() {
  return useQuery({ queryKey: [...TEAMS_KEY, 'all'], queryFn: () => teamsApi.list({ limit: 200 }), staleTime: 60_000, select: (page) => page.items });
}
