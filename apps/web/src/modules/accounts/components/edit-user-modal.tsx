import { Form, Input, Modal } from 'antd';
import type { UpdateUser, UserView } from '../../../api/types';
import { useI18n } from '../../../i18n';

interface Values {
  displayName: string;
  phone?: string;
}

export function EditUserModal({
  user,
  submitting,
  onCancel,
  onSubmit,
}: {
  user: UserView;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (body: UpdateUser) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('users.editTitle', { name: user.username })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values>
          layout="vertical"
          clearOnDestroy
          initialValues={{ displayName: user.displayName, phone: user.phone ?? '' }}
          onFinish={(v) => onSubmit({ displayName: v.displayName.trim(), phone: v.phone?.trim() ? v.phone.trim() : null })}
          data-testid="user-edit-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[
          { required: true, whitespace: true, message: t('users.displayNameRequired') },
          { max: 50, message: t('form.maxLength', { max: 50 }) },
        ]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: /^\s*(1\d{10})?\s*$/, message: t('users.phoneFormat') }]}>
        <Input inputMode="tel" maxLength={11} placeholder={t('form.optional')} />
      </Form.Item>
    </Modal>
  );
}
