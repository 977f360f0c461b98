import { useEffect, useMemo, useState } from 'react';
import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { OrgLifeSessionDetail, OrgLifeSessionType } from '@gridwork/contracts';
import { orgLifeApi } from '../../api/org-life-endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { orgLifeLabels } from './org-life-labels';
import { PartyOrgSelect } from './party-org-pickers';
import { SESSION_ORG_TYPES } from './org-life-labels';

interface FormValues {
  type: OrgLifeSessionType;
  orgId: string;
  title: string;
  range: [Dayjs, Dayjs];
  location?: string;
  attendeeMemberIds?: string[];
}

export const ORG_LIFE_KEY = ['org-life'] as const;

/** 安排会议 (no session) or 修改计划 (a planned session): type, org, topic, time, place, required attendees. */
export function OrgLifeSessionFormModal({ session, open, onClose, onSaved }: { session?: OrgLifeSessionDetail; open: boolean; onClose: () => void; onSaved: (saved: OrgLifeSessionDetail) => void }) {
  const { t, locale } = useI18n();
  const labels = orgLifeLabels(locale);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const orgId = Form.useWatch('orgId', form) ?? session?.orgId;
  // One key per opened form, so a retried click never plans the session twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const members = useQuery({ queryKey: [...ORG_LIFE_KEY, 'members', orgId], queryFn: () => orgLifeApi.membersOf(orgId!), enabled: open && Boolean(orgId) });

  useEffect(() => {
    if (!open) return;
    setError(null);
    setIdempotencyKey(crypto.randomUUID());
    form.resetFields();
    if (session) {
      form.setFieldsValue({
        type: session.type,
        orgId: session.orgId,
        title: session.title,
        range: [dayjs(session.startsAt), dayjs(session.endsAt)],
        location: session.location ?? undefined,
        attendeeMemberIds: session.attendees.map((a) => a.memberId),
      });
    }
  }, [open, session, form]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: FormValues) => {
      const times = { startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString() };
      const attendees = v.attendeeMemberIds && v.attendeeMemberIds.length > 0 ? { attendeeMemberIds: v.attendeeMemberIds } : {};
      if (session) return orgLifeApi.update(session.id, { title: v.title, ...times, location: v.location?.trim() || null, ...attendees });
      return orgLifeApi.create({ type: v.type, orgId: v.orgId, title: v.title, ...times, ...(v.location?.trim() ? { location: v.location.trim() } : {}), ...attendees }, idempotencyKey);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ORG_LIFE_KEY });
      onSaved(saved);
    },
    onError: (e) => setError(errorText(e)),
  });

  const memberOptions = useMemo(() => (members.data ?? []).map((m) => ({ value: m.id, label: m.orgName ? `${m.name}（${m.orgName}）` : m.name })), [members.data]);
  const required = [{ required: true, message: t('orgLife.required') }];

  return (
    <Modal
      open={open}
      title={session ? t('orgLife.edit') : t('orgLife.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      width={640}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" name="org-life-session" onFinish={(v) => save.mutate(v)} data-testid="org-life-session-form">
        <Form.Item name="type" label={t('orgLife.type')} rules={required}>
          <Select options={labels.typeOptions} disabled={Boolean(session)} data-testid="org-life-form-type" />
        </Form.Item>
        <Form.Item name="orgId" label={t('orgLife.org')} rules={required}>
          {session ? <Select disabled options={[{ value: session.orgId, label: session.orgName }]} /> : <PartyOrgSelect types={SESSION_ORG_TYPES} testId="org-life-form-org" />}
        </Form.Item>
        <Form.Item name="title" label={t('orgLife.title')} rules={[...required, { max: 200 }]}>
          <Input maxLength={200} data-testid="org-life-form-title" />
        </Form.Item>
        <Form.Item name="range" label={t('orgLife.time')} rules={required}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="org-life-form-range" />
        </Form.Item>
        <Form.Item name="location" label={t('orgLife.location')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="attendeeMemberIds" label={t('orgLife.attendees')} extra={t('orgLife.attendeesDefault')}>
          <Select
            mode="multiple"
            allowClear
            loading={members.isLoading}
            disabled={!orgId}
            placeholder={orgId ? t('orgLife.attendeesPlaceholder') : t('orgLife.chooseOrgFirst')}
            options={memberOptions}
            optionFilterProp="label"
            data-testid="org-life-form-attendees"
          />
        </Form.Item>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}
