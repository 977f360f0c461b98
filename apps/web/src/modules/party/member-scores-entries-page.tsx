import { useState } from 'react';
import { App, Button, Card, Input, Modal, Select, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SCORE_ENTRY_STATUSES, type ScoreEntry, type ScoreEntryStatus } from '@gridwork/contracts';
import { memberScoresApi } from '../../api/member-scores-endpoints';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { useSession } from '../../shared/session';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { MemberScoreEntryModal } from './member-scores-entry-modal';
import { dimensionKey, formatScoreDate, ScoreStatusTag, signedPoints, statusKey } from './member-scores-shared';
import { PartyOrgTreeSelect } from './party-org-pickers';

type Decision = 'approve' | 'reject';

/** 积分录入与审核: enter manual points with a reason; approve or reject others' entries (never one's own). */
export function MemberScoresEntriesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<'queue' | 'all'>('queue');
  const [status, setStatus] = useState<ScoreEntryStatus | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [entering, setEntering] = useState(false);
  const [deciding, setDeciding] = useState<{ entry: ScoreEntry; decision: Decision } | null>(null);
  const [note, setNote] = useState('');
  const pager = useCursorPager(20);
  const mayApprove = can('member-score.approve');

  const query = tab === 'queue' ? { status: 'pending' as const, manual: true, limit: pager.limit, cursor: pager.cursor } : { status, orgId, limit: pager.limit, cursor: pager.cursor };
  const entries = useQuery({ queryKey: ['member-scores', 'entries', query], queryFn: () => memberScoresApi.entries(query), placeholderData: keepPreviousData });

  const decide = useMutation({
    mutationFn: ({ entry, decision }: { entry: ScoreEntry; decision: Decision }) => (decision === 'approve' ? memberScoresApi.approve(entry.id, note.trim() || undefined) : memberScoresApi.reject(entry.id, note.trim() || undefined)),
    onSuccess: async (_, { decision }) => {
      void message.success(t(decision === 'approve' ? 'ms.approved' : 'ms.rejected'));
      setDeciding(null);
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['member-scores'] });
    },
  });

  const decisionButton = (entry: ScoreEntry, decision: Decision) => {
    const button = (
      <Button size="small" type={decision === 'approve' ? 'primary' : 'default'} danger={decision === 'reject'} disabled={entry.enteredByMe} onClick={() => setDeciding({ entry, decision })} data-testid={`member-score-${decision}`}>
        {t(decision === 'approve' ? 'ms.approve' : 'ms.reject')}
      </Button>
    );
    // A disabled button swallows pointer events: the wrapper shows why.
    return entry.enteredByMe ? (
      <Tooltip title={t('ms.ownEntry')} key={decision}>
        <span>{button}</span>
      </Tooltip>
    ) : (
      <span key={decision}>{button}</span>
    );
  };

  const columns: TableColumnsType<ScoreEntry> = [
    { title: t('ms.member'), dataIndex: 'memberName', width: 90 },
    { title: t('ms.item'), dataIndex: 'itemName', width: 200, render: (name: string, e) => <Space orientation="vertical" size={0}><span>{name}</span><Typography.Text type="secondary">{t(dimensionKey(e.dimension))}</Typography.Text></Space> },
    { title: t('ms.points'), dataIndex: 'points', width: 80, align: 'right', render: (p: number) => <strong>{signedPoints(p)}</strong> },
    { title: t('ms.source'), dataIndex: 'sourceLabel' },
    { title: t('ms.occurredAt'), dataIndex: 'occurredAt', width: 110, render: (v: string) => formatScoreDate(v) },
    { title: t('ms.enteredBy'), dataIndex: 'enteredBy', width: 120, render: (p: ScoreEntry['enteredBy']) => p?.name ?? <Typography.Text type="secondary">{t('ms.system')}</Typography.Text> },
    { title: t('ms.status'), dataIndex: 'status', width: 90, render: (s: ScoreEntryStatus) => <ScoreStatusTag status={s} /> },
    { title: t('ms.approvedBy'), dataIndex: 'approvedBy', width: 120, render: (p: ScoreEntry['approvedBy']) => p?.name ?? '—' },
    ...(mayApprove
      ? [{ title: '', key: 'actions', width: 150, render: (_: unknown, e: ScoreEntry) => (e.status === 'pending' ? <Space>{[decisionButton(e, 'approve'), decisionButton(e, 'reject')]}</Space> : null) }]
      : []),
  ];

  return (
    <div data-testid="member-score-entries-page">
      <PageHeader
        title={t('nav.scoreEntries')}
        description={t('ms.entriesDescription')}
        extra={
          can('member-score.enter') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)} data-testid="member-score-enter">
              {t('ms.enter')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setTab(key as 'queue' | 'all');
            pager.reset();
          }}
          items={[
            { key: 'queue', label: t('ms.tabQueue') },
            { key: 'all', label: t('ms.tabAll') },
          ]}
        />
        {tab === 'all' ? (
          <Space wrap style={{ marginBottom: 12 }}>
            <span>{t('ms.org')}</span>
            <PartyOrgTreeSelect
              value={orgId}
              onChange={(id) => {
                setOrgId(id);
                pager.reset();
              }}
              placeholder={t('ms.orgAll')}
              width={280}
              testId="member-score-entries-org"
            />
            <span>{t('ms.filterStatus')}</span>
            <Select<ScoreEntryStatus>
              allowClear
              value={status}
              onChange={(v) => {
                setStatus(v);
                pager.reset();
              }}
              style={{ width: 120 }}
              options={SCORE_ENTRY_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
              data-testid="member-score-entries-status"
            />
          </Space>
        ) : null}
        <Table<ScoreEntry>
          rowKey="id"
          size="middle"
          loading={entries.isFetching}
          columns={columns}
          dataSource={entries.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1150 }}
          locale={{ emptyText: tab === 'queue' ? <TableEmpty text={t('ms.queueEmpty')} hint={t('ms.queueEmptyHint')} /> : <TableEmpty text={t('ms.allEmpty')} /> }}
          data-testid="member-score-entries-table"
        />
        <CursorPager pager={pager} nextCursor={entries.data?.nextCursor} count={entries.data?.items.length ?? 0} testId="member-score-entries-pager" />
      </Card>
      <MemberScoreEntryModal open={entering} onClose={() => setEntering(false)} />
      <Modal
        open={deciding !== null}
        title={deciding ? t(deciding.decision === 'approve' ? 'ms.approve' : 'ms.reject') : ''}
        onCancel={() => setDeciding(null)}
        onOk={() => deciding && decide.mutate(deciding)}
        okButtonProps={{ danger: deciding?.decision === 'reject' }}
        confirmLoading={decide.isPending}
        destroyOnHidden
        data-testid="member-score-decision-modal"
      >
        {deciding ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{deciding.decision === 'approve' ? t('ms.approveConfirm', { name: deciding.entry.memberName }) : t('ms.rejectConfirm')}</Typography.Text>
            <Typography.Text type="secondary">
              {deciding.entry.memberName} · {deciding.entry.itemName} {signedPoints(deciding.entry.points)} · {deciding.entry.reason}
            </Typography.Text>
            <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('ms.decisionNote')} data-testid="member-score-decision-note" />
          </Space>
        ) : null}
      </Modal>
    </div>
  );
}
