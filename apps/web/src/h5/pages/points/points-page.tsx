import '../events/service-h5.css';
import { Button, ErrorBlock, List, PullToRefresh, Tag } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { pointsApi } from '../../../api/service-endpoints';
import type { PointsEntry } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { useSession } from '../../../shared/session';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';
import { KIND_COLORS, useServiceLabels } from '../events/service-labels';

const PAGE = 20;

/** 我的积分: the balance (large), what expires soon, and every movement with its reason. */
export function PointsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const account = useInfiniteQuery({
    queryKey: ['points', 'me', 'h5'],
    queryFn: ({ pageParam }) => pointsApi.mine({ limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    meta: { silent: true },
  });
  const first = account.data?.pages[0];
  const entries = account.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <SubPage title={t('h5s.pointsTitle')} fallback="/" testId="h5-points">
      {account.isPending ? (
        <Loading />
      ) : account.isError || !first ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(account.error)} data-testid="h5-points-error" />
      ) : (
        <PullToRefresh onRefresh={async () => void (await account.refetch())}>
          <section className="h5s-wallet" data-testid="h5-points-wallet" data-resident-id={first.residentId}>
            <div className="h5s-wallet-label">{t('h5s.balance')}</div>
            <div className="h5s-wallet-balance" data-testid="h5-points-balance" data-balance={first.balance}>
              {first.balance}
            </div>
            <div className="h5s-wallet-expiring" data-testid="h5-points-expiring" data-expiring={first.expiringSoon}>
              {first.expiringSoon > 0 ? t('h5s.expiringSoon', { n: first.expiringSoon }) : t('h5s.noneExpiring')}
            </div>
            <div className="h5s-wallet-actions">
              {can('store.read') ? (
                <Button size="small" shape="rounded" className="h5s-wallet-main" onClick={() => navigate('/store')} data-testid="h5-points-go-store">
                  {t('h5s.goStore')}
                </Button>
              ) : null}
              {can('event.read') ? (
                <Button size="small" shape="rounded" fill="outline" onClick={() => navigate('/events')} data-testid="h5-points-go-events">
                  {t('h5s.earnMore')}
                </Button>
              ) : null}
            </div>
          </section>
          <List mode="card" className="h5s-entries" header={<span className="h5-section-title">{t('h5s.history')}</span>} data-testid="h5-points-entries">
            {entries.length === 0 ? (
              <List.Item>
                <ErrorBlock status="empty" title={t('h5s.emptyEntries')} description={t('h5s.emptyEntriesHint')} data-testid="h5-points-empty" />
              </List.Item>
            ) : (
              entries.map((entry) => <EntryItem key={entry.id} entry={entry} />)
            )}
          </List>
          {account.hasNextPage ? (
            <div className="h5s-more">
              <Button size="small" fill="none" color="primary" loading={account.isFetchingNextPage} onClick={() => void account.fetchNextPage()} data-testid="h5-points-more">
                {t('h5s.loadMore')}
              </Button>
            </div>
          ) : entries.length > 0 ? (
            <div className="h5s-more">
              <span className="h5-muted">{t('h5s.noMore')}</span>
            </div>
          ) : null}
        </PullToRefresh>
      )}
    </SubPage>
  );
}

function EntryItem({ entry: e }: { entry: PointsEntry }) {
  const { t, formatDateTime } = useI18n();
  const labels = useServiceLabels();
  const incoming = e.amount > 0;
  return (
    <List.Item
      data-entry-id={e.id}
      data-kind={e.kind}
      data-amount={e.amount}
      data-testid="h5-points-entry"
      description={
        <div className="h5s-entry-desc">
          <span>{formatDateTime(e.createdAt)}</span>
          {e.kind === 'earn' && e.expiresAt ? <span>{t('h5s.validUntil', { date: formatDateTime(e.expiresAt).slice(0, 10) })}</span> : null}
        </div>
      }
      extra={
        <div className="h5s-entry-amount">
          <span className={`h5s-amount ${incoming ? 'h5s-amount-in' : 'h5s-amount-out'}`}>{incoming ? `+${e.amount}` : `−${Math.abs(e.amount)}`}</span>
          <span className="h5s-entry-after">{t('h5s.balanceAfter', { n: e.balanceAfter })}</span>
        </div>
      }
    >
      <div className="h5s-entry-title">
        <Tag color={KIND_COLORS[e.kind]} fill="outline">
          {labels.kind(e.kind)}
        </Tag>
        <span className="h5s-entry-reason">{e.reason ?? labels.source(e.sourceType)}</span>
      </div>
    </List.Item>
  );
}
