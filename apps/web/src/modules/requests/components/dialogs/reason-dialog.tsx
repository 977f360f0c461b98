import { App, Form, Input, Typography } from 'antd';
import type { ServiceRequest } from '../../../../api/requests-types';
import { useI18n, type MessageKey } from '../../../../i18n';
import { useRequestLabels } from '../../labels';
import { useRequestTransition } from '../../queries';
import { TransitionModal } from './transition-modal';

export type ReasonAction = 'reject' | 'reopen' | 'escalate';

const TEXTS: Record<ReasonAction, { title: MessageKey; help: MessageKey; placeholder: MessageKey }> = {
  reject: { title: 'req.rejectTitle', help: 'req.rejectHelp', placeholder: 'req.rejectPlaceholder' },
  reopen: { title: 'req.reopenTitle', help: 'req.reopenHelp', placeholder: 'req.reopenPlaceholder' },
  escalate: { title: 'req.escalateTitle', help: 'req.escalateHelp', placeholder: 'req.escalatePlaceholder' },
};

/** 退回 / 重新办理 / 上报: each needs a reason; a rejection is confirmed once more. */
export function ReasonDialog({ request, action, onClose }: { request: ServiceRequest; action: ReasonAction; onClose: () => void }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const transition = useRequestTransition(request.id, onClose);
  const texts = TEXTS[action];

  const submit = ({ reason }: { reason: string }) => {
    const body = { action, reason: reason.trim() };
    if (action !== 'reject') {
      transition.mutate(body);
      return;
    }
    modal.confirm({
      title: t('req.rejectConfirm', { reference: request.reference }),
      content: t('req.rejectConfirmDetail'),
      okText: labels.action('reject'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'request-reject-confirm' },
      onOk: () => transition.mutateAsync(body).catch(() => undefined),
    });
  };

  return (
    <TransitionModal<{ reason: string }>
      form={form}
      title={t(texts.title, { reference: request.reference })}
      okText={labels.action(action)}
      danger={action === 'reject'}
      submitting={transition.isPending}
      onCancel={onClose}
      onFinish={submit}
      testId={`request-${action}-form`}
    >
      <Typography.Paragraph type="secondary">{t(texts.help)}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('req.reason')}
        rules={[
          { required: true, whitespace: true, message: t('req.reasonRequired') },
          { min: 2, message: t('req.reasonRequired') },
          { max: 500, message: t('form.maxLength', { max: 500 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t(texts.placeholder)} data-testid={`request-${action}-reason`} />
      </Form.Item>
    </TransitionModal>
  );
}
