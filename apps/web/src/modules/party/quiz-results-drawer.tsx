import { Descriptions, Drawer, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { QuizAttemptRow, QuizSummary } from '@gridwork/contracts';
import { learningApi } from '../../api/learning-endpoints';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { QUIZ_KEY } from './quiz-editor-drawer';

/** 成绩: every attempt of a quiz by the members in the viewer's scope, newest first. */
export function QuizResultsDrawer({ quiz, onClose }: { quiz: QuizSummary | null; onClose: () => void }) {
  const { t, formatDateTime } = useI18n();
  const attempts = useQuery({ queryKey: [...QUIZ_KEY, 'attempts', quiz?.id], queryFn: () => learningApi.attempts(quiz!.id), enabled: quiz !== null });
  const columns: TableColumnsType<QuizAttemptRow> = [
    { title: t('learning.member'), dataIndex: 'memberName', width: 120 },
    { title: t('learning.org'), dataIndex: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('quiz.startedAt'), dataIndex: 'startedAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('quiz.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    { title: t('quiz.score'), dataIndex: 'score', width: 80, render: (v: number | null) => v ?? '—' },
    {
      title: t('quiz.status'),
      dataIndex: 'passed',
      width: 100,
      render: (passed: boolean | null) => (passed === null ? <Tag>{t('quiz.notSubmitted')}</Tag> : passed ? <Tag color="green">{t('quiz.passed')}</Tag> : <Tag color="red">{t('quiz.failed')}</Tag>),
    },
  ];
  return (
    <Drawer open={quiz !== null} onClose={onClose} size="large" title={quiz ? t('quiz.resultsTitle', { title: quiz.title }) : ''} data-testid="quiz-results">
      {quiz ? (
        <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('quiz.participants')}>{t('quiz.participantsValue', { all: quiz.participantCount, passed: quiz.passedCount })}</Descriptions.Item>
          <Descriptions.Item label={t('quiz.passScore')}>{`${quiz.passScore} / ${quiz.totalPoints}`}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Table<QuizAttemptRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={attempts.data?.items ?? []}
        loading={attempts.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <TableEmpty text={t('quiz.resultsEmpty')} /> }}
      />
    </Drawer>
  );
}
