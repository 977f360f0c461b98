import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { wishesApi } from '../../../api/requests-endpoints';
import type { CreateWish } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';
import { useIdempotencyKey } from '../../requests/use-idempotency-key';
import { WISHES_KEY } from '../queries';

interface Values {
  title: string;
  description: string;
  beneficiary: string;
  placeId: string;
}

const WISH_PLACE_TYPES = new Set(['grid', 'building', 'household']);

/** 发布心愿: a small wish of someone in need, posted by a worker on their behalf or by themselves. */
export function WishFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const keyFor = useIdempotencyKey();
  const create = useMutation({
    mutationFn: (body: CreateWish) => wishesApi.create(body, keyFor(body)),
    onSuccess: async () => {
      void message.success(t('wish.posted'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: WISHES_KEY });
    },
  });
  return (
    <Modal
      open
      title={t('wish.create')}
      okText={t('wish.createSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'wish-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={(v) =>
            create.mutate({ title: v.title.trim(), description: v.description.trim(), beneficiary: v.beneficiary.trim(), placeId: v.placeId })
          }
          data-testid="wish-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="title"
        label={t('wish.title')}
        rules={[
          { required: true, whitespace: true, message: t('wish.titleRequired') },
          { min: 2, max: 40, message: t('wish.titleLength') },
        ]}
      >
        <Input maxLength={40} showCount placeholder={t('wish.titlePlaceholder')} data-testid="wish-form-title" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('wish.description')}
        rules={[
          { required: true, whitespace: true, message: t('wish.descriptionRequired') },
          { min: 5, max: 500, message: t('wish.descriptionLength') },
        ]}
      >
        <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('wish.descriptionPlaceholder')} data-testid="wish-form-description" />
      </Form.Item>
      <Form.Item
        name="beneficiary"
        label={t('wish.beneficiary')}
        extra={t('wish.beneficiaryHelp')}
        rules={[
          { required: true, whitespace: true, message: t('wish.beneficiaryRequired') },
          { max: 20, message: t('form.maxLength', { max: 20 }) },
        ]}
      >
        <Input maxLength={20} placeholder={t('wish.beneficiaryPlaceholder')} data-testid="wish-form-beneficiary" />
      </Form.Item>
      {/* Required here: staff sit at a community, and a wish belongs to a grid, building or household. */}
      <Form.Item name="placeId" label={t('wish.place')} extra={t('wish.placeHelp')} rules={[{ required: true, message: t('wish.placeRequired') }]}>
        <PlaceTreeSelect canPick={(p) => WISH_PLACE_TYPES.has(p.type)} placeholder={t('wish.placePlaceholder')} data-testid="wish-form-place" />
      </Form.Item>
    </Modal>
  );
}
