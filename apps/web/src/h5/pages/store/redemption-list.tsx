import { Button, Card, Dialog, ErrorBlock, InfiniteScroll, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { storeApi } from '../../../api/service-endpoints';
import type { StoreRedemption } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { REDEMPTION_COLORS, useServiceLabels } from '../events/service-labels';

const PAGE = 20;

/** 我的兑换: reserved (to pick up at the counter, may be cancelled), picked up, cancelled. */
export function RedemptionList({ residentId }: { residentId: string | null }) {
  const { t } = useI18n();
  const list = useInfiniteQuery({
    queryKey: ['store', 'redemptions', 'h5', residentId],
    // A resident sees only their own anyway; staff using the phone see theirs, not their scope's.
    queryFn: ({ pageParam }) => storeApi.redemptions({ residentId: residentId ?? undefined, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />;
  if (items.length === 0) return <ErrorBlock status="empty" title={t('h5s.emptyRedemptions')} description={t('h5s.emptyRedemptionsHint')} data-testid="h5-redemptions-empty" />;
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      <div className="h5s-list" data-testid="h5-redemption-list">
        {items.map((r) => (
          <RedemptionCard key={r.id} redemption={r} />
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

function RedemptionCard({ redemption: r }: { redemption: StoreRedemption }) {
  const { t, formatDateTime } = useI18n();
  const labels = useServiceLabels();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => storeApi.cancelRedemption(r.id),
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5s.reservationCancelled') });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['store'] }), queryClient.invalidateQueries({ queryKey: ['points'] })]);
    },
    onError: (error) => Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 }),
  });
  const ask = async () => {
    if (await Dialog.confirm({ content: t('h5s.cancelReservationConfirm', { name: r.goodsName, points: r.points }), confirmText: t('common.ok'), cancelText: t('common.cancel') }))
      cancel.mutate();
  };
  return (
    <Card className="h5s-card" data-redemption-id={r.id} data-status={r.status} data-testid="h5-redemption-card">
      <div className="h5s-card-head">
        <span className="h5s-card-title">{r.goodsName}</span>
        <Tag color={REDEMPTION_COLORS[r.status]} data-testid="h5-redemption-status">
          {labels.redemptionStatus(r.status)}
        </Tag>
      </div>
      <div className="h5s-card-meta">
        <span>{t('h5s.redemptionLine', { quantity: r.quantity, unit: r.unit, points: r.points })}</span>
        <span>{t('h5s.pickUpAt', { place: r.placeName })}</span>
      </div>
      <div className="h5s-card-foot">
        <span>{formatDateTime(r.createdAt)}</span>
        {r.status === 'picked_up' && r.pickedUpAt ? <span>{t('h5s.pickedUpAt', { time: formatDateTime(r.pickedUpAt) })}</span> : null}
        {r.status === 'cancelled' && r.cancelledAt ? <span>{t('h5s.cancelledAt', { time: formatDateTime(r.cancelledAt) })}</span> : null}
        {r.status === 'reserved' ? (
          <Button size="mini" fill="outline" loading={cancel.isPending} onClick={() => void ask()} data-testid="h5-redemption-cancel">
            {t('h5s.cancelReservation')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
