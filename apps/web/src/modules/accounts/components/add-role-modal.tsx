import { Form, Modal, Select } from 'antd';
import { ROLE_PLACE_TYPES } from '@gridwork/contracts';
import type { AssignRole, Role, UserView } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';

export function AddRoleModal({
  user,
  roles,
  submitting,
  onCancel,
  onSubmit,
}: {
  user: UserView;
  roles: readonly Role[];
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (body: AssignRole) => void;
}) {
  const { t, roleLabel, placeTypeLabel } = useI18n();
  const [form] = Form.useForm<AssignRole>();
  const role = Form.useWatch('role', form);
  const placeTypes = role ? ROLE_PLACE_TYPES[role] : null;
  return (
    <Modal
      open
      title={t('users.addRoleTitle', { name: user.displayName })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<AssignRole>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={onSubmit}
          onValuesChange={(changed: Partial<AssignRole>) => {
            if (changed.role) form.setFieldValue('placeId', undefined);
          }}
          data-testid="user-role-form"
        >
          {dom}
        </Form>
      )}
    >
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
          data-testid="role-place-select"
          canPick={placeTypes ? (p) => placeTypes.includes(p.type) : undefined}
        />
      </Form.Item>
    </Modal>
  );
}
