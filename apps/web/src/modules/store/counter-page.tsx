import '../volunteers/service.css';
import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { newIdempotencyKey } from '../../api/requests-endpoints';
import { pointsApi, storeApi } from '../../api/service-endpoints';
import type { CreateStoreRedemption, StoreGoods, StoreRedemption } from '../../api/service-types';
import type { Resident } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { PageHeader } from '../../admin/components/page-header';
import { useDebounced } from '../requests/queries';
import { ResidentSelect } from '../volunteers/components/resident-select';
import { ReservationsCard } from './components/reservations-card';
import { GOODS_KEY, STORE_KEY } from './queries';

/** The 409 answers the counter explains in place (the rest go to the usual error toast). */
const SHORTAGE_CODES = new Set(['points_insufficient', 'store_out_of_stock']);

/** 柜台兑换: find the resident, see the balance, pick goods and quantity, redeem — handed over at once. */
export function CounterPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [resident, setResident] = useState<Resident | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [goodsId, setGoodsId] = useState<string | undefined>();
  const [quantity, setQuantity] = useState(1);
  const [receipt, setReceipt] = useState<{ redemption: StoreRedemption; balance: number } | null>(null);
  const [shortage, setShortage] = useState<{ code: string; detail: string } | null>(null);
  // One key per attempt: a double click or a retry after a lost answer redeems once; a new attempt gets a new key.
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const account = useQuery({
    queryKey: ['points', 'account', resident?.id ?? '', { limit: 1 }],
    queryFn: () => pointsApi.account(resident?.id ?? '', { limit: 1 }),
    enabled: Boolean(resident),
  });
  const goodsQuery = { active: 'true' as const, q: q || undefined, limit: 50 };
  const goods = useQuery({ queryKey: [...GOODS_KEY, 'list', 'counter', goodsQuery], queryFn: () => storeApi.goods(goodsQuery), placeholderData: keepPreviousData });
  const items = goods.data?.items ?? [];
  const picked = items.find((g) => g.id === goodsId);
  const total = picked ? picked.pointsPrice * quantity : 0;
  const balance = account.data?.balance;
  const short = balance !== undefined && picked !== undefined && total > balance;

  const redeem = useMutation({
    meta: { silent: true },
    mutationFn: (body: CreateStoreRedemption) => {
      const json = JSON.stringify(body);
      if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
      return storeApi.redeem(body, attempt.current.key);
    },
    onSuccess: async (r) => {
      attempt.current = null;
      setShortage(null);
      const fresh = await pointsApi.account(r.residentId, { limit: 1 }).catch(() => null);
      setReceipt({ redemption: r, balance: fresh?.balance ?? (balance ?? 0) - r.points });
      void message.success(t('shop.redeemed', { name: r.residentName, goods: r.goodsName, quantity: r.quantity, unit: r.unit }));
      setQuantity(1);
      await queryClient.invalidateQueries({ queryKey: STORE_KEY });
      await queryClient.invalidateQueries({ queryKey: ['points'] });
    },
    onError: (error) => {
      // A refused attempt is final for its key; a network failure keeps the key so a retry cannot redeem twice.
      if (isApiError(error) && error.status >= 400 && error.status < 500) attempt.current = null;
      if (isApiError(error) && SHORTAGE_CODES.has(error.code)) {
        setShortage({ code: error.code, detail: errorText(error) });
        void queryClient.invalidateQueries({ queryKey: GOODS_KEY });
        void queryClient.invalidateQueries({ queryKey: ['points'] });
      } else {
        setShortage({ code: 'other', detail: errorText(error) });
      }
    },
  });

  const onRedeem = () => {
    if (!resident || !picked) return;
    setReceipt(null);
    setShortage(null);
    redeem.mutate({ residentId: resident.id, goodsId: picked.id, quantity });
  };

  const columns: TableColumnsType<StoreGoods> = [
    { title: t('shop.goodsName'), dataIndex: 'name', render: (v: string, g) => (g.stock === 0 ? <Typography.Text type="secondary">{v}</Typography.Text> : v) },
    { title: t('shop.category'), dataIndex: 'category', width: 90 },
    { title: t('shop.price'), dataIndex: 'pointsPrice', width: 80, align: 'right', render: (v: number) => <span className="gw-svc-price">{v}</span> },
    {
      title: t('shop.stock'),
      dataIndex: 'stock',
      width: 90,
      align: 'right',
      render: (v: number, g) => (v === 0 ? <Tag color="default">{t('shop.soldOut')}</Tag> : <span className="gw-svc-num">{`${v} ${g.unit}`}</span>),
    },
    { title: t('shop.filterStore'), dataIndex: 'placeName', width: 110, responsive: ['lg'] },
  ];

  const shortageTitle = shortage?.code === 'points_insufficient' ? t('shop.pointsInsufficient') : shortage?.code === 'store_out_of_stock' ? t('shop.outOfStock') : t('shop.redeemFailed');

  return (
    <div data-testid="store-counter">
      <PageHeader title={t('nav.storeCounter')} description={t('shop.counterDescription')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={t('shop.step1')} style={{ height: '100%' }}>
            <ResidentSelect
              value={resident?.id}
              autoFocus
              onChange={(_v, r) => {
                setResident(r);
                setReceipt(null);
                setShortage(null);
              }}
              placeholder={t('shop.residentSearch')}
              data-testid="store-counter-resident"
            />
            {resident ? (
              <Row gutter={16} style={{ marginTop: 24 }} data-testid="store-counter-account">
                <Col span={12}>
                  <Statistic title={t('pts.balance')} value={balance ?? 0} loading={account.isPending} styles={{ content: { color: '#c8102e', fontSize: 32 } }} data-testid="store-counter-balance" />
                </Col>
                <Col span={12}>
                  <Statistic title={t('pts.expiringSoon')} value={account.data?.expiringSoon ?? 0} loading={account.isPending} />
                </Col>
                {can('points.read') ? (
                  <Col span={24} style={{ marginTop: 8 }}>
                    <Link to={`/points?residentId=${resident.id}`}>{t('shop.openLedger')}</Link>
                  </Col>
                ) : null}
              </Row>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shop.residentHint')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('shop.step2')}>
            <Input.Search allowClear placeholder={t('shop.goodsSearch')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ maxWidth: 280, marginBottom: 12 }} data-testid="store-counter-goods-search" />
            <Table<StoreGoods>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={items}
              loading={goods.isFetching}
              pagination={false}
              scroll={{ y: 280 }}
              rowSelection={{
                type: 'radio',
                selectedRowKeys: goodsId ? [goodsId] : [],
                onChange: (keys) => {
                  setGoodsId(keys[0] as string | undefined);
                  setQuantity(1);
                  setShortage(null);
                },
                getCheckboxProps: (g) => ({ disabled: g.stock === 0, 'data-testid': 'store-counter-goods-pick' }) as object,
              }}
              onRow={(g) => ({
                onClick: () => {
                  if (g.stock === 0) return;
                  setGoodsId(g.id);
                  setQuantity(1);
                  setShortage(null);
                },
                style: { cursor: g.stock === 0 ? 'not-allowed' : 'pointer' },
              })}
              data-testid="store-counter-goods"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('svc.noMatch') : t('shop.goodsEmpty')} /> }}
            />
            <Space wrap size={16} align="center" className="gw-svc-gap" style={{ width: '100%' }}>
              <Space>
                <Typography.Text>{t('shop.quantity')}</Typography.Text>
                <InputNumber
                  min={1}
                  max={Math.max(1, Math.min(99, picked?.stock ?? 99))}
                  precision={0}
                  value={quantity}
                  onChange={(v) => setQuantity(v ?? 1)}
                  disabled={!picked}
                  data-testid="store-counter-quantity"
                />
                {picked ? <Typography.Text type="secondary">{picked.unit}</Typography.Text> : null}
              </Space>
              <Typography.Text data-testid="store-counter-total">
                {t('shop.total')} <span className="gw-svc-price">{total}</span>
              </Typography.Text>
              <Button
                type="primary"
                size="large"
                icon={<ShoppingCartOutlined />}
                disabled={!resident || !picked}
                loading={redeem.isPending}
                onClick={onRedeem}
                data-testid="store-counter-redeem"
              >
                {t('shop.redeem')}
              </Button>
              {short ? <Typography.Text type="danger">{t('shop.shortHint', { balance: balance ?? 0 })}</Typography.Text> : null}
            </Space>
            {shortage ? (
              <Alert
                type="error"
                showIcon
                className="gw-svc-gap"
                title={shortageTitle}
                description={shortage.detail}
                closable={{ onClose: () => setShortage(null) }}
                data-testid="store-counter-error"
                data-code={shortage.code}
              />
            ) : null}
            {receipt ? (
              <Alert
                type="success"
                showIcon
                className="gw-svc-gap"
                title={t('shop.receiptTitle')}
                description={t('shop.receipt', {
                  name: receipt.redemption.residentName,
                  goods: receipt.redemption.goodsName,
                  quantity: receipt.redemption.quantity,
                  unit: receipt.redemption.unit,
                  points: receipt.redemption.points,
                  balance: receipt.balance,
                })}
                closable={{ onClose: () => setReceipt(null) }}
                data-testid="store-counter-receipt"
              />
            ) : null}
          </Card>
        </Col>
      </Row>
      <ReservationsCard residentId={resident?.id} residentName={resident?.name} />
    </div>
  );
}
