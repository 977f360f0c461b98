import { App, Form, Input, Typography } from 'antd';
import type { ServiceRequest } from '../../../../api/requests-types';
import { useI18n } from '../../../../i18n';
import { useRequestLabels } from '../../labels';
import { useRequestTransition } from '../../queries';
import { TransitionModal } from './transition-modal';

export type NoteAction = 'start' | 'close';

/** 开始办理 / 关闭: an optional note; closing ends the request for good, so it is confirmed. */
export function NoteDialog({ request, action, onClose }: { request: ServiceRequest; action: NoteAction; onClose: () => void }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const transition = useRequestTransition(request.id, onClose);

  const submit = ({ note }: { note?: string }) => {
    const text = note?.trim() || undefined;
    if (action === 'start') {
      transition.mutate({ action: 'start', note: text });
      return;
    }
    modal.confirm({
      title: t('req.closeConfirm', { reference: request.reference }),
      content: t('req.closeConfirmDetail'),
      okText: labels.action('close'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'request-close-confirm' },
      onOk: () => transition.mutateAsync({ action: 'close', note: text }).catch(() => undefined),
    });
  };

  return (
    <TransitionModal<{ note?: string }>
      form={form}
      title={t(action === 'start' ? 'req.startTitle' : 'req.closeTitle', { reference: request.reference })}
      okText={labels.action(action)}
      danger={action === 'close'}
      submitting={transition.isPending}
      onCancel={onClose}
      onFinish={submit}
      testId={`request-${action}-form`}
    >
      <Typography.Paragraph type="secondary">{t(action === 'start' ? 'req.startHelp' : 'req.closeHelp')}</Typography.Paragraph>
      <Form.Item name="note" label={t('req.note')} rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}>
        <Input.TextArea rows={3} maxLength={1000} placeholder={t('form.optional')} data-testid={`request-${action}-note`} />
      </Form.Item>
    </TransitionModal>
  );
}
