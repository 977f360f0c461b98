import '../events/service-h5.css';
import { useState } from 'react';
import { CapsuleTabs, ErrorBlock, List, Tabs, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { learningApi } from '../../../api/learning-endpoints';
import { useI18n } from '../../../i18n';
import { errorText } from '../../../shared/feedback';
import { Loading } from '../../components/loading';
import { SubPage } from '../../components/sub-page';

type StudiedFilter = 'all' | 'no' | 'yes';

/** 学习教育 for members: materials to study, quizzes, my study points, and 学习之星 of my org. */
export function LearningPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('materials');
  return (
    <SubPage title={t('h5l.title')} fallback="/party" testId="h5-learning">
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('h5l.tabMaterials')} key="materials">
          <MaterialsTab />
        </Tabs.Tab>
        <Tabs.Tab title={t('h5l.tabQuizzes')} key="quizzes">
          <QuizzesTab />
        </Tabs.Tab>
        <Tabs.Tab title={t('h5l.tabPoints')} key="points">
          <PointsTab />
        </Tabs.Tab>
        <Tabs.Tab title={t('h5l.tabStars')} key="stars">
          <StarsTab />
        </Tabs.Tab>
      </Tabs>
    </SubPage>
  );
}

function Failed({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (isApiError(error) && error.code === 'not_a_party_member') return <ErrorBlock status="empty" title={t('h5l.notMember')} description="" data-testid="h5-learning-not-member" />;
  return <ErrorBlock status="default" title={t('h5.loadFailed')} description={errorText(error)} />;
}

function MaterialsTab() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<StudiedFilter>('all');
  const query = { studied: filter === 'all' ? undefined : filter, limit: 100 };
  const list = useQuery({ queryKey: ['learning', 'h5', 'materials', query], queryFn: () => learningApi.materials(query), meta: { silent: true } });
  return (
    <>
      <CapsuleTabs activeKey={filter} onChange={(k) => setFilter(k as StudiedFilter)}>
        <CapsuleTabs.Tab title={t('h5l.filterAll')} key="all" />
        <CapsuleTabs.Tab title={t('h5l.filterTodo')} key="no" />
        <CapsuleTabs.Tab title={t('h5l.filterDone')} key="yes" />
      </CapsuleTabs>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <Failed error={list.error} />
      ) : list.data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('h5l.materialsEmpty')} description="" />
      ) : (
        <List mode="card" data-testid="h5-learning-materials">
          {list.data.items.map((m) => (
            <List.Item
              key={m.id}
              onClick={() => navigate(`/party/learning/${m.id}`)}
              description={m.body}
              extra={m.myStudy ? <Tag color="success">{t('h5l.studied')}</Tag> : <Tag color="warning">{t('h5l.todo')}</Tag>}
              data-testid="h5-learning-material"
            >
              {m.title}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

function QuizzesTab() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['quizzes', 'h5', 'list'], queryFn: () => learningApi.quizzes({ limit: 100 }), meta: { silent: true } });
  if (list.isPending) return <Loading />;
  if (list.isError) return <Failed error={list.error} />;
  if (list.data.items.length === 0) return <ErrorBlock status="empty" title={t('h5l.quizzesEmpty')} description="" />;
  return (
    <List mode="card" data-testid="h5-learning-quizzes">
      {list.data.items.map((q) => (
        <List.Item
          key={q.id}
          onClick={() => navigate(`/party/quizzes/${q.id}`)}
          description={t('h5l.quizMeta', { count: q.questionCount, minutes: Math.round(q.timeLimitSeconds / 60), policy: q.attemptPolicy === 'once' ? t('quiz.policyOnce') : t('quiz.policyBest') })}
          extra={
            q.myBestScore !== null ? (
              <Tag color="primary">{t('h5l.bestScore', { n: q.myBestScore })}</Tag>
            ) : (
              <Tag color={q.status === 'open' ? 'success' : 'default'}>{t(q.status === 'open' ? 'quiz.statusOpen' : q.status === 'upcoming' ? 'quiz.statusUpcoming' : 'quiz.statusClosed')}</Tag>
            )
          }
          data-testid="h5-learning-quiz"
        >
          {q.title}
        </List.Item>
      ))}
    </List>
  );
}

function PointsTab() {
  const { t, formatDateTime } = useI18n();
  const points = useQuery({ queryKey: ['learning', 'h5', 'my-points'], queryFn: () => learningApi.myPoints(), meta: { silent: true } });
  if (points.isPending) return <Loading />;
  if (points.isError) return <Failed error={points.error} />;
  return (
    <>
      <section className="h5s-wallet" data-testid="h5-learning-points">
        <div className="h5s-wallet-label">{t('h5l.total')}</div>
        <div className="h5s-wallet-balance" data-testid="h5-learning-points-total">
          {points.data.total}
        </div>
      </section>
      {points.data.entries.length === 0 ? (
        <ErrorBlock status="empty" title={t('h5l.pointsEmpty')} description="" />
      ) : (
        <List mode="card">
          {points.data.entries.map((e) => (
            <List.Item key={`${e.sourceType}:${e.sourceId}`} description={formatDateTime(e.earnedAt)} extra={`+${e.points}`}>
              {e.title}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

function StarsTab() {
  const { t } = useI18n();
  const board = useQuery({ queryKey: ['learning', 'h5', 'leaderboard'], queryFn: () => learningApi.leaderboard({ limit: 50 }), meta: { silent: true } });
  if (board.isPending) return <Loading />;
  if (board.isError) return <Failed error={board.error} />;
  const { entries, me, orgName } = board.data;
  return (
    <List mode="card" header={<span className="h5-section-title">{orgName}</span>} data-testid="h5-learning-stars">
      <List.Item>{me && me.points > 0 ? t('h5l.myRank', { rank: me.rank, points: me.points }) : t('h5l.myRankNone')}</List.Item>
      {entries.length === 0 ? (
        <List.Item>{t('h5l.starsEmpty')}</List.Item>
      ) : (
        entries.map((e) => (
          <List.Item key={e.memberId} prefix={<strong>{e.rank}</strong>} extra={t('h5l.rankPoints', { n: e.points })} description={e.orgName ?? undefined}>
            {e.isMe ? <strong>{e.name}</strong> : e.name}
          </List.Item>
        ))
      )}
    </List>
  );
}
