import './requests.css';
import { useState } from 'react';
import { Button, Card } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { requestsApi } from '../../api/requests-endpoints';
import type { RequestListQuery, ServiceRequestSummary } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { FollowUpDialog } from './components/dialogs/follow-up-dialog';
import { RequestTable } from './components/request-table';
import { useRequestLabels } from './labels';
import { REQUEST_LISTS_KEY } from './queries';
import { RefreshButton } from '../../admin/components/refresh-button';

/** 回访: resolved requests waiting for someone to ask the resident how it went (用心回访). */
export function FollowUpsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const labels = useRequestLabels();
  const queryClient = useQueryClient();
  const pager = useCursorPager(20);
  const [current, setCurrent] = useState<ServiceRequestSummary | null>(null);

  const query: RequestListQuery = { awaitingFollowUp: 'true', limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...REQUEST_LISTS_KEY, 'follow-ups', query], queryFn: () => requestsApi.list(query), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];

  return (
    <div data-testid="request-follow-ups">
      <PageHeader
        title={t('nav.requestFollowUps')}
        description={t('req.followUpsDescription')}
        extra={
          <RefreshButton onRefresh={() => void queryClient.invalidateQueries({ queryKey: REQUEST_LISTS_KEY })} />
        }
      />
      <Card>
        <RequestTable
          items={items}
          loading={list.isFetching}
          empty={t('req.followUpsEmpty')}
          testId="request-follow-up-table"
          extraColumn={
            can('request.follow-up')
              ? {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right',
                  width: 90,
                  render: (_v, r) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<PhoneOutlined />}
                      onClick={(e) => {
                        e.stopPropagation();
                        setCurrent(r);
                      }}
                      data-testid="request-follow-up-open"
                    >
                      {labels.action('follow-up')}
                    </Button>
                  ),
                }
              : undefined
          }
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} total={list.data?.total} testId="request-follow-up-pager" />
      </Card>
      {current ? <FollowUpDialog request={current} onClose={() => setCurrent(null)} /> : null}
    </div>
  );
}
