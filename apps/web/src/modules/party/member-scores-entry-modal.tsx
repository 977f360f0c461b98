import { useMemo, useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { CreateScoreEntry } from '@gridwork/contracts';
import { partyMembersApi } from '../../api/party-members-endpoints';
import { memberScoresApi } from '../../api/member-scores-endpoints';
import { useI18n } from '../../i18n';
import { dimensionKey, signedPoints } from './member-scores-shared';

interface Values {
  memberId: string;
  itemId: string;
  points?: number | null;
  reason: string;
  occurredOn: Dayjs;
}

/** 人工录入积分: member, item, points (the item's by default), a required reason and the date. */
export function MemberScoreEntryModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const members = useQuery({ queryKey: ['member-scores', 'member-search', search], queryFn: () => partyMembersApi.list({ q: search || undefined, limit: 20 }), enabled: open });
  const items = useQuery({ queryKey: ['member-scores', 'items'], queryFn: () => memberScoresApi.items(), enabled: open });
  const itemOptions = useMemo(
    () => (items.data ?? []).filter((i) => i.active).map((i) => ({ value: i.id, label: `${i.name}（${t(dimensionKey(i.dimension))} ${signedPoints(i.points)}）` })),
    [items.data, t],
  );
  const save = useMutation({
    mutationFn: (body: CreateScoreEntry) => memberScoresApi.enter(body),
    onSuccess: async () => {
      void message.success(t('ms.entered'));
      await queryClient.invalidateQueries({ queryKey: ['member-scores'] });
      form.resetFields();
      onClose();
    },
  });

  const submit = (v: Values) =>
    save.mutate({ memberId: v.memberId, itemId: v.itemId, reason: v.reason.trim(), occurredOn: v.occurredOn.format('YYYY-MM-DD'), ...(typeof v.points === 'number' ? { points: v.points } : {}) });

  return (
    <Modal open={open} title={t('ms.enterTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden data-testid="member-score-entry-modal">
      <Form<Values> form={form} layout="vertical" initialValues={{ occurredOn: dayjs() }} onFinish={submit} preserve={false}>
        <Form.Item name="memberId" label={t('ms.member')} rules={[{ required: true, message: t('ms.memberRequired') }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder={t('ms.memberPlaceholder')}
            loading={members.isFetching}
            options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.orgName ? `${m.name}（${m.orgName}）` : m.name }))}
            data-testid="member-score-entry-member"
          />
        </Form.Item>
        <Form.Item name="itemId" label={t('ms.item')} rules={[{ required: true, message: t('ms.itemRequired') }]}>
          <Select showSearch optionFilterProp="label" placeholder={t('ms.itemPlaceholder')} options={itemOptions} data-testid="member-score-entry-item" />
        </Form.Item>
        <Form.Item name="points" label={t('ms.points')} extra={t('ms.pointsHint')}>
          <InputNumber step={0.5} precision={1} min={-1000} max={1000} style={{ width: 160 }} data-testid="member-score-entry-points" />
        </Form.Item>
        <Form.Item name="reason" label={t('ms.reason')} rules={[{ required: true, whitespace: true, message: t('ms.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('ms.reasonPlaceholder')} data-testid="member-score-entry-reason" />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('ms.occurredAt')} rules={[{ required: true, message: t('ms.dateRequired') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="member-score-entry-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
