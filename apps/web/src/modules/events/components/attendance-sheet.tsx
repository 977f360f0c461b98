import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, ClockCircleOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { AttendanceSheetRow, AttendanceStatus, Event, SignupStatus } from '../../../api/service-types';
import { useI18n, type MessageKey } from '../../../i18n';
import { newIdempotencyKey } from '../../../api/requests-endpoints';
import { ResidentSelect } from '../../volunteers/components/resident-select';
import { useAttendanceAction, useAttendanceSheet, useSignupActions, type AttendanceAction } from '../queries';
import { RefreshButton } from '../../../admin/components/refresh-button';

const ATTENDANCE_KEYS: Record<AttendanceStatus, MessageKey> = {
  checked_in: 'svc.attendance.checkedIn',
  checked_out: 'svc.attendance.checkedOut',
  confirmed: 'svc.attendance.confirmed',
};
const ATTENDANCE_COLORS: Record<AttendanceStatus, string> = { checked_in: 'processing', checked_out: 'warning', confirmed: 'success' };
const SIGNUP_KEYS: Record<SignupStatus, MessageKey> = { confirmed: 'svc.signup.confirmed', waitlisted: 'svc.signup.waitlisted', cancelled: 'svc.signup.cancelled' };

/** Records a check-in or check-out at a given time (when the organiser fills the sheet in afterwards). */
function AtTimeDialog({
  row,
  action,
  event,
  submitting,
  onCancel,
  onSubmit,
}: {
  row: AttendanceSheetRow;
  action: 'check-in' | 'check-out';
  event: Event;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (at: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ at: Dayjs }>();
  const initial = dayjs().isAfter(event.endsAt) ? dayjs(action === 'check-in' ? event.startsAt : event.endsAt) : dayjs();
  return (
    <Modal
      open
      title={t(action === 'check-in' ? 'svc.checkInAtTitle' : 'svc.checkOutAtTitle', { name: row.residentName })}
      okText={t(action === 'check-in' ? 'svc.checkIn' : 'svc.checkOut')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'attendance-at-submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<{ at: Dayjs }> form={form} layout="vertical" clearOnDestroy initialValues={{ at: initial }} onFinish={(v) => onSubmit(v.at.second(0).millisecond(0).format())}>
          {dom}
        </Form>
      )}
    >
      <Form.Item name="at" label={t('svc.attendanceAt')} extra={t('svc.attendanceAtHelp')} rules={[{ required: true, message: t('svc.attendanceAtRequired') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="attendance-at" />
      </Form.Item>
    </Modal>
  );
}

/** 签到表: every sign-up with its attendance; the organiser checks people in and out by hand and confirms the hours (points are posted). */
export function AttendanceSheet({ event }: { event: Event }) {
  const { t, formatDateTime } = useI18n();
  const { message, modal } = App.useApp();
  const sheet = useAttendanceSheet(event.id, event.canManage);
  const act = useAttendanceAction(event.id);
  const { signup, cancel } = useSignupActions(event.id);
  const [adding, setAdding] = useState<string | undefined>();
  const [addKey, setAddKey] = useState(newIdempotencyKey);
  const [atTime, setAtTime] = useState<{ row: AttendanceSheetRow; action: 'check-in' | 'check-out' } | null>(null);
  const [confirmingAll, setConfirmingAll] = useState(false);

  const rows = sheet.data?.rows ?? [];
  const attending = rows.filter((r) => r.signupStatus === 'confirmed' || r.attendance !== null);
  const waiting = rows.filter((r) => r.signupStatus === 'waitlisted').sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const cancelled = rows.filter((r) => r.signupStatus === 'cancelled' && r.attendance === null).length;
  const toConfirm = attending.filter((r) => r.attendance?.status === 'checked_out');

  const run = (row: AttendanceSheetRow, action: AttendanceAction, at?: string) =>
    act.mutateAsync({ action, residentId: row.residentId, attendanceId: row.attendance?.id, at }).then((a) => {
      const key: MessageKey = action === 'check-in' ? 'svc.checkedInDone' : action === 'check-out' ? 'svc.checkedOutDone' : 'svc.confirmedDone';
      void message.success(t(key, { name: row.residentName, hours: a.hours ?? 0, points: a.points ?? 0 }));
    });

  const confirmOne = (row: AttendanceSheetRow) =>
    modal.confirm({
      title: t('svc.confirmTitle', { name: row.residentName }),
      content: t('svc.confirmDetail', { hours: row.attendance?.hours ?? 0, points: row.attendance?.points ?? 0 }),
      okText: t('svc.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'attendance-confirm-ok' },
      onOk: () => run(row, 'confirm').catch(() => undefined),
    });

  const confirmAll = () =>
    modal.confirm({
      title: t('svc.confirmAllTitle', { n: toConfirm.length }),
      content: t('svc.confirmAllDetail', {
        hours: toConfirm.reduce((s, r) => s + (r.attendance?.hours ?? 0), 0),
        points: toConfirm.reduce((s, r) => s + (r.attendance?.points ?? 0), 0),
      }),
      okText: t('svc.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'attendance-confirm-all-ok' },
      onOk: async () => {
        setConfirmingAll(true);
        let done = 0;
        try {
          // One at a time: each confirmation is its own ledger transaction; a failure stops the run and is reported.
          for (const row of toConfirm) {
            await act.mutateAsync({ action: 'confirm', residentId: row.residentId, attendanceId: row.attendance?.id });
            done += 1;
          }
          void message.success(t('svc.confirmAllDone', { n: done }));
        } catch {
          // reported by the mutation cache
        } finally {
          setConfirmingAll(false);
        }
      },
    });

  const cancelSignup = (row: AttendanceSheetRow) =>
    modal.confirm({
      title: t('svc.cancelSignupTitle', { name: row.residentName }),
      content: row.signupStatus === 'confirmed' ? t('svc.cancelSignupDetail') : undefined,
      okText: t('svc.cancelSignup'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'signup-cancel-ok' },
      onOk: () => cancel.mutateAsync(row.signupId).catch(() => undefined),
    });

  const addSignup = () => {
    if (!adding) return;
    signup.mutate(
      { residentId: adding, key: addKey },
      {
        onSuccess: (s) => {
          void message.success(s.status === 'waitlisted' ? t('svc.signupWaitlisted', { name: s.residentName, position: s.position ?? 0 }) : t('svc.signupDone', { name: s.residentName }));
          setAdding(undefined);
          setAddKey(newIdempotencyKey());
        },
      },
    );
  };

  const busy = act.isPending || confirmingAll;
  const columns: TableColumnsType<AttendanceSheetRow> = [
    { title: t('svc.name'), dataIndex: 'residentName', width: 110, fixed: 'left' },
    {
      title: t('svc.attendanceStatus'),
      key: 'status',
      width: 100,
      render: (_v, r) =>
        r.attendance ? (
          <Tag color={ATTENDANCE_COLORS[r.attendance.status]}>{t(ATTENDANCE_KEYS[r.attendance.status])}</Tag>
        ) : r.signupStatus === 'cancelled' ? (
          <Tag>{t(SIGNUP_KEYS.cancelled)}</Tag>
        ) : (
          <Tag className="gw-svc-muted">{t('svc.attendance.none')}</Tag>
        ),
    },
    { title: t('svc.checkInAt'), key: 'in', width: 150, render: (_v, r) => formatDateTime(r.attendance?.checkInAt) },
    { title: t('svc.checkOutAt'), key: 'out', width: 150, render: (_v, r) => formatDateTime(r.attendance?.checkOutAt) },
    { title: t('svc.hoursShort'), key: 'hours', width: 80, align: 'right', render: (_v, r) => <span className="gw-svc-num">{r.attendance?.hours ?? '—'}</span> },
    {
      title: t('svc.points'),
      key: 'points',
      width: 80,
      align: 'right',
      render: (_v, r) => (r.attendance?.points === null || r.attendance?.points === undefined ? '—' : <span className={r.attendance.status === 'confirmed' ? 'gw-svc-plus' : 'gw-svc-num'}>{r.attendance.points}</span>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 220,
      render: (_v, r) => {
        const a = r.attendance;
        if (!a && r.signupStatus !== 'confirmed') return null;
        if (!a)
          return (
            <Space size={4}>
              <Button size="small" type="primary" disabled={busy} onClick={() => void run(r, 'check-in').catch(() => undefined)} data-testid="attendance-check-in">
                {t('svc.checkIn')}
              </Button>
              <Tooltip title={t('svc.atTime')}>
                <Button size="small" icon={<ClockCircleOutlined />} aria-label={t('svc.atTime')} disabled={busy} onClick={() => setAtTime({ row: r, action: 'check-in' })} data-testid="attendance-check-in-at" />
              </Tooltip>
              <Button size="small" type="link" danger onClick={() => cancelSignup(r)} data-testid="signup-cancel">
                {t('svc.cancelSignup')}
              </Button>
            </Space>
          );
        if (a.status === 'checked_in')
          return (
            <Space size={4}>
              <Button size="small" type="primary" ghost disabled={busy} onClick={() => void run(r, 'check-out').catch(() => undefined)} data-testid="attendance-check-out">
                {t('svc.checkOut')}
              </Button>
              <Tooltip title={t('svc.atTime')}>
                <Button size="small" icon={<ClockCircleOutlined />} aria-label={t('svc.atTime')} disabled={busy} onClick={() => setAtTime({ row: r, action: 'check-out' })} data-testid="attendance-check-out-at" />
              </Tooltip>
            </Space>
          );
        if (a.status === 'checked_out')
          return (
            <Button size="small" type="primary" icon={<CheckOutlined />} disabled={busy} onClick={() => confirmOne(r)} data-testid="attendance-confirm">
              {t('svc.confirmHours')}
            </Button>
          );
        return <Typography.Text type="secondary">{t('svc.confirmedAt', { time: formatDateTime(a.confirmedAt) })}</Typography.Text>;
      },
    },
  ];

  const waitColumns: TableColumnsType<AttendanceSheetRow> = [
    { title: t('svc.waitPosition'), dataIndex: 'position', width: 80, render: (p: number | null) => (p === null ? '—' : `#${p}`) },
    { title: t('svc.name'), dataIndex: 'residentName' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_v, r) => (
        <Button size="small" type="link" danger onClick={() => cancelSignup(r)} data-testid="waitlist-cancel">
          {t('svc.cancelSignup')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Card
        title={t('svc.sheetTitle', { n: attending.length, capacity: event.capacity })}
        className="gw-svc-gap"
        data-testid="event-attendance-sheet"
        extra={
          <Space wrap>
            {toConfirm.length > 0 ? (
              <Button type="primary" icon={<CheckOutlined />} loading={confirmingAll} onClick={confirmAll} data-testid="attendance-confirm-all">
                {t('svc.confirmAll', { n: toConfirm.length })}
              </Button>
            ) : null}
            <RefreshButton onRefresh={() => void sheet.refetch()} />
          </Space>
        }
      >
        {event.status === 'published' || event.status === 'finished' ? (
          <Space.Compact style={{ marginBottom: 16, maxWidth: 480, width: '100%' }}>
            <ResidentSelect value={adding} onChange={(v) => setAdding(v)} placeholder={t('svc.signupSomeone')} data-testid="signup-add-resident" />
            <Button icon={<UserAddOutlined />} disabled={!adding} loading={signup.isPending} onClick={addSignup} data-testid="signup-add">
              {t('svc.signupAdd')}
            </Button>
          </Space.Compact>
        ) : null}
        <Table<AttendanceSheetRow>
          rowKey="signupId"
          columns={columns}
          dataSource={attending}
          loading={sheet.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          size="middle"
          data-testid="attendance-table"
          onRow={(r) => ({ 'data-testid': 'attendance-row', 'data-name': r.residentName }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svc.sheetEmpty')} /> }}
        />
        {cancelled > 0 ? (
          <Typography.Text type="secondary" className="gw-svc-gap" style={{ display: 'block' }}>
            {t('svc.cancelledCount', { n: cancelled })}
          </Typography.Text>
        ) : null}
      </Card>
      <Card title={t('svc.waitlistTitle', { n: waiting.length })} className="gw-svc-gap" data-testid="event-waitlist">
        <Table<AttendanceSheetRow>
          rowKey="signupId"
          columns={waitColumns}
          dataSource={waiting}
          pagination={false}
          size="small"
          data-testid="waitlist-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svc.waitlistEmpty')} /> }}
        />
      </Card>
      {atTime ? (
        <AtTimeDialog
          row={atTime.row}
          action={atTime.action}
          event={event}
          submitting={act.isPending}
          onCancel={() => setAtTime(null)}
          onSubmit={(at) =>
            void run(atTime.row, atTime.action, at)
              .then(() => setAtTime(null))
              .catch(() => undefined)
          }
        />
      ) : null}
    </>
  );
}
