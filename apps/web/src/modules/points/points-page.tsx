import '../volunteers/service.css';
import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { pointsApi } from '../../api/service-endpoints';
import type { PointsEntry } from '../../api/service-types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { ResidentSelect } from '../volunteers/components/resident-select';
import { AdjustDialog } from './components/adjust-dialog';
import { Amount } from './components/amount';
import { LedgerCheckButton } from './components/ledger-check-button';
import { ReverseDialog } from './components/reverse-dialog';
import { KIND_COLORS, KIND_KEYS, sourceKeyOf } from './labels';
import { POINTS_KEY, pointsAccountKey } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

/** 积分账本: one resident's account — balance, what expires soon, every entry traceable to its source; adjustments and reversals. */
export function PointsPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const residentId = params.get('residentId') || undefined;
  const pager = useCursorPager(20);
  const [adjusting, setAdjusting] = useState(false);
  const [reversing, setReversing] = useState<PointsEntry | null>(null);

  const query = { limit: pager.limit, cursor: pager.cursor };
  const account = useQuery({
    queryKey: [...pointsAccountKey(residentId ?? ''), query],
    queryFn: () => pointsApi.account(residentId ?? '', query),
    enabled: Boolean(residentId),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const a = residentId ? account.data : undefined;
  const entries = a?.entries ?? [];
  const reversedIds = new Set(entries.map((e) => e.reversesId).filter(Boolean));

  const pick = (id: string | undefined) => {
    setParams(id ? { residentId: id } : {}, { replace: true });
    pager.reset();
  };

  const sourceText = (e: PointsEntry) => {
    const key = sourceKeyOf(e.sourceType);
    return key ? t(key) : e.sourceType;
  };

  const columns: TableColumnsType<PointsEntry> = [
    { title: t('pts.time'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: t('pts.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: PointsEntry['kind'], e) => (
        <Space size={4}>
          <Tag color={KIND_COLORS[k]} data-testid="points-entry-kind">
            {t(KIND_KEYS[k])}
          </Tag>
          {reversedIds.has(e.id) ? (
            <Tag className="gw-tag-compact" color="purple">
              {t('pts.reversedTag')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    { title: t('pts.amount'), dataIndex: 'amount', width: 80, align: 'right', render: (v: number) => <Amount value={v} /> },
    { title: t('pts.balanceAfter'), dataIndex: 'balanceAfter', width: 80, align: 'right', render: (v: number) => <span className="gw-svc-num">{v}</span> },
    {
      title: t('pts.source'),
      dataIndex: 'sourceType',
      width: 120,
      render: (_v, e) =>
        e.sourceId ? (
          <Tooltip title={`${e.sourceType} · ${e.sourceId}`}>
            <span>{sourceText(e)}</span>
          </Tooltip>
        ) : (
          sourceText(e)
        ),
    },
    { title: t('pts.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? <span className="gw-svc-muted">—</span> },
    { title: t('pts.actor'), dataIndex: 'actorName', width: 130, ellipsis: true, render: (v: string | null) => v ?? <span className="gw-svc-muted">{t('pts.system')}</span> },
    {
      title: t('pts.expiresAt'),
      dataIndex: 'expiresAt',
      width: 140,
      render: (v: string | null) => (v ? formatDateTime(v) : <span className="gw-svc-muted">—</span>),
    },
    ...(can('points.adjust')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            width: 90,
            render: (_v: unknown, e: PointsEntry) =>
              e.kind === 'reverse' || e.kind === 'expire' || reversedIds.has(e.id) ? null : (
                <Button size="small" type="link" danger icon={<RollbackOutlined />} onClick={() => setReversing(e)} data-testid="points-entry-reverse">
                  {t('pts.reverse')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="points-page">
      <PageHeader
        title={t('nav.pointsLedger')}
        description={t('pts.description')}
        extra={
          <>
            {can('points.adjust') ? <LedgerCheckButton /> : null}
            <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: POINTS_KEY })} />
          </>
        }
      />
      <Card>
        <Space wrap size={12} style={{ marginBottom: 16 }}>
          <ResidentSelect value={residentId} onChange={(v) => pick(v)} placeholder={t('pts.pickResident')} style={{ width: 320 }} valueLabel={a?.residentName} data-testid="points-resident" />
        </Space>
        {!residentId ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pts.pickResidentHint')} />
        ) : account.isError ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={errorText(account.error)} />
        ) : (
          <>
            <Row gutter={[16, 16]} align="middle" style={{ marginBottom: 16 }} data-testid="points-summary">
              <Col xs={24} md={6}>
                <Statistic title={t('pts.resident')} value={a?.residentName ?? '—'} loading={account.isPending} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('pts.balance')} value={a?.balance ?? 0} loading={account.isPending} styles={{ content: { color: '#c8102e' } }} data-testid="points-balance" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('pts.expiringSoon')}
                  value={a?.expiringSoon ?? 0}
                  loading={account.isPending}
                  styles={{ content: { color: (a?.expiringSoon ?? 0) > 0 ? '#d46b08' : undefined } }}
                  data-testid="points-expiring"
                />
              </Col>
              <Col xs={24} md={6} style={{ textAlign: 'right' }}>
                {can('points.adjust') && a ? (
                  <Button type="primary" icon={<EditOutlined />} onClick={() => setAdjusting(true)} data-testid="points-adjust">
                    {t('pts.adjust')}
                  </Button>
                ) : null}
              </Col>
            </Row>
            <Table<PointsEntry>
              rowKey="id"
              columns={columns}
              dataSource={entries}
              loading={account.isFetching}
              pagination={false}
              scroll={{ x: 1100 }}
              size="middle"
              data-testid="points-entries"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text>{t('pts.entriesEmpty')}</Typography.Text>} /> }}
            />
            <CursorPager pager={pager} nextCursor={a?.nextCursor} count={entries.length} testId="points-pager" />
          </>
        )}
      </Card>
      {adjusting && a ? <AdjustDialog residentId={a.residentId} residentName={a.residentName} balance={a.balance} onClose={() => setAdjusting(false)} /> : null}
      {reversing ? <ReverseDialog entry={reversing} onClose={() => setReversing(null)} /> : null}
    </div>
  );
}
