import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { orgLifeApi } from '../../api/org-life-endpoints';
import { PageHeader } from '../../admin/components/page-header';
import { PageLoading } from '../../admin/components/page-loading';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { useSession } from '../../shared/session';
import { OrgLifeAttendanceSheet } from './org-life-attendance-sheet';
import { orgLifeLabels, sessionTime, SESSION_STATUS_COLORS } from './org-life-labels';
import { OrgLifeMinutes, OrgLifePhotos } from './org-life-session-extras';
import { ORG_LIFE_KEY, OrgLifeSessionFormModal } from './org-life-session-form-modal';

/** One session: plan, attendance sheet with make-ups, minutes and photos; edit, mark held or cancel. */
export function OrgLifeSessionDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const labels = orgLifeLabels(locale);
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const detail = useQuery({ queryKey: [...ORG_LIFE_KEY, 'detail', id], queryFn: () => orgLifeApi.get(id), enabled: Boolean(id), meta: { silent: true } });

  const changeStatus = useMutation({
    meta: { silent: true },
    mutationFn: (change: { status: 'held' } | { status: 'cancelled'; cancelReason: string }) => orgLifeApi.update(id, change),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...ORG_LIFE_KEY, 'detail', id], saved);
      await queryClient.invalidateQueries({ queryKey: [...ORG_LIFE_KEY, 'list'] });
      setCancelling(false);
      void message.success(saved.status === 'cancelled' ? t('orgLife.cancelled') : t('orgLife.markedHeld'));
    },
    onError: (e) => void message.error(errorText(e)),
  });

  if (detail.isLoading) return <PageLoading />;
  if (!detail.data) {
    return <Result status="404" title={errorText(detail.error)} extra={<Button onClick={() => navigate('/party/sessions')}>{t('orgLife.back')}</Button>} />;
  }
  const session = detail.data;
  const canWrite = can('org-life.write');
  const planned = session.status === 'planned';
  const started = new Date(session.startsAt).getTime() <= Date.now();

  return (
    <div data-testid="org-life-detail-page">
      <PageHeader
        title={session.title}
        description={`${labels.type(session.type)} · ${session.orgName}`}
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/party/sessions')}>
              {t('orgLife.back')}
            </Button>
            {canWrite && planned ? (
              <>
                <Button onClick={() => setEditing(true)} data-testid="org-life-edit">
                  {t('orgLife.edit')}
                </Button>
                {started ? (
                  <Button loading={changeStatus.isPending} onClick={() => changeStatus.mutate({ status: 'held' })} data-testid="org-life-mark-held">
                    {t('orgLife.markHeld')}
                  </Button>
                ) : null}
                <Button danger onClick={() => setCancelling(true)} data-testid="org-life-cancel">
                  {t('orgLife.cancelSession')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label={t('orgLife.status')}>
              <Tag color={SESSION_STATUS_COLORS[session.status]}>{labels.status(session.status)}</Tag>
              {session.cancelReason ? t('orgLife.cancelledBecause', { reason: session.cancelReason }) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('orgLife.time')}>{sessionTime(session.startsAt, session.endsAt)}</Descriptions.Item>
            <Descriptions.Item label={t('orgLife.location')}>{session.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('orgLife.org')}>{session.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('orgLife.attendance')}>
              {t('orgLife.attendanceSummary', { all: session.attendeeCount, present: session.presentCount, excused: session.excusedCount, absent: session.absentCount })}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <OrgLifeAttendanceSheet session={session} canWrite={canWrite} />
        <OrgLifeMinutes session={session} canWrite={canWrite} />
        <OrgLifePhotos session={session} canWrite={canWrite && session.status !== 'cancelled'} />
      </Space>
      <OrgLifeSessionFormModal session={session} open={editing} onClose={() => setEditing(false)} onSaved={() => {
        setEditing(false);
        void message.success(t('orgLife.saved'));
      }} />
      <Modal
        open={cancelling}
        title={t('orgLife.cancelSession')}
        okText={t('orgLife.cancelSession')}
        okButtonProps={{ danger: true, 'data-testid': 'org-life-cancel-confirm' }}
        cancelText={t('common.cancel')}
        confirmLoading={changeStatus.isPending}
        onCancel={() => setCancelling(false)}
        onOk={() => reasonForm.submit()}
        destroyOnHidden
      >
        <p>{t('orgLife.cancelConfirm')}</p>
        <Form form={reasonForm} layout="vertical" onFinish={(v) => changeStatus.mutate({ status: 'cancelled', cancelReason: v.reason.trim() })}>
          <Form.Item name="reason" label={t('orgLife.cancelReason')} rules={[{ required: true, whitespace: true, message: t('orgLife.required') }]}>
            <Input maxLength={500} data-testid="org-life-cancel-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
