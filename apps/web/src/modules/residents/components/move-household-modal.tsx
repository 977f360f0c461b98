import { Form, Input, Modal, Typography } from 'antd';
import type { ResidentDetail } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { HouseholdSelect } from './household-select';

interface Values {
  householdId: string;
  moveReason: string;
}

/** 迁移: move a resident to another household; the move is kept in the history. */
export function MoveHouseholdModal({
  resident,
  submitting,
  onCancel,
  onSubmit,
}: {
  resident: ResidentDetail;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (values: Values) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  return (
    <Modal
      open
      title={t('res.moveTitle', { name: resident.name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'move-submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={(v) => onSubmit({ householdId: v.householdId, moveReason: v.moveReason.trim() })}
          data-testid="move-form"
        >
          {dom}
        </Form>
      )}
    >
      <Typography.Paragraph type="secondary">
        {t('res.moveFrom', { household: resident.householdName ?? '—' })}
      </Typography.Paragraph>
      <Form.Item name="householdId" label={t('res.moveTo')} rules={[{ required: true, message: t('res.householdRequired') }]}>
        <HouseholdSelect excludeId={resident.householdId} data-testid="move-household" />
      </Form.Item>
      <Form.Item
        name="moveReason"
        label={t('res.moveReason')}
        rules={[
          { required: true, whitespace: true, message: t('res.moveReasonRequired') },
          { max: 200, message: t('form.maxLength', { max: 200 }) },
        ]}
      >
        <Input maxLength={200} placeholder={t('res.moveReasonPlaceholder')} />
      </Form.Item>
    </Modal>
  );
}
