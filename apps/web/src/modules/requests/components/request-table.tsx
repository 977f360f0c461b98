import type { ReactNode } from 'react';
import { Empty, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { ServiceRequestSummary } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { useRequestLabels } from '../labels';
import { DueTag, StatusTag, TriageTag, UrgencyTag } from './request-tags';

export function ownerText(owner: ServiceRequestSummary['owner']): string | null {
  if (!owner) return null;
  return [owner.name, owner.unit].filter(Boolean).join(' · ') || null;
}

/** The register's columns; a row opens the request. */
export function RequestTable({
  items,
  loading,
  empty,
  extraColumn,
  testId = 'request-table',
}: {
  items: readonly ServiceRequestSummary[];
  loading: boolean;
  empty: ReactNode;
  /** A trailing column of row actions (e.g. 回访 in the follow-up queue). */
  extraColumn?: TableColumnsType<ServiceRequestSummary>[number];
  testId?: string;
}) {
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  const navigate = useNavigate();

  const columns: TableColumnsType<ServiceRequestSummary> = [
    {
      title: t('req.reference'),
      dataIndex: 'reference',
      width: 150,
      fixed: 'left',
      render: (ref: string, r) => (
        // A real link (open in a new tab, keyboard); the row's own click does the same.
        <Link to={`/requests/${r.id}`} className="gw-mono" onClick={(e) => e.stopPropagation()} data-testid="request-link">
          {ref}
        </Link>
      ),
    },
    { title: t('req.category'), dataIndex: 'categoryName', width: 120 },
    {
      title: t('req.description'),
      dataIndex: 'description',
      width: 260,
      render: (d: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d }} className="gw-req-cell-text">
          {d}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('req.triage'),
      dataIndex: 'triage',
      width: 84,
      render: (_v, r) => <TriageTag triage={r.triage} confirmed={r.triageConfirmed} />,
    },
    { title: t('req.urgency'), dataIndex: 'urgency', width: 72, render: (_v, r) => <UrgencyTag urgency={r.urgency} /> },
    {
      title: t('req.status'),
      dataIndex: 'status',
      width: 96,
      render: (_v, r) => (
        <Space size={2}>
          <StatusTag status={r.status} />
          {r.escalationLevel > 0 ? (
            <Tooltip title={t('req.escalatedTimes', { n: r.escalationLevel })}>
              <Typography.Text type="danger">↑{r.escalationLevel}</Typography.Text>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t('req.deadline'), dataIndex: 'deadline', width: 140, render: (_v, r) => <DueTag dueState={r.dueState} deadline={r.deadline} /> },
    { title: t('req.place'), dataIndex: 'placeName', width: 140 },
    { title: t('req.owner'), dataIndex: 'owner', width: 120, render: (_v, r) => ownerText(r.owner) ?? <span className="gw-req-muted">{t('req.unassigned')}</span> },
    { title: t('req.channel'), dataIndex: 'channel', width: 110, render: (_v, r) => labels.channel(r.channel) },
    { title: t('req.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    ...(extraColumn ? [extraColumn] : []),
  ];

  return (
    <Table<ServiceRequestSummary>
      rowKey="id"
      columns={columns}
      dataSource={[...items]}
      loading={loading}
      pagination={false}
      size="middle"
      scroll={{ x: 1480 }}
      rowClassName={(r) => (r.dueState === 'overdue' ? 'gw-req-row-overdue gw-req-row' : 'gw-req-row')}
      onRow={(r) => {
        const props = { onClick: () => navigate(`/requests/${r.id}`), 'data-testid': 'request-row' };
        return props;
      }}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
