import './echo-wall.css';
import { useEffect } from 'react';
import { Button, Empty, Rate, Result, Select, Spin, Typography } from 'antd';
import { EnvironmentOutlined, MessageOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { echoWallApi } from '../../api/requests-endpoints';
import type { EchoWallItem } from '../../api/requests-types';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { BrandLogo } from '../../admin/components/brand-logo';
import { LocaleSwitch } from '../../admin/components/locale-switch';
import { StatusTag, TriageTag } from './components/request-tags';

function EchoItem({ item }: { item: EchoWallItem }) {
  const { t, formatDateTime } = useI18n();
  return (
    <article className="gw-echo-item" data-testid="echo-item">
      <header className="gw-echo-item-head">
        <Typography.Text strong>{item.categoryName}</Typography.Text>
        <TriageTag triage={item.triage} />
        <StatusTag status={item.status} />
      </header>
      <p className="gw-echo-summary">{item.summary}</p>
      {item.reply ? (
        <div className="gw-echo-reply" data-testid="echo-reply">
          <MessageOutlined /> <span className="gw-echo-reply-label">{t('echo.reply')}</span>
          <span>{item.reply}</span>
        </div>
      ) : null}
      <footer className="gw-echo-meta">
        <span>
          <EnvironmentOutlined /> {item.gridName}
        </span>
        <span>{t('echo.raisedAt', { at: formatDateTime(item.createdAt) })}</span>
        {item.resolvedAt ? <span>{t('echo.resolvedAt', { at: formatDateTime(item.resolvedAt) })}</span> : null}
        {item.satisfaction ? (
          <span className="gw-echo-rating" aria-label={t('echo.satisfaction', { n: item.satisfaction })}>
            <Rate disabled value={item.satisfaction} />
          </span>
        ) : null}
      </footer>
    </article>
  );
}

/** 回音壁: public, no sign-in; what residents raised in a community and how it was answered. */
export function EchoWallPage() {
  const { communityId } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const communities = useQuery({ queryKey: ['echo-wall', 'communities'], queryFn: echoWallApi.communities, staleTime: 10 * 60_000, meta: { silent: true } });
  const wall = useInfiniteQuery({
    queryKey: ['echo-wall', communityId],
    queryFn: ({ pageParam }) => echoWallApi.get(communityId ?? '', pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(communityId),
    meta: { silent: true },
  });

  // One community only: nothing to choose, open it straight away.
  useEffect(() => {
    const only = communities.data?.length === 1 ? communities.data[0] : undefined;
    if (!communityId && only) navigate(`/echo-wall/${only.id}`, { replace: true });
  }, [communityId, communities.data, navigate]);

  const first = wall.data?.pages[0];
  const items = wall.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="gw-echo" data-testid="echo-wall">
      <header className="gw-echo-top">
        <div className="gw-echo-brand">
          <BrandLogo size={32} />
          <div>
            <div className="gw-echo-title">{t('echo.title')}</div>
            <div className="gw-echo-subtitle">{t('app.name')}</div>
          </div>
        </div>
        <LocaleSwitch compact />
      </header>
      <main className="gw-echo-main">
        <Select
          className="gw-echo-picker"
          size="large"
          value={communityId}
          placeholder={t('echo.pickCommunity')}
          loading={communities.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(id: string) => navigate(`/echo-wall/${id}`)}
          options={(communities.data ?? []).map((c) => ({ value: c.id, label: `${c.subdistrictName} · ${c.name}` }))}
          notFoundContent={communities.isError ? errorText(communities.error) : t('echo.noCommunities')}
          data-testid="echo-community"
        />
        {!communityId ? (
          <Empty className="gw-echo-empty" description={t('echo.pickHint')} />
        ) : wall.isPending ? (
          <Spin size="large" className="gw-echo-loading" />
        ) : wall.isError || !first ? (
          <Result status="warning" title={t('echo.loadFailed')} subTitle={errorText(wall.error)} extra={<Button onClick={() => void wall.refetch()}>{t('common.retry')}</Button>} />
        ) : (
          <>
            <section className="gw-echo-headline" data-testid="echo-headline">
              <h1>{first.communityName}</h1>
              <p>
                {t('echo.headlineBefore')}
                <strong data-testid="echo-received">{first.received}</strong>
                {t('echo.headlineMiddle')}
                <strong data-testid="echo-resolved">{first.resolved}</strong>
                {t('echo.headlineAfter')}
              </p>
            </section>
            {items.length === 0 ? (
              <Empty className="gw-echo-empty" description={t('echo.empty')} />
            ) : (
              <div className="gw-echo-list" data-testid="echo-list">
                {items.map((item) => (
                  <EchoItem key={item.reference} item={item} />
                ))}
              </div>
            )}
            {wall.hasNextPage ? (
              <Button block size="large" className="gw-echo-more" loading={wall.isFetchingNextPage} onClick={() => void wall.fetchNextPage()} data-testid="echo-more">
                {t('echo.more')}
              </Button>
            ) : items.length > 0 ? (
              <Typography.Paragraph type="secondary" className="gw-echo-end">
                {t('echo.end')}
              </Typography.Paragraph>
            ) : null}
          </>
        )}
      </main>
      <footer className="gw-echo-footer">{t('echo.footer')}</footer>
    </div>
  );
}
