import { Button, ErrorBlock, InfiniteScroll, PullToRefresh } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { wishesApi } from '../../../api/requests-endpoints';
import type { WishListQuery } from '../../../api/requests-types';
import { useI18n, type MessageKey } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { WishCard } from './wish-card';

export type WishTab = 'open' | 'claimed' | 'posted';

const QUERIES: Record<WishTab, WishListQuery> = {
  open: { status: 'open' },
  claimed: { mine: 'claimed' },
  posted: { mine: 'posted' },
};
const EMPTY: Record<WishTab, MessageKey> = { open: 'h5w.emptyOpen', claimed: 'h5w.emptyClaimed', posted: 'h5w.emptyPosted' };
const PAGE = 20;

export function WishList({ tab }: { tab: WishTab }) {
  const { t } = useI18n();
  const list = useInfiniteQuery({
    queryKey: ['wishes', 'h5', tab],
    queryFn: ({ pageParam }) => wishesApi.list({ ...QUERIES[tab], limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />;
  if (items.length === 0) return <ErrorBlock status="empty" title={t(EMPTY[tab])} description="" data-testid="h5-wishes-empty" />;
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      <div className="h5w-list" data-testid={`h5-wish-list-${tab}`}>
        {items.map((w) => (
          <WishCard key={w.id} wish={w} />
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
            <span className="h5-muted">{t('h5r.noMore')}</span>
          )
        }
      </InfiniteScroll>
    </PullToRefresh>
  );
}
