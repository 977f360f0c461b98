import { Button, ErrorBlock, InfiniteScroll, PullToRefresh } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { eventsApi } from '../../../api/service-endpoints';
import type { EventListQuery } from '../../../api/service-types';
import { useI18n, type MessageKey } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { EventCard } from './event-card';

export type EventTab = 'upcoming' | 'mine';

const QUERIES: Record<EventTab, EventListQuery> = { upcoming: { status: 'published' }, mine: { mine: 'true' } };
const EMPTY: Record<EventTab, [MessageKey, MessageKey]> = {
  upcoming: ['h5s.emptyUpcoming', 'h5s.emptyUpcomingHint'],
  mine: ['h5s.emptyMine', 'h5s.emptyMineHint'],
};
const PAGE = 20;

export function EventList({ tab }: { tab: EventTab }) {
  const { t } = useI18n();
  const list = useInfiniteQuery({
    queryKey: ['events', 'h5', tab],
    queryFn: ({ pageParam }) => eventsApi.list({ ...QUERIES[tab], limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />;
  if (items.length === 0) return <ErrorBlock status="empty" title={t(EMPTY[tab][0])} description={t(EMPTY[tab][1])} data-testid="h5-events-empty" />;
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      <div className="h5s-list" data-testid={`h5-event-list-${tab}`}>
        {items.map((e) => (
          <EventCard key={e.id} event={e} />
        ))}
      </div>
      <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={Boolean(list.hasNextPage)}>
        {(hasMore, failed, retry) =>
          failed ? (
            <Button size="small" fill="none" onClick={retry}>
              {t('common.retry')}
            </Button>
          ) : hasMore ? (
            <Loading />
          ) : (
            <span className="h5-muted">{t('h5s.noMore')}</span>
          )
        }
      </InfiniteScroll>
    </PullToRefresh>
  );
}
