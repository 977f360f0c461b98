import '../volunteers/service.css';
import { Card, Col, DatePicker, Empty, Row, Spin, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { storeApi } from '../../api/service-endpoints';
import type { StoreReportLine } from '../../api/service-types';
import { useI18n, type MessageKey } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PageHeader } from '../../admin/components/page-header';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { yuan } from './labels';
import { STORE_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

/** 月度报表: one store's month — goods in and out, stock now, points spent, donations. */
export function StoreReportPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const placeId = params.get('placeId') || undefined;
  const month = params.get('month') || dayjs().format('YYYY-MM');
  const set = (next: { placeId?: string; month?: string }) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ placeId, month, ...next })) if (v) sp.set(k, v);
    setParams(sp, { replace: true });
  };

  const report = useQuery({
    queryKey: [...STORE_KEY, 'report', placeId, month],
    queryFn: () => storeApi.report({ placeId, month }),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const r = report.data;

  const figures: { key: MessageKey; value: number | string; testId: string }[] = r
    ? [
        { key: 'shop.report.in', value: r.totals.quantityIn, testId: 'in' },
        { key: 'shop.report.out', value: r.totals.quantityOut, testId: 'out' },
        { key: 'shop.report.stock', value: r.totals.stock, testId: 'stock' },
        { key: 'shop.report.pointsSpent', value: r.totals.pointsSpent, testId: 'points-spent' },
        { key: 'shop.report.redemptions', value: r.totals.redemptions, testId: 'redemptions' },
        { key: 'shop.report.goodsDonations', value: t('shop.report.countValue', { n: r.totals.goodsDonations, value: yuan(r.totals.goodsDonationValue) }), testId: 'goods-donations' },
        { key: 'shop.report.cashDonations', value: t('shop.report.countValue', { n: r.totals.cashDonations, value: yuan(r.totals.cashDonationTotal) }), testId: 'cash-donations' },
      ]
    : [];

  const columns: TableColumnsType<StoreReportLine> = [
    { title: t('shop.goodsName'), dataIndex: 'name' },
    { title: t('shop.category'), dataIndex: 'category', width: 110 },
    { title: t('shop.report.in'), dataIndex: 'quantityIn', width: 100, align: 'right', render: (v: number, l) => `${v} ${l.unit}` },
    { title: t('shop.report.out'), dataIndex: 'quantityOut', width: 100, align: 'right', render: (v: number, l) => `${v} ${l.unit}` },
    { title: t('shop.report.stock'), dataIndex: 'stock', width: 100, align: 'right', render: (v: number, l) => `${v} ${l.unit}` },
    { title: t('shop.report.pointsSpent'), dataIndex: 'pointsSpent', width: 110, align: 'right', sorter: (a, b) => a.pointsSpent - b.pointsSpent },
  ];

  return (
    <div data-testid="store-report">
      <PageHeader
        title={t('nav.storeReport')}
        description={r ? t('shop.report.description', { place: r.placeName ?? t('shop.report.allStores'), month: r.month }) : t('shop.report.descriptionDefault')}
        extra={
          <>
            <div style={{ width: 240 }}>
              <PlaceTreeSelect value={placeId} onChange={(v) => set({ placeId: v ?? '' })} canPick={(p) => p.type === 'community'} placeholder={t('shop.report.allStores')} data-testid="store-report-place" />
            </div>
            <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && set({ month: d.format('YYYY-MM') })} data-testid="store-report-month" />
            <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: [...STORE_KEY, 'report'] })} />
          </>
        }
      />
      {report.isPending ? (
        <Spin className="gw-loading" />
      ) : report.isError || !r ? (
        <Card>
          <Empty description={errorText(report.error)} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} data-testid="store-report-figures">
            {figures.map((f) => (
              <Col key={f.key} xs={12} md={8} xl={6} xxl={3}>
                <Card size="small">
                  <Statistic title={t(f.key)} value={f.value} data-testid={`store-report-${f.testId}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('shop.report.lines')} className="gw-svc-gap">
            <Table<StoreReportLine>
              rowKey="goodsId"
              size="small"
              columns={columns}
              dataSource={r.lines}
              pagination={false}
              scroll={{ x: 640 }}
              data-testid="store-report-table"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shop.report.none')} /> }}
              summary={() =>
                r.lines.length > 0 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <strong>{t('shop.report.total')}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {r.totals.quantityIn}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {r.totals.quantityOut}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {r.totals.stock}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      {r.totals.pointsSpent}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
        </>
      )}
    </div>
  );
}
