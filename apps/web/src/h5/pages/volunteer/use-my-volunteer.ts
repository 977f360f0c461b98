import { useQuery } from '@tanstack/react-query';
import { volunteersApi } from '../../../api/service-endpoints';
import { useSession } from '../../../shared/session';

/**
 * My own volunteer record, or null when I have not registered. A resident's list holds only
 * themselves; staff see their scope, so the record is looked for by `isMe`.
 */
export function useMyVolunteer() {
  const { can } = useSession();
  const enabled = can('volunteer.join') || can('volunteer.read');
  const query = useQuery({
    queryKey: ['volunteers', 'me'],
    queryFn: async () => (await volunteersApi.list({ limit: 200 })).items.find((v) => v.isMe) ?? null,
    enabled,
    meta: { silent: true },
  });
  return { ...query, enabled, mayJoin: can('volunteer.join') };
}
