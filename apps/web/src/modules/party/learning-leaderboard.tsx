import { useState } from 'react';
import { DatePicker, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { LeaderboardEntry } from '@gridwork/contracts';
import { learningApi } from '../../api/learning-endpoints';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { LEARNING_KEY } from './learning-material-form-modal';
import { PartyOrgSelect } from './party-org-pickers';

const MEDALS = ['gold', 'default', 'orange'] as const;

/** 学习之星: study points per member of an org (with its sub-orgs) in a period, ranked. */
export function LearningLeaderboard() {
  const { t } = useI18n();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const params = { orgId, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), limit: 100 };
  const board = useQuery({ queryKey: [...LEARNING_KEY, 'leaderboard', params], queryFn: () => learningApi.leaderboard(params), enabled: Boolean(orgId), placeholderData: keepPreviousData });

  const columns: TableColumnsType<LeaderboardEntry> = [
    {
      title: t('learning.rank'),
      dataIndex: 'rank',
      width: 80,
      render: (rank: number) =>
        rank <= 3 ? (
          <Tag color={MEDALS[rank - 1]} icon={<TrophyOutlined />}>
            {rank}
          </Tag>
        ) : (
          rank
        ),
    },
    { title: t('learning.member'), dataIndex: 'name', width: 140 },
    { title: t('learning.org'), dataIndex: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('learning.points'), dataIndex: 'points', width: 110 },
    { title: t('learning.studies'), dataIndex: 'studies', width: 120 },
    { title: t('learning.quizzesPassed'), dataIndex: 'quizzesPassed', width: 120 },
  ];

  return (
    <div data-testid="learning-leaderboard">
      <Space wrap style={{ marginBottom: 16 }}>
        <PartyOrgSelect value={orgId} onChange={(v) => setOrgId(typeof v === 'string' ? v : undefined)} placeholder={t('learning.leaderboardOrg')} width={280} testId="learning-leaderboard-org" />
        <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v)} style={{ width: 260 }} />
      </Space>
      <Table<LeaderboardEntry>
        rowKey="memberId"
        columns={columns}
        dataSource={orgId ? (board.data?.entries ?? []) : []}
        loading={board.isFetching}
        pagination={false}
        size="middle"
        locale={{ emptyText: <TableEmpty text={orgId ? t('learning.leaderboardEmpty') : t('learning.leaderboardPick')} /> }}
      />
    </div>
  );
}
