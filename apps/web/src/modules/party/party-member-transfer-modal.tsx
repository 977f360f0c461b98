import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { partyMembersApi, type PartyMember } from '../../api/party-members-endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { PARTY_MEMBERS_KEY } from './party-member-labels';
import { PartyOrgTreeSelect, usePartyOrgsInScope } from './party-org-pickers';

interface FormValues {
  kind: 'inside' | 'outside';
  toOrgId?: string;
  toOrgName?: string;
  transferredOn: Dayjs;
  reason: string;
}

/** 组织关系转接: to an org of the tree, or out of the system by name; asks for confirmation before it is done. */
export function PartyMemberTransferModal({ member, onClose }: { member: PartyMember; onClose: () => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const orgs = usePartyOrgsInScope();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'inside';
  const [error, setError] = useState<string | null>(null);

  const transfer = useMutation({
    meta: { silent: true },
    mutationFn: (v: FormValues) =>
      partyMembersApi.transfer(member.id, {
        ...(v.kind === 'inside' ? { toOrgId: v.toOrgId } : { toOrgName: v.toOrgName?.trim() }),
        transferredOn: v.transferredOn.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
      }),
    onSuccess: async () => {
      void message.success(t('pm.transferred', { name: member.name }));
      await queryClient.invalidateQueries({ queryKey: PARTY_MEMBERS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['party-orgs'] });
      onClose();
    },
    onError: (e) => setError(errorText(e)),
  });

  const confirm = (v: FormValues) => {
    const target = v.kind === 'inside' ? (orgs.data?.find((o) => o.id === v.toOrgId)?.name ?? '') : (v.toOrgName?.trim() ?? '');
    modal.confirm({
      title: t('pm.transferConfirmTitle'),
      content: t(v.kind === 'inside' ? 'pm.transferConfirmInside' : 'pm.transferConfirmOutside', { name: member.name, org: target }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => transfer.mutateAsync(v).catch(() => undefined),
    });
  };

  const required = [{ required: true, message: t('pm.formRequired') }];

  return (
    <Modal open title={t('pm.transferTitle', { name: member.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={transfer.isPending} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form<FormValues> form={form} layout="vertical" name="party-member-transfer" initialValues={{ kind: 'inside', transferredOn: dayjs() }} onFinish={confirm} onValuesChange={() => setError(null)} data-testid="party-member-transfer-form">
        <Form.Item name="kind" label={t('pm.transferKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'inside', label: t('pm.transferInside') },
              { value: 'outside', label: t('pm.transferOutside') },
            ]}
          />
        </Form.Item>
        {kind === 'inside' ? (
          <Form.Item name="toOrgId" label={t('pm.transferToOrg')} rules={required}>
            <PartyOrgTreeSelect withMemberCounts placeholder={t('pm.formOrgPlaceholder')} testId="party-member-transfer-org" />
          </Form.Item>
        ) : (
          <Form.Item name="toOrgName" label={t('pm.transferToOrgName')} rules={[...required, { max: 100 }]}>
            <Input maxLength={100} data-testid="party-member-transfer-org-name" />
          </Form.Item>
        )}
        <Form.Item name="transferredOn" label={t('pm.transferOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('pm.transferReason')} rules={[...required, { max: 200 }]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="party-member-transfer-reason" />
        </Form.Item>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}
