import { useState } from 'react';
import { Button, Card, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QuizStatus, QuizSummary } from '@gridwork/contracts';
import { learningApi } from '../../api/learning-endpoints';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/core';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { QUIZ_KEY, QuizEditorDrawer } from './quiz-editor-drawer';
import { QuizResultsDrawer } from './quiz-results-drawer';

const STATUS: Record<QuizStatus, { key: MessageKey; color: string }> = {
  upcoming: { key: 'quiz.statusUpcoming', color: 'blue' },
  open: { key: 'quiz.statusOpen', color: 'green' },
  closed: { key: 'quiz.statusClosed', color: 'default' },
};

/** /party/quizzes: 知识测试 list, the editor, results per quiz. */
export function QuizListPage() {
  const { t, formatDateTime } = useI18n();
  const pager = useCursorPager(20);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [results, setResults] = useState<QuizSummary | null>(null);
  const query = { limit: pager.limit, cursor: pager.cursor };
  const list = useQuery({ queryKey: [...QUIZ_KEY, 'list', query], queryFn: () => learningApi.quizzes(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<QuizSummary> = [
    { title: t('quiz.title'), dataIndex: 'title', width: 220 },
    { title: t('quiz.status'), dataIndex: 'status', width: 90, render: (s: QuizStatus) => <Tag color={STATUS[s].color}>{t(STATUS[s].key)}</Tag> },
    { title: t('quiz.window'), key: 'window', width: 280, render: (_v, q) => `${formatDateTime(q.opensAt)} – ${formatDateTime(q.closesAt)}` },
    { title: t('quiz.orgs'), key: 'orgs', render: (_v, q) => q.orgs.map((o) => <Tag key={o.id}>{o.name}</Tag>) },
    { title: t('quiz.questionCount'), dataIndex: 'questionCount', width: 70 },
    { title: t('quiz.timeLimit'), dataIndex: 'timeLimitSeconds', width: 110, render: (s: number) => t('quiz.timeLimitValue', { n: Math.round(s / 60) }) },
    { title: t('quiz.policy'), dataIndex: 'attemptPolicy', width: 170, render: (p: QuizSummary['attemptPolicy']) => (p === 'once' ? t('quiz.policyOnce') : t('quiz.policyBest')) },
    { title: t('quiz.participants'), key: 'participants', width: 110, render: (_v, q) => t('quiz.participantsValue', { all: q.participantCount, passed: q.passedCount }) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 130,
      render: (_v, q) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(q.id)} data-testid="quiz-edit-open">
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setResults(q)} data-testid="quiz-results-open">
            {t('quiz.results')}
          </Button>
        </Space>
      ),
    },
  ];

  const items = list.data?.items ?? [];
  return (
    <div data-testid="quiz-list-page">
      <PageHeader
        title={t('nav.quizzes')}
        description={t('quiz.description')}
        extra={
          <Space>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="quiz-create">
              {t('quiz.create')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Table<QuizSummary>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1300 }}
          size="middle"
          data-testid="quiz-table"
          locale={{ emptyText: <TableEmpty text={t('quiz.empty')} hint={t('quiz.emptyHint')} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={items.length} testId="quiz-pager" />
      </Card>
      <QuizEditorDrawer
        open={creating || editing !== null}
        quizId={creating ? null : editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <QuizResultsDrawer quiz={results} onClose={() => setResults(null)} />
    </div>
  );
}
