import './org-life.css';
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { MEMBER_POSITIONS, SESSION_ATTENDANCE_STATUSES, type OrgLifeSessionDetail, type SessionAttendanceStatus, type SessionAttendee } from '@gridwork/contracts';
import { orgLifeApi } from '../../api/org-life-endpoints';
import { TableEmpty } from '../../admin/components/table-empty';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { chinaDay } from '../../shared/china-day';
import { orgLifeLabels } from './org-life-labels';
import { ORG_LIFE_KEY } from './org-life-session-form-modal';

interface Row {
  status: SessionAttendanceStatus | null;
  note: string;
}

const POSITION_LABELS: Readonly<Record<(typeof MEMBER_POSITIONS)[number], { 'zh-CN': string; 'en-US': string }>> = {
  secretary: { 'zh-CN': '书记', 'en-US': 'Secretary' },
  deputy_secretary: { 'zh-CN': '副书记', 'en-US': 'Deputy secretary' },
  committee_member: { 'zh-CN': '委员', 'en-US': 'Committee member' },
  group_leader: { 'zh-CN': '党小组长', 'en-US': 'Group leader' },
};

function MakeUpModal({ session, attendee, onClose }: { session: OrgLifeSessionDetail; attendee: SessionAttendee | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ studiedOn: Dayjs; note?: string }>();
  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: { studiedOn: Dayjs; note?: string }) => orgLifeApi.addMakeUp(session.id, { memberId: attendee!.memberId, studiedOn: v.studiedOn.format('YYYY-MM-DD'), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...ORG_LIFE_KEY, 'detail', session.id], saved);
      await queryClient.invalidateQueries({ queryKey: [...ORG_LIFE_KEY, 'list'] });
      void message.success(t('orgLife.makeUpSaved'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  // The server checks China days: offer those, whatever the browser's time zone.
  const sessionDay = dayjs(chinaDay(new Date(session.startsAt)));
  const today = dayjs(chinaDay());
  return (
    <Modal open={attendee !== null} title={`${t('orgLife.makeUpRecord')} · ${attendee?.name ?? ''}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ studiedOn: today }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="studiedOn" label={t('orgLife.makeUpDate')} rules={[{ required: true, message: t('orgLife.required') }]}>
          <DatePicker disabledDate={(d) => d.isBefore(sessionDay, 'day') || d.isAfter(today, 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('orgLife.makeUpNote')}>
          <Input.TextArea rows={3} maxLength={1000} placeholder={t('orgLife.makeUpNotePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 出席登记: one row per required attendee, a present / excused / absent switch each, saved as a whole sheet. */
export function OrgLifeAttendanceSheet({ session, canWrite }: { session: OrgLifeSessionDetail; canWrite: boolean }) {
  const { t, locale } = useI18n();
  const labels = orgLifeLabels(locale);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const initial = useMemo(() => new Map(session.attendees.map((a) => [a.memberId, { status: a.status, note: a.note ?? '' }])), [session.attendees]);
  const [rows, setRows] = useState<Map<string, Row>>(initial);
  const [makeUpFor, setMakeUpFor] = useState<SessionAttendee | null>(null);
  useEffect(() => setRows(initial), [initial]);

  const started = new Date(session.startsAt).getTime() <= Date.now();
  const editable = canWrite && started && session.status !== 'cancelled';
  const dirty = [...rows].some(([id, r]) => initial.get(id)?.status !== r.status || (initial.get(id)?.note ?? '') !== r.note);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: () =>
      orgLifeApi.recordAttendance(session.id, {
        entries: [...rows].flatMap(([memberId, r]) => (r.status ? [{ memberId, status: r.status, ...(r.note.trim() ? { note: r.note.trim() } : {}) }] : [])),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...ORG_LIFE_KEY, 'detail', session.id], saved);
      await queryClient.invalidateQueries({ queryKey: [...ORG_LIFE_KEY, 'list'] });
      void message.success(t('orgLife.sheetSaved'));
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const update = (memberId: string, change: Partial<Row>) => setRows((current) => new Map(current).set(memberId, { ...(current.get(memberId) ?? { status: null, note: '' }), ...change }));

  const columns: TableColumnsType<SessionAttendee> = [
    { title: t('orgLife.memberName'), dataIndex: 'name', width: 120 },
    { title: t('orgLife.position'), dataIndex: 'position', width: 100, render: (p: SessionAttendee['position']) => (p ? POSITION_LABELS[p][locale] : '—') },
    { title: t('orgLife.memberOrg'), dataIndex: 'orgName', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('orgLife.attendance'),
      key: 'status',
      width: 220,
      render: (_v, a) => {
        const status = rows.get(a.memberId)?.status ?? null;
        return editable ? (
          <Segmented<SessionAttendanceStatus | ''>
            size="small"
            className={status ? `gw-attendance-${status}` : undefined}
            // '' matches no option, so an unrecorded member shows no choice (undefined would show the first).
            value={status ?? ''}
            options={SESSION_ATTENDANCE_STATUSES.map((s) => ({ value: s, label: labels.attendance(s) }))}
            onChange={(value) => update(a.memberId, { status: value || null })}
            data-testid="org-life-attendance-status"
          />
        ) : (
          <Typography.Text type={status ? undefined : 'secondary'}>{status ? labels.attendance(status) : t('orgLife.notRecorded')}</Typography.Text>
        );
      },
    },
    {
      title: t('orgLife.note'),
      key: 'note',
      width: 200,
      render: (_v, a) =>
        editable ? (
          <Input size="small" maxLength={500} placeholder={t('orgLife.notePlaceholder')} value={rows.get(a.memberId)?.note ?? ''} onChange={(e) => update(a.memberId, { note: e.target.value })} />
        ) : (
          (a.note ?? '—')
        ),
    },
    {
      title: t('orgLife.makeUp'),
      key: 'makeUp',
      width: 150,
      render: (_v, a) => {
        if (a.makeUp) return <Typography.Text type="success">{t('orgLife.makeUpDone', { date: a.makeUp.studiedOn })}</Typography.Text>;
        if (a.status !== 'absent' && a.status !== 'excused') return null;
        return canWrite && session.status !== 'cancelled' ? (
          <Button size="small" type="link" disabled={dirty} title={dirty ? t('orgLife.makeUpUnsaved') : undefined} onClick={() => setMakeUpFor(a)} data-testid="org-life-make-up">
            {t('orgLife.makeUpRecord')}
          </Button>
        ) : null;
      },
    },
  ];

  return (
    <Card
      title={t('orgLife.sheet')}
      extra={
        editable ? (
          <Space>
            <Button onClick={() => setRows((current) => new Map([...current].map(([id, r]) => [id, r.status ? r : { ...r, status: 'present' }])))} data-testid="org-life-all-present">
              {t('orgLife.restPresent')}
            </Button>
            <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="org-life-save-sheet">
              {t('orgLife.saveSheet')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {session.status === 'cancelled' ? <Alert type="warning" showIcon title={t('orgLife.sheetCancelled')} /> : !started ? <Alert type="info" showIcon title={t('orgLife.sheetFuture')} /> : editable ? <Typography.Text type="secondary">{t('orgLife.sheetHint')}</Typography.Text> : null}
        <Table<SessionAttendee>
          rowKey="memberId"
          columns={columns}
          dataSource={session.attendees}
          pagination={false}
          size="small"
          scroll={{ x: 900 }}
          data-testid="org-life-sheet"
          locale={{ emptyText: <TableEmpty text={t('common.noData')} /> }}
        />
      </Space>
      <MakeUpModal session={session} attendee={makeUpFor} onClose={() => setMakeUpFor(null)} />
    </Card>
  );
}
