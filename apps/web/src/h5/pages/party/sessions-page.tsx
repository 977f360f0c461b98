import { Button, ErrorBlock, InfiniteScroll, List, PullToRefresh, Tag } from 'antd-mobile';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { OrgLifeSession } from '@gridwork/contracts';
import { orgLifeApi } from '../../../api/org-life-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { orgLifeLabels, sessionTime } from '../../../modules/party/org-life-labels';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';

const PAGE = 20;
const ATTENDANCE_COLORS = { present: 'success', excused: 'warning', absent: 'danger' } as const;

function SessionItem({ session }: { session: OrgLifeSession }) {
  const { t, locale } = useI18n();
  const labels = orgLifeLabels(locale);
  const mine = session.myAttendance;
  return (
    <List.Item
      data-testid="h5-session"
      // The type tag sits in the title line so that rows keep one left edge whatever its width.
      title={
        <span>
          <Tag color="primary">{labels.type(session.type)}</Tag> {sessionTime(session.startsAt, session.endsAt)}
        </span>
      }
      description={[session.orgName, session.location].filter(Boolean).join(' · ')}
      extra={
        session.status === 'cancelled' ? (
          <Tag color="default">{labels.status('cancelled')}</Tag>
        ) : mine ? (
          <Tag color={ATTENDANCE_COLORS[mine]}>{t('orgLife.h5My', { status: labels.attendance(mine) })}</Tag>
        ) : session.status === 'planned' ? (
          <Tag color="primary" fill="outline">
            {labels.status('planned')}
          </Tag>
        ) : null
      }
    >
      {session.title}
    </List.Item>
  );
}

/** 组织生活 for a member: the sessions they must attend, upcoming first, then the past with their attendance. */
export function SessionsPage() {
  const { t } = useI18n();
  const list = useInfiniteQuery({
    queryKey: ['org-life', 'h5', 'mine'],
    queryFn: ({ pageParam }) => orgLifeApi.list({ mine: 'attending', limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const now = Date.now();
  // The list is newest first; upcoming sessions read best soonest first.
  const upcoming = items.filter((s) => s.status === 'planned' && new Date(s.endsAt).getTime() >= now).reverse();
  const past = items.filter((s) => !upcoming.includes(s));

  let content;
  if (list.isPending) content = <Loading />;
  else if (list.isError) content = <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(list.error)} />;
  else if (items.length === 0) content = <ErrorBlock status="empty" title={t('orgLife.h5Empty')} data-testid="h5-sessions-empty" />;
  else
    content = (
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        {upcoming.length > 0 ? (
          <List header={t('orgLife.h5Upcoming')} data-testid="h5-sessions-upcoming">
            {upcoming.map((s) => (
              <SessionItem key={s.id} session={s} />
            ))}
          </List>
        ) : null}
        {past.length > 0 ? (
          <List header={t('orgLife.h5Past')} data-testid="h5-sessions-past">
            {past.map((s) => (
              <SessionItem key={s.id} session={s} />
            ))}
          </List>
        ) : null}
        <InfiniteScroll loadMore={async () => void (await list.fetchNextPage())} hasMore={Boolean(list.hasNextPage)}>
          {(hasMore, failed, retry) =>
            failed ? (
              <Button size="small" fill="none" onClick={retry}>
                {t('common.retry')}
              </Button>
            ) : hasMore ? (
              <Loading />
            ) : null
          }
        </InfiniteScroll>
      </PullToRefresh>
    );

  return (
    <SubPage title={t('orgLife.h5Title')} fallback="/party" testId="h5-sessions">
      {content}
    </SubPage>
  );
}
