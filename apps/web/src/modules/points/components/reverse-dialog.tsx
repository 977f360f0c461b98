import { App, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { pointsApi } from '../../../api/service-endpoints';
import type { PointsEntry } from '../../../api/service-types';
import { useI18n } from '../../../i18n';
import { POINTS_KEY } from '../queries';

/** 冲正: the exact opposite of an entry is posted, once; a reason is required and the step is confirmed once more. */
export function ReverseDialog({ entry, onClose }: { entry: PointsEntry; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const amount = entry.amount > 0 ? `+${entry.amount}` : String(entry.amount);

  const reverse = useMutation({
    mutationFn: (reason: string) => pointsApi.reverse(entry.id, reason),
    onSuccess: async (posted) => {
      void message.success(t('pts.reversed', { amount: posted.amount > 0 ? `+${posted.amount}` : posted.amount, balance: posted.balanceAfter }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: POINTS_KEY });
    },
  });

  const submit = ({ reason }: { reason: string }) =>
    modal.confirm({
      title: t('pts.reverseConfirm', { amount }),
      content: t('common.irreversible'),
      okText: t('pts.reverse'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'points-reverse-confirm' },
      onOk: () => reverse.mutateAsync(reason.trim()).catch(() => undefined),
    });

  return (
    <Modal
      open
      title={t('pts.reverseTitle')}
      okText={t('pts.reverse')}
      cancelText={t('common.cancel')}
      confirmLoading={reverse.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', danger: true, 'data-testid': 'points-reverse-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<{ reason: string }> form={form} layout="vertical" clearOnDestroy onFinish={submit} data-testid="points-reverse-form">
          {dom}
        </Form>
      )}
    >
      <Typography.Paragraph type="secondary">{t('pts.reverseHelp', { amount, reason: entry.reason ?? '—' })}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('pts.reason')}
        rules={[
          { required: true, whitespace: true, message: t('pts.reasonRequired') },
          { min: 2, message: t('pts.reasonRequired') },
          { max: 200, message: t('form.maxLength', { max: 200 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="points-reverse-reason" />
      </Form.Item>
    </Modal>
  );
}
