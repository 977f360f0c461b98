import './wishes.css';
import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Segmented, Select, Spin } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { WISH_STATUSES } from '@gridwork/contracts';
import { wishesApi } from '../../api/requests-endpoints';
import type { Wish, WishListQuery, WishStatus } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { useRequestLabels } from '../requests/labels';
import { FulfilDialog } from './components/fulfil-dialog';
import { WishCard } from './components/wish-card';
import { WishFormModal } from './components/wish-form-modal';
import { WISHES_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

type Mine = 'all' | 'posted' | 'claimed';

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v && (list as readonly string[]).includes(v) ? (v as T) : undefined);

/** 心愿墙: micro-wishes of people in need, claimed and fulfilled by members and volunteers. */
export function WishesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const labels = useRequestLabels();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = oneOf(WISH_STATUSES, params.get('status'));
  const placeId = params.get('placeId') || undefined;
  const mine = oneOf(['posted', 'claimed'] as const, params.get('mine'));
  const pager = useCursorPager(20);
  const [posting, setPosting] = useState(false);
  const [fulfilling, setFulfilling] = useState<Wish | null>(null);

  const set = (next: { status?: WishStatus | null; placeId?: string | null; mine?: Mine }) => {
    const merged = { status, placeId, mine, ...next };
    const sp = new URLSearchParams();
    if (merged.status) sp.set('status', merged.status);
    if (merged.placeId) sp.set('placeId', merged.placeId);
    if (merged.mine && merged.mine !== 'all') sp.set('mine', merged.mine);
    setParams(sp, { replace: true });
    pager.reset();
  };

  const query: WishListQuery = { status, placeId, mine, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...WISHES_KEY, 'list', query], queryFn: () => wishesApi.list(query), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];
  const filtered = Boolean(status || placeId || mine);

  return (
    <div data-testid="wish-wall">
      <PageHeader
        title={t('nav.wishes')}
        description={t('wish.pageDescription')}
        extra={
          can('wish.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="wish-create">
              {t('wish.create')}
            </Button>
          ) : null
        }
      />
      <Card className="gw-wish-filters">
        <div className="gw-wish-filter-bar">
          <Segmented<Mine>
            value={mine ?? 'all'}
            onChange={(v) => set({ mine: v })}
            options={[
              { value: 'all', label: t('wish.mine.all') },
              { value: 'posted', label: t('wish.mine.posted') },
              { value: 'claimed', label: t('wish.mine.claimed') },
            ]}
            data-testid="wish-filter-mine"
          />
          <Select<WishStatus>
            allowClear
            value={status}
            onChange={(v) => set({ status: v ?? null })}
            placeholder={t('wish.filterStatus')}
            style={{ width: 140 }}
            options={WISH_STATUSES.map((s) => ({ value: s, label: labels.wishStatus(s) }))}
            data-testid="wish-filter-status"
          />
          <div style={{ width: 240 }}>
            <PlaceTreeSelect value={placeId} onChange={(v) => set({ placeId: v ?? null })} placeholder={t('wish.filterPlace')} data-testid="wish-filter-place" />
          </div>
          <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: WISHES_KEY })} />
        </div>
      </Card>
      <Spin spinning={list.isFetching && !list.isPending}>
        {list.isPending ? (
          <Spin className="gw-loading" />
        ) : items.length === 0 ? (
          <Card>
            <Empty description={filtered ? t('wish.noMatch') : t('wish.empty')} />
          </Card>
        ) : (
          <Row gutter={[16, 16]} data-testid="wish-list">
            {items.map((w) => (
              <Col key={w.id} xs={24} md={12} xxl={8}>
                <WishCard wish={w} onFulfil={setFulfilling} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      <Card className="gw-wish-pager-card">
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="wish-pager" />
      </Card>
      {posting ? <WishFormModal onClose={() => setPosting(false)} /> : null}
      {fulfilling ? <FulfilDialog wish={fulfilling} onClose={() => setFulfilling(null)} /> : null}
    </div>
  );
}
