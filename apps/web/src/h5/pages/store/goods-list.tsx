import { useState } from 'react';
import { Button, Card, Dialog, ErrorBlock, InfiniteScroll, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/client';
import { storeApi } from '../../../api/service-endpoints';
import type { StoreGoods } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { useSession } from '../../../shared/session';
import { Loading } from '../../components/loading';
import { useIdempotencyKey } from '../../components/use-idempotency-key';
import { ReserveDialog } from './reserve-dialog';

const PAGE = 20;

interface Props {
  residentId: string | null;
  balance: number;
  onReserved: () => void;
}

/** The catalogue: what the store has, for how many points, and how many are left. */
export function GoodsList({ residentId, balance, onReserved }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const [picked, setPicked] = useState<{ goods: StoreGoods | null; open: boolean }>({ goods: null, open: false });
  // Each opening of the dialog is one submission: a double tap or a retry inside it keeps its key.
  const [opening, setOpening] = useState(0);
  const list = useInfiniteQuery({
    queryKey: ['store', 'goods', 'h5'],
    queryFn: ({ pageParam }) => storeApi.goods({ active: 'true', limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mayReserve = can('store.reserve') && residentId !== null;
  const pick = (g: StoreGoods) => {
    setOpening((n) => n + 1);
    setPicked({ goods: g, open: true });
  };

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />;
  if (items.length === 0) return <ErrorBlock status="empty" title={t('h5s.emptyGoods')} description={t('h5s.emptyGoodsHint')} data-testid="h5-store-empty" />;
  return (
    <PullToRefresh onRefresh={async () => void (await list.refetch())}>
      <div className="h5s-list" data-testid="h5-store-goods">
        {items.map((g) => (
          <GoodsCard key={g.id} goods={g} mayReserve={mayReserve} onReserve={() => pick(g)} />
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
      {residentId ? (
        <Reserve
          key={opening}
          visible={picked.open}
          goods={picked.goods}
          residentId={residentId}
          balance={balance}
          onClose={() => setPicked((p) => ({ ...p, open: false }))}
          onReserved={onReserved}
        />
      ) : null}
    </PullToRefresh>
  );
}

function GoodsCard({ goods: g, mayReserve, onReserve }: { goods: StoreGoods; mayReserve: boolean; onReserve: () => void }) {
  const { t } = useI18n();
  const out = g.stock <= 0;
  return (
    <Card className="h5s-card" data-goods-id={g.id} data-stock={g.stock} data-testid="h5-store-goods-card">
      <div className={out ? 'h5s-goods h5s-goods-out' : 'h5s-goods'}>
        <span className="h5s-goods-badge" aria-hidden="true">
          {g.name.slice(0, 1)}
        </span>
        <div className="h5s-goods-body">
          <div className="h5s-goods-name">{g.name}</div>
          <div className="h5s-goods-price">{t('h5s.price', { n: g.pointsPrice, unit: g.unit })}</div>
          <div className="h5s-goods-stock">
            <Tag color="default" fill="outline" style={{ marginRight: 6 }}>
              {g.category}
            </Tag>
            {out ? t('h5s.outOfStock') : t('h5s.stock', { n: g.stock, unit: g.unit })}
          </div>
        </div>
        {mayReserve ? (
          <Button size="small" color="primary" shape="rounded" disabled={out} onClick={onReserve} data-testid="h5-store-reserve">
            {out ? t('h5s.outOfStock') : t('h5s.reserve')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

interface ReserveProps {
  visible: boolean;
  goods: StoreGoods | null;
  residentId: string;
  balance: number;
  onClose: () => void;
  onReserved: () => void;
}

function Reserve({ visible, goods, residentId, balance, onClose, onReserved }: ReserveProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const reserve = useMutation({
    mutationFn: (quantity: number) => storeApi.redeem({ residentId, goodsId: goods!.id, quantity }, idempotency.key),
    meta: { silent: true },
    onSuccess: async () => {
      onClose();
      Toast.show({ icon: 'success', content: t('h5s.reserved'), duration: 2500 });
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['store'] }), queryClient.invalidateQueries({ queryKey: ['points'] })]);
      onReserved();
    },
    onError: async (error) => {
      idempotency.afterError(error);
      if (isApiError(error) && error.status === 409 && (error.code === 'points_insufficient' || error.code === 'store_out_of_stock')) {
        // Balance or stock changed since the page loaded: say so plainly and show the fresh figures.
        onClose();
        await Dialog.alert({ title: t(error.code === 'points_insufficient' ? 'h5s.pointsShort' : 'h5s.stockShort'), content: errorText(error), confirmText: t('common.ok') });
        await Promise.all([queryClient.invalidateQueries({ queryKey: ['store'] }), queryClient.invalidateQueries({ queryKey: ['points'] })]);
        return;
      }
      Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 });
    },
  });
  return <ReserveDialog visible={visible} goods={goods} balance={balance} busy={reserve.isPending} onClose={onClose} onConfirm={(q) => reserve.mutate(q)} />;
}
