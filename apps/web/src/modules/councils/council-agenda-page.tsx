import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { COUNCIL_ITEM_STATUSES, type CouncilAgendaItem, type CouncilItemStatus } from '@gridwork/contracts';
import { councilsApi, type CouncilAgendaListQuery } from '../../api/councils-endpoints';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { PlaceTreeSelect } from '../places/components/place-tree-select';
import { COUNCIL_KEY, DecideDialog, ScheduleDialog } from './council-dialogs';
import { CouncilStatusTag } from './council-status-tag';
import { RefreshButton } from '../../admin/components/refresh-button';

type Dialog = { kind: 'schedule' | 'decide'; item: CouncilAgendaItem } | null;

/** 红色议事会议题: major matters waiting for the council, scheduled, decided. */
export function CouncilAgendaPage() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const pager = useCursorPager(20);
  const [placeId, setPlaceId] = useState<string | undefined>();
  const [status, setStatus] = useState<CouncilItemStatus | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);

  const query: CouncilAgendaListQuery = { placeId, status, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...COUNCIL_KEY, query], queryFn: () => councilsApi.list(query), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];
  const manage = can('request.manage');

  const columns: TableColumnsType<CouncilAgendaItem> = [
    { title: t('council.reference'), dataIndex: 'requestReference', width: 130, render: (v: string, r) => <Link to={`/requests/${r.requestId}`} className="gw-mono">{v}</Link> },
    { title: t('council.title'), dataIndex: 'title', ellipsis: true },
    { title: t('council.community'), dataIndex: 'communityName', width: 140 },
    { title: t('council.status'), dataIndex: 'status', width: 100, render: (s: CouncilItemStatus) => <CouncilStatusTag status={s} /> },
    { title: t('council.meetingOn'), dataIndex: 'meetingOn', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('council.decision'),
      dataIndex: 'decision',
      width: 260,
      render: (v: string | null, r) => (v ? <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>{v}</Typography.Paragraph> : r.withdrawnReason ? <Typography.Text type="secondary">{r.withdrawnReason}</Typography.Text> : '—'),
    },
    { title: t('council.proposedAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            width: 170,
            render: (_v: unknown, r: CouncilAgendaItem) =>
              r.status === 'proposed' || r.status === 'scheduled' ? (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'schedule', item: r })} data-testid="council-schedule">
                    {t('council.schedule')}
                  </Button>
                  <Tooltip title={r.status === 'proposed' ? t('council.scheduleFirst') : undefined}>
                    <Button type="link" size="small" disabled={r.status !== 'scheduled'} onClick={() => setDialog({ kind: 'decide', item: r })} data-testid="council-decide">
                      {t('council.decide')}
                    </Button>
                  </Tooltip>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="council-agenda-page">
      <PageHeader
        title={t('nav.councilAgenda')}
        description={t('council.description')}
        extra={
          <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: COUNCIL_KEY })} />
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <div style={{ width: 260 }}>
            <PlaceTreeSelect
              value={placeId}
              onChange={(v) => {
                setPlaceId(v);
                pager.reset();
              }}
              data-testid="council-place-filter"
            />
          </div>
          <Select<CouncilItemStatus>
            allowClear
            placeholder={t('council.allStatuses')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              pager.reset();
            }}
            options={COUNCIL_ITEM_STATUSES.map((s) => ({ value: s, label: t(`council.status.${s}`) }))}
            data-testid="council-status-filter"
          />
        </Space>
        <Table<CouncilAgendaItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <TableEmpty text={t('council.empty')} hint={t('council.emptyHint')} /> }}
          data-testid="council-agenda-table"
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} testId="council-agenda-pager" />
      </Card>
      {dialog?.kind === 'schedule' ? <ScheduleDialog item={dialog.item} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'decide' ? <DecideDialog item={dialog.item} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
