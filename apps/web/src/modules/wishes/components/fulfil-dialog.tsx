import { Form, Input, Modal } from 'antd';
import type { Wish } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { useWishStep } from '../queries';

/** 标记完成: the claimant says how the wish was met; the poster then confirms. */
export function FulfilDialog({ wish, onClose }: { wish: Wish; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const step = useWishStep(onClose);
  return (
    <Modal
      open
      title={t('wish.fulfilTitle', { title: wish.title })}
      okText={t('wish.fulfil')}
      cancelText={t('common.cancel')}
      confirmLoading={step.isPending}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'wish-fulfil-submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<{ note: string }> form={form} layout="vertical" clearOnDestroy onFinish={(v) => step.mutate({ kind: 'fulfil', id: wish.id, note: v.note.trim() })} data-testid="wish-fulfil-form">
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="note"
        label={t('wish.fulfilmentNote')}
        rules={[
          { required: true, whitespace: true, message: t('wish.noteRequired') },
          { min: 2, message: t('wish.noteRequired') },
          { max: 500, message: t('form.maxLength', { max: 500 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('wish.notePlaceholder')} data-testid="wish-fulfil-note" />
      </Form.Item>
    </Modal>
  );
}
