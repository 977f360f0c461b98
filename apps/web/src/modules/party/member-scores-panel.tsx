import { useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { SCORE_DIMENSIONS, type ScoreEntry } from '@gridwork/contracts';
import { memberScoresApi } from '../../api/member-scores-endpoints';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { EChart, type ChartOption } from '../../shared/echart';
import { currentScoreYear, dimensionKey, formatScoreDate, ScoreStatusTag, ScoreYearSelect, signedPoints } from './member-scores-shared';

/** One member's year of 党员积分: total and rank, points by dimension, and every entry with its source. */
export function MemberScoresPanel({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const [year, setYear] = useState(currentScoreYear);
  const detail = useQuery({ queryKey: ['member-scores', 'member', memberId, year], queryFn: () => memberScoresApi.ofMember(memberId, year) });
  const data = detail.data;

  const chart = useMemo<ChartOption | null>(
    () =>
      data
        ? {
            grid: { left: 80, right: 24, top: 8, bottom: 24 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: SCORE_DIMENSIONS.map((d) => t(dimensionKey(d))) },
            series: [{ type: 'bar', data: SCORE_DIMENSIONS.map((d) => data.dimensions[d]), itemStyle: { color: '#c8102e' }, barMaxWidth: 24 }],
          }
        : null,
    [data, t],
  );

  const columns: TableColumnsType<ScoreEntry> = [
    { title: t('ms.occurredAt'), dataIndex: 'occurredAt', width: 110, render: (v: string) => formatScoreDate(v) },
    { title: t('ms.item'), dataIndex: 'itemName', width: 180, render: (name: string, e) => <Space orientation="vertical" size={0}><span>{name}</span><Typography.Text type="secondary">{t(dimensionKey(e.dimension))}</Typography.Text></Space> },
    { title: t('ms.points'), dataIndex: 'points', width: 80, align: 'right', render: (p: number) => <strong>{signedPoints(p)}</strong> },
    { title: t('ms.source'), dataIndex: 'sourceLabel', render: (label: string) => label },
    { title: t('ms.status'), dataIndex: 'status', width: 90, render: (s: ScoreEntry['status']) => <ScoreStatusTag status={s} /> },
    { title: t('ms.enteredBy'), dataIndex: 'enteredBy', width: 120, render: (p: ScoreEntry['enteredBy']) => p?.name ?? <Typography.Text type="secondary">{t('ms.system')}</Typography.Text> },
    { title: t('ms.approvedBy'), dataIndex: 'approvedBy', width: 120, render: (p: ScoreEntry['approvedBy']) => p?.name ?? '—' },
  ];

  return (
    <div data-testid="member-scores-panel">
      <Space style={{ marginBottom: 12 }}>
        <span>{t('ms.year')}</span>
        <ScoreYearSelect value={year} onChange={setYear} testId="member-scores-panel-year" />
      </Space>
      {detail.isError ? <Alert type="error" showIcon message={t('ms.loadFailed')} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card size="small" loading={detail.isLoading}>
            <Statistic title={t('ms.yearTotal', { year })} value={data?.total ?? 0} data-testid="member-scores-panel-total" />
            <Typography.Text type="secondary">
              {data && data.rank !== null && data.orgName ? t('ms.rankInOrg', { org: data.orgName, rank: data.rank, count: data.rankOf }) : t('ms.noRank')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={t('ms.byDimension')} loading={detail.isLoading}>
            {chart ? <EChart option={chart} height={160} testId="member-scores-panel-chart" /> : null}
          </Card>
        </Col>
      </Row>
      <Table<ScoreEntry>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        loading={detail.isLoading}
        columns={columns}
        dataSource={data?.entries ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <TableEmpty text={t('ms.entriesEmpty')} /> }}
        data-testid="member-scores-panel-entries"
      />
    </div>
  );
}
