import '../volunteers/service.css';
import { TableEmpty } from '../../admin/components/table-empty';
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { storeApi } from '../../api/service-endpoints';
import type { StoreGoods, StoreGoodsListQuery } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { GoodsFormModal } from './components/goods-form-modal';
import { GOODS_KEY, STORE_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

interface Filters {
  q?: string;
  placeId?: string;
  category?: string;
  active?: 'true' | 'false';
}
const FILTER_KEYS = ['q', 'placeId', 'category', 'active'] as const;

function filtersOf(params: URLSearchParams): Filters {
  const f: Record<string, string | undefined> = {};
  for (const key of FILTER_KEYS) f[key] = params.get(key) || undefined;
  return f as Filters;
}

/** 物品目录: the goods of the stores in scope, with points price and stock; staff add, edit and take goods off sale. */
export function GoodsPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const pager = useCursorPager(20);
  const [form] = Form.useForm<Filters>();
  const [editing, setEditing] = useState<StoreGoods | 'new' | null>(null);

  const query: StoreGoodsListQuery = { ...filters, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...GOODS_KEY, 'list', query], queryFn: () => storeApi.goods(query), placeholderData: keepPreviousData });
  const toggle = useMutation({
    mutationFn: (g: StoreGoods) => storeApi.updateGoods(g.id, { active: !g.active }),
    onSuccess: async (g) => {
      void message.success(t(g.active ? 'shop.goodsOnSale' : 'shop.goodsOffSale', { name: g.name }));
      await queryClient.invalidateQueries({ queryKey: STORE_KEY });
    },
  });

  const apply = (next: Filters) => {
    const sp = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = next[key]?.trim();
      if (v) sp.set(key, v);
    }
    setParams(sp, { replace: true });
    pager.reset();
  };

  const onToggle = (g: StoreGoods) => {
    if (!g.active) {
      toggle.mutate(g);
      return;
    }
    modal.confirm({
      title: t('shop.offSaleConfirm', { name: g.name }),
      content: t('shop.offSaleConfirmDetail'),
      okText: t('shop.offSale'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'goods-off-sale-confirm' },
      onOk: () => toggle.mutateAsync(g).catch(() => undefined),
    });
  };

  const columns: TableColumnsType<StoreGoods> = [
    { title: t('shop.goodsName'), dataIndex: 'name', width: 160, fixed: 'left' },
    { title: t('shop.category'), dataIndex: 'category', width: 100 },
    { title: t('shop.price'), dataIndex: 'pointsPrice', width: 100, align: 'right', render: (v: number) => <span className="gw-svc-price">{v}</span> },
    {
      title: t('shop.stock'),
      dataIndex: 'stock',
      width: 100,
      align: 'right',
      render: (v: number, g) => (
        <span className={v === 0 ? 'gw-svc-minus' : 'gw-svc-num'} data-testid="goods-stock">
          {v} {g.unit}
        </span>
      ),
    },
    { title: t('shop.store'), dataIndex: 'placeName', width: 150 },
    {
      title: t('shop.active'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) => <Tag color={v ? 'success' : 'default'}>{v ? t('shop.onSale') : t('shop.offSaleTag')}</Tag>,
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
    ...(can('store.manage')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            width: 150,
            render: (_v: unknown, g: StoreGoods) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(g)} data-testid="goods-edit">
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" danger={g.active} onClick={() => onToggle(g)} data-testid="goods-toggle">
                  {g.active ? t('shop.offSale') : t('shop.putOnSale')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const items = list.data?.items ?? [];
  const filtered = FILTER_KEYS.some((k) => filters[k] !== undefined);

  return (
    <div data-testid="goods-page">
      <PageHeader
        title={t('nav.storeGoods')}
        description={t('shop.goodsDescription')}
        extra={
          can('store.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="goods-create">
              {t('shop.goodsCreate')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form<Filters> form={form} name="goods-filters" layout="inline" className="gw-svc-filters" initialValues={filters} onFinish={apply} data-testid="goods-filters">
          <Form.Item name="q">
            <Input allowClear placeholder={t('shop.filterName')} style={{ width: 170 }} maxLength={40} data-testid="goods-filter-q" />
          </Form.Item>
          <Form.Item name="placeId" style={{ width: 200 }}>
            <PlaceTreeSelect placeholder={t('shop.filterStore')} data-testid="goods-filter-place" />
          </Form.Item>
          <Form.Item name="category">
            <Input allowClear placeholder={t('shop.category')} style={{ width: 120 }} maxLength={20} data-testid="goods-filter-category" />
          </Form.Item>
          <Form.Item name="active">
            <Select
              allowClear
              placeholder={t('shop.active')}
              style={{ width: 110 }}
              options={[
                { value: 'true', label: t('shop.onSale') },
                { value: 'false', label: t('shop.offSaleTag') },
              ]}
              data-testid="goods-filter-active"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="goods-filter-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  for (const key of FILTER_KEYS) form.setFieldValue(key, undefined);
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
              <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: GOODS_KEY })} />
            </Space>
          </Form.Item>
        </Form>
        <Table<StoreGoods>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          size="middle"
          data-testid="goods-table"
          locale={{ emptyText: <TableEmpty text={filtered ? t('svc.noMatch') : t('shop.goodsEmpty')} hint={!filtered && can('store.manage') ? t('shop.goodsEmptyHint') : null} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="goods-pager" />
      </Card>
      {editing ? <GoodsFormModal goods={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
