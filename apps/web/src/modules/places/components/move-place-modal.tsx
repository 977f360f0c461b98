import { Alert, Form, Modal } from 'antd';
import { ALLOWED_CHILDREN } from '@gridwork/contracts';
import type { Place } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from './place-tree-select';

/** Move a place under a new parent; only parents that may hold its type can be picked. */
export function MovePlaceModal({
  place,
  open,
  submitting,
  onCancel,
  onSubmit,
}: {
  place: Place;
  open: boolean;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (parentId: string) => void;
}) {
  const { t, placeTypeLabel } = useI18n();
  const [form] = Form.useForm<{ parentId: string }>();
  return (
    <Modal
      open={open}
      title={t('places.moveTitle', { name: place.name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.parentId)} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      <Alert type="info" showIcon title={t('places.moveHelp', { type: placeTypeLabel(place.type) })} style={{ marginBottom: 16 }} />
      <Form.Item
        name="parentId"
        label={t('places.newParent')}
        rules={[
          { required: true, message: t('places.newParentRequired') },
          {
            validator: (_rule, value: unknown) =>
              value === place.parentId ? Promise.reject(new Error(t('places.sameParent'))) : Promise.resolve(),
          },
        ]}
      >
        <PlaceTreeSelect
          excludeId={place.id}
          canPick={(candidate) => ALLOWED_CHILDREN[candidate.type].includes(place.type)}
          data-testid="place-move-parent"
        />
      </Form.Item>
    </Modal>
  );
}
