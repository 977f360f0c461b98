import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n';

/** Asks for the reason of a refusal (an enrolment or hours sent back); the reason is required and told to the member. */
export function ReasonModal({ open, title, description, pending, onSubmit, onCancel, testId }: { open: boolean; title: string; description: string; pending: boolean; onSubmit: (reason: string) => void; onCancel: () => void; testId: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('enrol.reject.ok')}
      okButtonProps={{ danger: true, loading: pending, 'data-testid': `${testId}-ok` }}
      onOk={() => void form.validateFields().then((v) => onSubmit(v.reason.trim()))}
      onCancel={onCancel}
      destroyOnHidden
    >
      <p>{description}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('enrol.reject.reason')} rules={[{ required: true, whitespace: true, message: t('enrol.reject.reasonRequired') }, { max: 300 }]}>
          <Input.TextArea rows={3} maxLength={300} showCount data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
