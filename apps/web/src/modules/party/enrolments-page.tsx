import { useState } from 'react';
import { App, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Enrolment, EnrolmentState } from '@gridwork/contracts';
import { enrolmentsApi } from '../../api/enrolments-endpoints';
import { useI18n } from '../../i18n';
import { CursorPager } from '../../admin/components/cursor-pager';
import { PageHeader } from '../../admin/components/page-header';
import { TableEmpty } from '../../admin/components/table-empty';
import { errorText } from '../../shared/feedback';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { ENROLMENTS_KEY, ENROLMENT_STATE_KEYS, STATE_COLOURS } from './enrolments-labels';
import { ReasonModal } from './enrolments-reason-modal';
import { DecisionButtons } from './components/decision-buttons';

const TABS: readonly EnrolmentState[] = ['pending', 'approved', 'rejected'];

/** 报到审核: the community's queue of in-service members' enrolments, approved or sent back with a reason. */
export function EnrolmentsPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<EnrolmentState>('pending');
  const pager = useCursorPager(20);
  const [rejecting, setRejecting] = useState<Enrolment | null>(null);
  const list = useQuery({ queryKey: [...ENROLMENTS_KEY, 'list', state, pager.cursor, pager.limit], queryFn: () => enrolmentsApi.list({ state, cursor: pager.cursor, limit: pager.limit }) });

  const done = (text: string) => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: ENROLMENTS_KEY });
  };
  const approve = useMutation({ meta: { silent: true }, mutationFn: (e: Enrolment) => enrolmentsApi.approve(e.id), onSuccess: (e) => done(t('enrol.approved', { name: e.name, points: e.points })), onError: (e) => void message.error(errorText(e)) });
  const reject = useMutation({
    meta: { silent: true },
    mutationFn: ({ id, reason }: { id: string; reason: string }) => enrolmentsApi.reject(id, reason),
    onSuccess: (e) => {
      setRejecting(null);
      done(t('enrol.rejected', { name: e.name }));
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const columns: TableColumnsType<Enrolment> = [
    { title: t('enrol.name'), dataIndex: 'name', width: 90, fixed: 'left', render: (name: string) => <strong>{name}</strong> },
    { title: t('enrol.community'), dataIndex: 'communityName', width: 120 },
    { title: t('enrol.employer'), dataIndex: 'employer', width: 160 },
    { title: t('enrol.homeOrg'), dataIndex: 'homeOrgName', width: 180 },
    {
      title: t('enrol.status'),
      key: 'status',
      width: 190,
      render: (_, e) => (e.status === 'full' ? t('enrol.status.fullSince', { date: e.fullOn ?? '—' }) : t('enrol.status.probationarySince', { date: e.probationaryOn ?? '—' })),
    },
    { title: t('enrol.phone'), dataIndex: 'phone', width: 120 },
    { title: t('enrol.submittedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('enrol.state'),
      key: 'state',
      width: 160,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATE_COLOURS[e.state]}>{t(ENROLMENT_STATE_KEYS[e.state])}</Tag>
          {e.rejectReason ? <Typography.Text type="secondary">{t('enrol.reasonValue', { reason: e.rejectReason })}</Typography.Text> : null}
          {e.state === 'approved' && e.points > 0 ? <Typography.Text type="secondary">{t('enrol.pointsValue', { points: e.points })}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, e) =>
        e.state === 'pending' ? (
          <DecisionButtons
            question={t('enrol.approve.confirm', { name: e.name })}
            hint={t('enrol.approve.hint')}
            yes={t('enrol.approve')}
            no={t('enrol.reject')}
            busy={approve.isPending && approve.variables?.id === e.id}
            onYes={() => approve.mutate(e)}
            onNo={() => setRejecting(e)}
            testIds={[`enrolment-approve-${e.id}`, `enrolment-reject-${e.id}`]}
          />
        ) : null,
    },
  ];

  return (
    <div data-testid="enrolments-page">
      <PageHeader title={t('nav.enrolments')} description={t('enrol.description')} />
      <Card>
        <Tabs
          activeKey={state}
          onChange={(key) => {
            setState(key as EnrolmentState);
            pager.reset();
          }}
          items={TABS.map((s) => ({ key: s, label: t(ENROLMENT_STATE_KEYS[s]) }))}
        />
        <Table<Enrolment>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          size="middle"
          scroll={{ x: 1330 }}
          data-testid="enrolments-table"
          locale={{ emptyText: <TableEmpty text={t(state === 'pending' ? 'enrol.empty.pending' : 'enrol.empty')} hint={state === 'pending' ? t('enrol.empty.hint') : undefined} /> }}
        />
        <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={list.data?.items.length ?? 0} />
      </Card>
      <ReasonModal
        open={rejecting !== null}
        title={t('enrol.reject.title', { name: rejecting?.name ?? '' })}
        description={t('enrol.reject.description')}
        pending={reject.isPending}
        onSubmit={(reason) => rejecting && reject.mutate({ id: rejecting.id, reason })}
        onCancel={() => setRejecting(null)}
        testId="enrolment-reject"
      />
    </div>
  );
}
