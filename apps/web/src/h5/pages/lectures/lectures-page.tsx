import '../events/service-h5.css';
import { Button, Card, ErrorBlock, InfiniteScroll, PullToRefresh, Toast } from 'antd-mobile';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { lectureTopicsApi } from '../../../api/service-endpoints';
import type { LectureTopic } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { useSession } from '../../../shared/session';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';

const PAGE = 20;

/** 菜单式讲堂: residents choose what the lectures teach — topics by votes, one vote each, propose a topic. */
export function LecturesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const mayPropose = can('event.signup') || can('event.write');
  const list = useInfiniteQuery({
    queryKey: ['lecture-topics', 'h5'],
    queryFn: ({ pageParam }) => lectureTopicsApi.list({ limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const propose = mayPropose ? (
    <Button size="small" color="primary" fill="none" onClick={() => navigate('/lectures/new')} data-testid="h5-lecture-propose">
      {t('h5s.propose')}
    </Button>
  ) : null;
  return (
    <SubPage title={t('h5s.lecturesTitle')} fallback="/" right={propose} testId="h5-lectures">
      <div className="h5s-intro">{t('h5s.lecturesIntro')}</div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />
      ) : items.length === 0 ? (
        <div className="h5s-empty" data-testid="h5-lectures-empty">
          <ErrorBlock status="empty" title={t('h5s.emptyTopics')} description={t('h5s.emptyTopicsHint')} />
          {mayPropose ? (
            <Button color="primary" size="large" shape="rounded" onClick={() => navigate('/lectures/new')}>
              {t('h5s.propose')}
            </Button>
          ) : null}
        </div>
      ) : (
        <PullToRefresh onRefresh={async () => void (await list.refetch())}>
          <div className="h5s-list" data-testid="h5-lecture-list">
            {items.map((topic, index) => (
              <TopicCard key={topic.id} topic={topic} rank={index + 1} />
            ))}
          </div>
          <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={Boolean(list.hasNextPage)}>
            {(hasMore, failed, retry) =>
              failed ? (
                <Button size="small" fill="none" onClick={retry}>
                  {t('common.retry')}
                </Button>
              ) : hasMore ? (
                <Loading />
              ) : (
                <span className="h5-muted">{t('h5s.noMore')}</span>
              )
            }
          </InfiniteScroll>
        </PullToRefresh>
      )}
    </SubPage>
  );
}

function TopicCard({ topic: l, rank }: { topic: LectureTopic; rank: number }) {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const vote = useMutation({
    mutationFn: () => lectureTopicsApi.vote(l.id),
    meta: { silent: true },
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('h5s.voteOk') });
      await queryClient.invalidateQueries({ queryKey: ['lecture-topics'] });
    },
    onError: (error) => Toast.show({ icon: 'fail', content: errorText(error), duration: 3000 }),
  });
  return (
    <Card className="h5s-card" data-topic-id={l.id} data-votes={l.votes} data-testid="h5-lecture-card">
      <div className="h5s-topic">
        <span className={rank <= 3 ? 'h5s-topic-rank h5s-topic-rank-top' : 'h5s-topic-rank'}>{rank}</span>
        <div className="h5s-topic-body">
          <div className="h5s-card-title">{l.title}</div>
          {l.description ? <div className="h5s-text">{l.description}</div> : null}
          <div className="h5s-meta-inline">
            <span>{t('h5s.proposer', { name: l.proposerName })}</span>
            <span>{l.placeName}</span>
            <span>{formatDateTime(l.createdAt)}</span>
          </div>
        </div>
        <div className="h5s-topic-vote">
          <span className="h5s-topic-votes" data-testid="h5-lecture-votes">
            {t('h5s.votes', { n: l.votes })}
          </span>
          <Button
            size="mini"
            color="primary"
            fill={l.votedByMe ? 'outline' : 'solid'}
            shape="rounded"
            disabled={l.votedByMe || vote.isPending}
            loading={vote.isPending}
            onClick={() => vote.mutate()}
            data-testid="h5-lecture-vote"
          >
            {l.votedByMe ? t('h5s.voted') : t('h5s.vote')}
          </Button>
        </div>
      </div>
    </Card>
  );
}
