import { Form, Input, Modal, Select, Switch } from 'antd';
import { PARTY_ORG_CHILDREN, PARTY_ORG_TYPES } from '@gridwork/contracts';
import type { PartyOrg, PartyOrgType } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';

export type BranchKind = 'grid' | 'estate';

export interface PartyOrgFormValues {
  type: PartyOrgType;
  name: string;
  placeId: string;
  isJointCommittee?: boolean;
  branchKind?: BranchKind | null;
}

export type PartyOrgFormMode = { kind: 'create'; parent: PartyOrg | null } | { kind: 'edit'; org: PartyOrg };

export function PartyOrgFormModal({
  mode,
  submitting,
  onCancel,
  onSubmit,
}: {
  mode: PartyOrgFormMode;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (values: PartyOrgFormValues) => void;
}) {
  const { t, partyOrgTypeLabel } = useI18n();
  const [form] = Form.useForm<PartyOrgFormValues>();
  const types: readonly PartyOrgType[] =
    mode.kind === 'edit' ? [mode.org.type] : mode.parent ? PARTY_ORG_CHILDREN[mode.parent.type] : PARTY_ORG_TYPES;
  const initialValues: Partial<PartyOrgFormValues> =
    mode.kind === 'edit'
      ? {
          type: mode.org.type,
          name: mode.org.name,
          placeId: mode.org.placeId,
          isJointCommittee: mode.org.isJointCommittee,
          branchKind: mode.org.branchKind,
        }
      : { type: types[0], name: '', isJointCommittee: false };
  const watchedType = Form.useWatch('type', form);
  const type = watchedType ?? initialValues.type;
  const title =
    mode.kind === 'edit'
      ? t('party.editTitle', { name: mode.org.name })
      : mode.parent
        ? t('party.addChildTitle', { parent: mode.parent.name })
        : t('party.addRootTitle');

  return (
    <Modal
      open
      title={title}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      width={560}
      modalRender={(dom) => (
        <Form<PartyOrgFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onSubmit}
          clearOnDestroy
          data-testid="party-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item name="type" label={t('party.type')} rules={[{ required: true, message: t('party.typeRequired') }]}>
        <Select disabled={mode.kind === 'edit'} options={types.map((v) => ({ value: v, label: partyOrgTypeLabel(v) }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('party.name')}
        rules={[
          { required: true, whitespace: true, message: t('party.nameRequired') },
          { max: 100, message: t('form.maxLength', { max: 100 }) },
        ]}
      >
        <Input maxLength={100} placeholder={t('party.namePlaceholder')} />
      </Form.Item>
      {mode.kind === 'create' ? (
        <Form.Item
          name="placeId"
          label={t('party.place')}
          extra={t('party.placeHelp')}
          rules={[{ required: true, message: t('party.placeRequired') }]}
        >
          <PlaceTreeSelect data-testid="party-place-select" />
        </Form.Item>
      ) : null}
      {type === 'community_committee' ? (
        <Form.Item name="isJointCommittee" label={t('party.isJointCommittee')} extra={t('party.jointHelp')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : null}
      {type === 'branch' ? (
        <Form.Item name="branchKind" label={t('party.branchKind')}>
          <Select
            allowClear
            placeholder={t('form.optional')}
            options={[
              { value: 'grid', label: t('party.branchKindGrid') },
              { value: 'estate', label: t('party.branchKindEstate') },
            ]}
          />
        </Form.Item>
      ) : null}
    </Modal>
  );
}
