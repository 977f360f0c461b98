import { Form, Input, Modal, Select } from 'antd';
import type { CreateHousehold, Household, Resident, UpdateHousehold } from '../../../api/types';
import { useI18n } from '../../../i18n';

interface Values {
  name: string;
  code?: string;
  headResidentId?: string | null;
  registeredAddress?: string;
  notes?: string;
}

const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** 新增 / 编辑户: name (e.g. 3栋502室), code, head of household, registered address. */
export function HouseholdFormModal({
  buildingId,
  household,
  members,
  submitting,
  onCancel,
  onCreate,
  onUpdate,
}: {
  buildingId: string;
  household?: Household;
  members: readonly Resident[];
  submitting: boolean;
  onCancel: () => void;
  onCreate: (body: CreateHousehold) => void;
  onUpdate: (body: UpdateHousehold) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => {
    if (household) {
      onUpdate({
        name: v.name.trim(),
        code: blankToNull(v.code),
        headResidentId: v.headResidentId ?? null,
        registeredAddress: blankToNull(v.registeredAddress),
        notes: blankToNull(v.notes),
      });
    } else {
      onCreate({
        buildingId,
        name: v.name.trim(),
        ...(v.code?.trim() ? { code: v.code.trim() } : {}),
        registeredAddress: blankToNull(v.registeredAddress),
        notes: blankToNull(v.notes),
      });
    }
  };
  return (
    <Modal
      open
      title={household ? t('res.householdEditTitle', { name: household.name }) : t('res.householdCreateTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'household-form-submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          initialValues={
            household
              ? {
                  name: household.name,
                  code: household.code ?? undefined,
                  headResidentId: household.headResidentId,
                  registeredAddress: household.registeredAddress ?? undefined,
                  notes: household.notes ?? undefined,
                }
              : {}
          }
          onFinish={submit}
          data-testid="household-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="name"
        label={t('res.householdName')}
        extra={t('res.householdNameHelp')}
        rules={[
          { required: true, whitespace: true, message: t('res.householdNameRequired') },
          { max: 50, message: t('form.maxLength', { max: 50 }) },
        ]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="code" label={t('res.householdCode')} rules={[{ pattern: /^\s*[0-9A-Za-z-]{0,32}\s*$/, message: t('res.householdCodeFormat') }]}>
        <Input maxLength={32} placeholder={t('form.optional')} className="gw-mono" />
      </Form.Item>
      {household ? (
        <Form.Item name="headResidentId" label={t('res.head')}>
          <Select allowClear placeholder={t('res.headNone')} options={members.map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item name="registeredAddress" label={t('res.registeredAddress')} rules={[{ max: 200, message: t('form.maxLength', { max: 200 }) }]}>
        <Input maxLength={200} placeholder={t('form.optional')} />
      </Form.Item>
      <Form.Item name="notes" label={t('res.notes')} rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('form.optional')} />
      </Form.Item>
    </Modal>
  );
}
