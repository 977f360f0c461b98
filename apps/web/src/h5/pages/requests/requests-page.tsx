import './requests-h5.css';
import { useState } from 'react';
import { Button, ErrorBlock, InfiniteScroll, List, PullToRefresh, Tabs, Tag } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { requestsApi } from '../../../api/requests-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { useSession } from '../../../shared/session';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { URGENCY_COLORS, useRequestLabels } from './request-labels';
import { StatusTag } from './status-tag';

const PAGE = 20;

type Mine = 'reported' | 'followed';

/** 我的诉求: what I reported (or follow), newest first, with where each one stands. */
export function RequestsPage() {
  const [mine, setMine] = useState<Mine>('reported');
  const { t, formatDateTime } = useI18n();
  const labels = useRequestLabels();
  const { can } = useSession();
  const navigate = useNavigate();
  const list = useInfiniteQuery({
    queryKey: ['requests', 'mine', mine],
    queryFn: ({ pageParam }) => requestsApi.list({ mine, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const raise = can('request.create') ? (
    <Button size="small" color="primary" fill="none" onClick={() => navigate('/requests/new')} data-testid="h5-requests-raise">
      {t('h5r.raise')}
    </Button>
  ) : null;

  return (
    <SubPage title={t('h5r.listTitle')} fallback="/" right={raise} testId="h5-requests">
      <Tabs activeKey={mine} onChange={(key) => setMine(key as Mine)} data-testid="h5-requests-tabs">
        <Tabs.Tab key="reported" title={t('h5r.tabReported')} />
        <Tabs.Tab key="followed" title={t('h5r.tabFollowed')} />
      </Tabs>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />
      ) : items.length === 0 ? (
        <div className="h5r-empty" data-testid="h5-requests-empty">
          <ErrorBlock status="empty" title={t('h5r.empty')} description={t('h5r.emptyHint')} />
          {can('request.create') ? (
            <Button color="primary" size="large" shape="rounded" onClick={() => navigate('/requests/new')} data-testid="h5-requests-empty-raise">
              {t('h5r.raise')}
            </Button>
          ) : null}
        </div>
      ) : (
        <PullToRefresh onRefresh={async () => void (await list.refetch())}>
          <List mode="card" data-testid="h5-request-list">
            {items.map((r) => (
              <List.Item
                key={r.id}
                onClick={() => navigate(`/requests/${r.id}`)}
                data-request-id={r.id}
                description={
                  <div className="h5r-row-desc">
                    <div className="h5r-clamp">{r.description}</div>
                    <div className="h5r-row-meta">
                      <span className="h5-mono">{r.reference}</span>
                      <span>{formatDateTime(r.createdAt)}</span>
                    </div>
                  </div>
                }
              >
                <div className="h5r-row-head">
                  <span className="h5r-row-title">{r.categoryName}</span>
                  {r.urgency !== 'normal' ? (
                    <Tag color={URGENCY_COLORS[r.urgency]} fill="outline">
                      {labels.urgency(r.urgency)}
                    </Tag>
                  ) : null}
                  <span className="h5r-row-status">
                    <StatusTag status={r.status} />
                  </span>
                </div>
              </List.Item>
            ))}
          </List>
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={Boolean(list.hasNextPage)}>
            {(hasMore, failed, retry) =>
              failed ? (
                <Button size="small" fill="none" onClick={retry}>
                  {t('common.retry')}
                </Button>
              ) : hasMore ? (
                <Loading />
              ) : (
                <span className="h5-muted">{t('h5r.noMore')}</span>
              )
            }
          </InfiniteScroll>
        </PullToRefresh>
      )}
    </SubPage>
  );
}
