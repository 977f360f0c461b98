import './requests.css';
import { useMemo } from 'react';
import { Alert, Card, Space, Typography } from 'antd';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { requestsApi } from '../../api/requests-endpoints';
import type { DueState, RequestListQuery, RequestStatus, ServiceRequestSummary } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { RequestTable } from './components/request-table';
import { useRequestLive } from './live';
import { REQUEST_LISTS_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

/**
 * Statuses in which the owner still has to act. Resolved and followed-up requests are open too,
 * but wait on the follow-up queue, not on their owner.
 */
const OWNER_STATUSES: RequestStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress'];

const URGENT_FIRST: Record<DueState, number> = { overdue: 0, due_soon: 1, on_track: 2, none: 3 };

/** Within one page: overdue, then due soon, then the nearest deadline (the server sorts by age). */
function byUrgency(a: ServiceRequestSummary, b: ServiceRequestSummary): number {
  return URGENT_FIRST[a.dueState] - URGENT_FIRST[b.dueState] || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999');
}

/** 我的待办: open requests I own, most pressing first. */
export function InboxPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const pager = useCursorPager(20);
  useRequestLive();

  const query: RequestListQuery = { mine: 'owned', status: OWNER_STATUSES, limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...REQUEST_LISTS_KEY, 'inbox', query], queryFn: () => requestsApi.list(query), placeholderData: keepPreviousData });
  const items = useMemo(() => [...(list.data?.items ?? [])].sort(byUrgency), [list.data]);
  const overdue = items.filter((r) => r.dueState === 'overdue').length;
  const dueSoon = items.filter((r) => r.dueState === 'due_soon').length;

  return (
    <div data-testid="request-inbox">
      <PageHeader
        title={t('nav.requestInbox')}
        description={t('req.inboxDescription')}
        extra={
          <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: REQUEST_LISTS_KEY })} />
        }
      />
      {overdue + dueSoon > 0 ? (
        <Alert
          type={overdue > 0 ? 'error' : 'warning'}
          showIcon
          className="gw-req-page-alert"
          title={
            <Space size={16} wrap>
              {overdue > 0 ? <Typography.Text data-testid="inbox-overdue-count">{t('req.inboxOverdue', { n: overdue })}</Typography.Text> : null}
              {dueSoon > 0 ? <Typography.Text>{t('req.inboxDueSoon', { n: dueSoon })}</Typography.Text> : null}
            </Space>
          }
        />
      ) : null}
      <Card>
        <RequestTable items={items} loading={list.isFetching} empty={t('req.inboxEmpty')} testId="request-inbox-table" />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="request-inbox-pager" />
      </Card>
    </div>
  );
}
