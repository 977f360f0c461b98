import '../volunteers/service.css';
import { useState } from 'react';
import { Button, Card, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { storeApi } from '../../api/service-endpoints';
import type { DonationKind, StoreDonation, StoreDonationListQuery } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { DonationFormModal } from './components/donation-form-modal';
import { DONATION_KIND_KEYS, DONOR_TYPE_KEYS, yuan } from './labels';
import { DONATIONS_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

/** 捐赠登记: goods in from residents and partner units (stock goes up), cash recorded for the books. */
export function DonationsPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const placeId = params.get('placeId') || undefined;
  const kind = (params.get('kind') as DonationKind | null) || undefined;
  const pager = useCursorPager(20);
  const [creating, setCreating] = useState(false);

  const set = (next: { placeId?: string; kind?: string }) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ placeId, kind, ...next })) if (v) sp.set(k, v);
    setParams(sp, { replace: true });
    pager.reset();
  };

  const query: StoreDonationListQuery = { placeId, kind, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...DONATIONS_KEY, query], queryFn: () => storeApi.donations(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<StoreDonation> = [
    { title: t('shop.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('shop.donationKind'), dataIndex: 'kind', width: 80, render: (k: DonationKind) => <Tag color={k === 'goods' ? 'green' : 'gold'}>{t(DONATION_KIND_KEYS[k])}</Tag> },
    {
      title: t('shop.donorName'),
      dataIndex: 'donorName',
      width: 180,
      render: (v: string, d) => (
        <Space size={4}>
          <span>{v}</span>
          <Typography.Text type="secondary">{t(DONOR_TYPE_KEYS[d.donorType])}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('shop.donationWhat'),
      key: 'what',
      width: 200,
      render: (_v, d) => (d.kind === 'goods' ? `${d.goodsName ?? '—'} × ${d.quantity ?? 0}` : (d.purpose ?? '—')),
    },
    { title: t('shop.value'), dataIndex: 'value', width: 110, align: 'right', render: (v: number) => <span className="gw-svc-num">{yuan(v)}</span> },
    { title: t('shop.store'), dataIndex: 'placeName', width: 140 },
    { title: t('shop.note'), dataIndex: 'note', render: (v: string | null) => v ?? <span className="gw-svc-muted">—</span> },
    { title: t('shop.recordedBy'), dataIndex: 'recordedByName', width: 100, render: (v: string | null) => v ?? '—' },
  ];

  const items = list.data?.items ?? [];
  const filtered = Boolean(placeId || kind);

  return (
    <div data-testid="donations-page">
      <PageHeader
        title={t('nav.storeDonations')}
        description={t('shop.donationsDescription')}
        extra={
          can('store.manage') ? (
            <Button type="primary" icon={<GiftOutlined />} onClick={() => setCreating(true)} data-testid="donation-create">
              {t('shop.donationCreate')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap size={12} style={{ marginBottom: 16 }}>
          <div style={{ width: 220 }}>
            <PlaceTreeSelect value={placeId} onChange={(v) => set({ placeId: v ?? '' })} placeholder={t('shop.filterStore')} data-testid="donation-filter-place" />
          </div>
          <Segmented
            value={kind ?? 'all'}
            onChange={(v) => set({ kind: v === 'all' ? '' : String(v) })}
            options={[
              { value: 'all', label: t('shop.all') },
              { value: 'goods', label: t('shop.kind.goods') },
              { value: 'cash', label: t('shop.kind.cash') },
            ]}
            data-testid="donation-filter-kind"
          />
          <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: DONATIONS_KEY })} />
        </Space>
        <Table<StoreDonation>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1160 }}
          size="middle"
          data-testid="donation-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={<Typography.Text>{filtered ? t('svc.noMatch') : t('shop.donationsEmpty')}</Typography.Text>}
              />
            ),
          }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="donation-pager" />
      </Card>
      {creating ? <DonationFormModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
