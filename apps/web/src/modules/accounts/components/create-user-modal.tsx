import { Form, Input, Modal, Select } from 'antd';
import { ROLE_PLACE_TYPES } from '@gridwork/contracts';
import type { CreateUser, Role } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  role: Role;
  placeId: string;
}

export function CreateUserModal({
  open,
  roles,
  submitting,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  roles: readonly Role[];
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (body: CreateUser) => void;
}) {
  const { t, roleLabel, placeTypeLabel } = useI18n();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const placeTypes = role ? ROLE_PLACE_TYPES[role] : null;
  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.role) form.setFieldValue('placeId', undefined);
          }}
          clearOnDestroy
          onFinish={(v) =>
            onSubmit({
              username: v.username.trim(),
              displayName: v.displayName.trim(),
              role: v.role,
              placeId: v.placeId,
              ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
            })
          }
          data-testid="user-create-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="username"
        label={t('auth.username')}
        extra={t('users.usernameHelp')}
        rules={[
          { required: true, whitespace: true, message: t('auth.usernameRequired') },
          { pattern: /^\s*[A-Za-z0-9_.-]{3,64}\s*$/, message: t('users.usernameFormat') },
        ]}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
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
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
          placeholder={t('users.rolePlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="placeId"
        label={t('users.place')}
        extra={
          placeTypes
            ? t('users.placeTypesHelp', { types: placeTypes.map(placeTypeLabel).join(t('common.listSeparator')) })
            : t('users.placeHelp')
        }
        rules={[{ required: true, message: t('users.placeRequired') }]}
      >
        <PlaceTreeSelect
          data-testid="user-place-select"
          canPick={placeTypes ? (p) => placeTypes.includes(p.type) : undefined}
        />
      </Form.Item>
    </Modal>
  );
}
