import './requests.css';
import { Card, Col, Empty, Row, Spin, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { requestsApi } from '../../api/requests-endpoints';
import type { RequestStats } from '../../api/requests-types';
import { useI18n, type MessageKey } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PlacePeriodFilter, usePlacePeriod } from '../../admin/components/place-period-filter';
import { PageHeader } from '../../admin/components/page-header';
import { CategoryChart, TriageChart } from './components/stats-charts';

type CategoryRow = RequestStats['byCategory'][number];

const percent = (v: number) => Math.round(v * 1000) / 10;

/** 统计: how a place handled its requests over a period (人民满意 figures for the assessment). */
export function StatsPage() {
  const { t } = useI18n();
  const period = usePlacePeriod();
  const { placeId, from, to } = period;

  const stats = useQuery({
    queryKey: ['requests', 'stats', placeId, from, to],
    queryFn: () => requestsApi.stats({ placeId, from, to }),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const s = stats.data;

  const figures: { key: MessageKey; value: number | string; suffix?: string; danger?: boolean; precision?: number }[] = s
    ? [
        { key: 'req.stats.received', value: s.received },
        { key: 'req.stats.resolved', value: s.resolved },
        { key: 'req.stats.resolutionRate', value: percent(s.resolutionRate), suffix: '%', precision: 1 },
        { key: 'req.stats.onTimeRate', value: percent(s.onTimeRate), suffix: '%', precision: 1 },
        { key: 'req.stats.averageHours', value: s.averageHandlingHours ?? '—', suffix: s.averageHandlingHours === null ? undefined : t('req.stats.hours'), precision: 1 },
        { key: 'req.stats.satisfaction', value: s.satisfaction ?? '—', suffix: s.satisfaction === null ? undefined : '/ 5', precision: 2 },
        { key: 'req.stats.open', value: s.open },
        { key: 'req.stats.overdue', value: s.overdue, danger: s.overdue > 0 },
      ]
    : [];

  const columns: TableColumnsType<CategoryRow> = [
    { title: t('req.category'), dataIndex: 'name' },
    { title: t('req.stats.received'), dataIndex: 'received', width: 90, align: 'right', sorter: (a, b) => a.received - b.received, defaultSortOrder: 'descend' },
    { title: t('req.stats.resolved'), dataIndex: 'resolved', width: 90, align: 'right' },
    { title: t('req.stats.resolutionRate'), dataIndex: 'resolutionRate', width: 100, align: 'right', render: (v: number) => `${percent(v)}%` },
    { title: t('req.stats.onTimeRate'), dataIndex: 'onTimeRate', width: 100, align: 'right', render: (v: number) => `${percent(v)}%` },
    { title: t('req.stats.averageHours'), dataIndex: 'averageHandlingHours', width: 120, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
    { title: t('req.stats.satisfaction'), dataIndex: 'satisfaction', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
  ];

  return (
    <div data-testid="request-stats">
      <PageHeader
        title={t('nav.requestStats')}
        description={s ? t('req.stats.description', { place: s.placeName, from: s.from, to: s.to }) : t('req.stats.descriptionDefault')}
        extra={<PlacePeriodFilter value={period} placeholder={t('req.stats.pickPlace')} queryKey={['requests', 'stats']} testIdPrefix="request-stats" />}
      />
      {stats.isPending ? (
        <Spin className="gw-loading" />
      ) : stats.isError || !s ? (
        <Card>
          <Empty description={errorText(stats.error)} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} data-testid="request-stats-figures">
            {figures.map((f) => (
              <Col key={f.key} xs={12} md={6}>
                <Card size="small" className="gw-req-stat">
                  <Statistic
                    title={t(f.key)}
                    value={f.value}
                    precision={typeof f.value === 'number' ? f.precision : undefined}
                    suffix={f.suffix}
                    styles={{ content: { color: f.danger ? '#cf1322' : undefined } }}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          {s.received === 0 ? (
            <Card className="gw-req-gap">
              <Empty description={t('req.stats.none')} />
            </Card>
          ) : (
            <Row gutter={[16, 16]} className="gw-req-gap">
              <Col xs={24} xl={14}>
                <Card title={t('req.stats.byCategory')}>
                  <CategoryChart rows={s.byCategory} />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card title={t('req.stats.byTriage')}>
                  <TriageChart rows={s.byTriage} />
                </Card>
              </Col>
              <Col xs={24}>
                <Card title={t('req.stats.table')}>
                  <Table<CategoryRow> rowKey="category" size="small" columns={columns} dataSource={s.byCategory} pagination={false} scroll={{ x: 720 }} data-testid="request-stats-table" />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </div>
  );
}
