import { useState } from 'react';
import { App, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HoursStatus, ServiceHoursEntry } from '@gridwork/contracts';
import { servicePostsApi } from '../../api/enrolments-endpoints';
import { useI18n } from '../../i18n';
import { CursorPager } from '../../admin/components/cursor-pager';
import { TableEmpty } from '../../admin/components/table-empty';
import { errorText } from '../../shared/feedback';
import { useCursorPager } from '../../shared/use-cursor-pager';
import { HOURS_STATUS_KEYS, SERVICE_POSTS_KEY, STATE_COLOURS } from './enrolments-labels';
import { ReasonModal } from './enrolments-reason-modal';
import { DecisionButtons } from './components/decision-buttons';

/** 服务时长确认: hours members logged, confirmed (scoring member points) or sent back with a reason. */
export function ServiceHoursTable() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<HoursStatus>('pending');
  const pager = useCursorPager(20);
  const [rejecting, setRejecting] = useState<ServiceHoursEntry | null>(null);
  const list = useQuery({ queryKey: [...SERVICE_POSTS_KEY, 'hours', status, pager.cursor, pager.limit], queryFn: () => servicePostsApi.hours({ status, cursor: pager.cursor, limit: pager.limit }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: SERVICE_POSTS_KEY });
  const confirm = useMutation({
    meta: { silent: true },
    mutationFn: (h: ServiceHoursEntry) => servicePostsApi.confirmHours(h.id),
    onSuccess: (h) => {
      void message.success(t('posts.hours.confirmed', { name: h.memberName, hours: h.hours, points: h.points }));
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const reject = useMutation({
    meta: { silent: true },
    mutationFn: ({ id, reason }: { id: string; reason: string }) => servicePostsApi.rejectHours(id, reason),
    onSuccess: () => {
      setRejecting(null);
      void message.success(t('posts.hours.rejected'));
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const columns: TableColumnsType<ServiceHoursEntry> = [
    { title: t('posts.member'), dataIndex: 'memberName', width: 100, render: (v: string) => <strong>{v}</strong> },
    { title: t('enrol.employer'), dataIndex: 'employer', render: (v: string | null) => v ?? t('posts.residentMember') },
    { title: t('posts.post'), dataIndex: 'postTitle' },
    { title: t('posts.place'), dataIndex: 'placeName', width: 120 },
    { title: t('posts.servedOn'), dataIndex: 'servedOn', width: 110 },
    { title: t('posts.hoursCol'), dataIndex: 'hours', width: 90, align: 'right' },
    { title: t('posts.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('enrol.state'),
      key: 'status',
      width: 160,
      render: (_, h) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATE_COLOURS[h.status]}>{t(HOURS_STATUS_KEYS[h.status])}</Tag>
          {h.status === 'confirmed' && h.points > 0 ? <Typography.Text type="success">{t('posts.pointsPlus', { points: h.points })}</Typography.Text> : null}
          {h.rejectReason ? <Typography.Text type="secondary">{t('enrol.reasonValue', { reason: h.rejectReason })}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, h) =>
        h.status === 'pending' ? (
          <DecisionButtons
            question={t('posts.hours.confirmQuestion', { name: h.memberName, hours: h.hours })}
            yes={t('posts.hours.confirm')}
            no={t('posts.hours.reject')}
            busy={confirm.isPending && confirm.variables?.id === h.id}
            onYes={() => confirm.mutate(h)}
            onNo={() => setRejecting(h)}
            testIds={[`hours-confirm-${h.id}`, `hours-reject-${h.id}`]}
          />
        ) : null,
    },
  ];

  return (
    <>
      <Segmented<HoursStatus>
        value={status}
        onChange={(v) => {
          setStatus(v);
          pager.reset();
        }}
        options={(['pending', 'confirmed', 'rejected'] as const).map((s) => ({ value: s, label: t(HOURS_STATUS_KEYS[s]) }))}
        style={{ marginBottom: 16 }}
      />
      <Table<ServiceHoursEntry>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: 1100 }}
        data-testid="hours-table"
        locale={{ emptyText: <TableEmpty text={t(status === 'pending' ? 'posts.hours.emptyPending' : 'posts.hours.empty')} /> }}
      />
      <CursorPager pager={pager} nextCursor={list.data?.nextCursor} count={list.data?.items.length ?? 0} />
      <ReasonModal
        open={rejecting !== null}
        title={t('posts.hours.rejectTitle', { name: rejecting?.memberName ?? '', date: rejecting?.servedOn ?? '' })}
        description={t('posts.hours.rejectDescription')}
        pending={reject.isPending}
        onSubmit={(reason) => rejecting && reject.mutate({ id: rejecting.id, reason })}
        onCancel={() => setRejecting(null)}
        testId="hours-reject"
      />
    </>
  );
}
