import type { ReactNode } from 'react';
import { Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../../../../i18n';

/** The frame every action dialog shares: a vertical form inside a modal, submitted by OK. */
export function TransitionModal<V extends object>({
  form,
  title,
  okText,
  danger = false,
  submitting,
  initialValues,
  onCancel,
  onFinish,
  testId,
  children,
}: {
  form: FormInstance<V>;
  title: ReactNode;
  okText: string;
  danger?: boolean;
  submitting: boolean;
  initialValues?: Partial<V>;
  onCancel: () => void;
  onFinish: (values: V) => void;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', danger, 'data-testid': `${testId}-submit` }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<V> form={form} layout="vertical" clearOnDestroy initialValues={initialValues} onFinish={onFinish} data-testid={testId}>
          {dom}
        </Form>
      )}
    >
      {children}
    </Modal>
  );
}
