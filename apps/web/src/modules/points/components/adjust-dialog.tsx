import { useRef } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { newIdempotencyKey } from '../../../api/requests-endpoints';
import { pointsApi } from '../../../api/service-endpoints';
import type { CreatePointsEntry } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { POINTS_KEY } from '../queries';

interface Values {
  direction: 'add' | 'deduct';
  amount: number;
  reason: string;
}

/**
 * 积分调整: add or deduct with a reason. The Idempotency-Key is made once per dialog and kept
 * for every retry of the same body, so a lost answer cannot post the adjustment twice.
 */
export function AdjustDialog({ residentId, residentName, balance, onClose }: { residentId: string; residentName: string; balance: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const key = useRef<{ key: string; body: string } | null>(null);
  const direction = Form.useWatch('direction', form);

  const adjust = useMutation({
    mutationFn: (body: CreatePointsEntry) => {
      const json = JSON.stringify(body);
      if (key.current?.body !== json) key.current = { key: newIdempotencyKey(), body: json };
      return pointsApi.adjust(body, key.current.key);
    },
    onSuccess: async (entry) => {
      void message.success(t('pts.adjusted', { name: residentName, amount: entry.amount > 0 ? `+${entry.amount}` : entry.amount, balance: entry.balanceAfter }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: POINTS_KEY });
    },
  });

  return (
    <Modal
      open
      title={t('pts.adjustTitle', { name: residentName })}
      okText={t('pts.adjustSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={adjust.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', danger: direction === 'deduct', 'data-testid': 'points-adjust-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          initialValues={{ direction: 'add' }}
          onFinish={(v) => adjust.mutate({ residentId, amount: v.direction === 'deduct' ? -v.amount : v.amount, reason: v.reason.trim() })}
          data-testid="points-adjust-form"
        >
          {dom}
        </Form>
      )}
    >
      <Typography.Paragraph type="secondary">{t('pts.adjustHelp', { balance })}</Typography.Paragraph>
      <Form.Item name="direction" label={t('pts.direction')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'add', label: t('pts.add') },
            { value: 'deduct', label: t('pts.deduct') },
          ]}
          data-testid="points-adjust-direction"
        />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('pts.amount')}
        dependencies={['direction']}
        rules={[
          { required: true, message: t('pts.amountRequired') },
          ({ getFieldValue }) => ({
            validator: (_r, v?: number) =>
              getFieldValue('direction') === 'deduct' && typeof v === 'number' && v > balance ? Promise.reject(new Error(t('pts.amountOverdraw', { balance }))) : Promise.resolve(),
          }),
        ]}
      >
        <InputNumber min={1} max={100_000} precision={0} style={{ width: 200 }} data-testid="points-adjust-amount" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('pts.reason')}
        rules={[
          { required: true, whitespace: true, message: t('pts.reasonRequired') },
          { min: 2, message: t('pts.reasonRequired') },
          { max: 200, message: t('form.maxLength', { max: 200 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('pts.reasonPlaceholder')} data-testid="points-adjust-reason" />
      </Form.Item>
    </Modal>
  );
}
