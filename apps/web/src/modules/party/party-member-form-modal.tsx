import { useEffect, useState } from 'react';
import { Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { MEMBER_POSITIONS, MEMBER_STAGE_KEYS, MEMBER_STATUSES, MEMBER_TYPES, type MemberPosition, type MemberStageKey, type MemberStatus, type MemberType } from '@gridwork/contracts';
import { partyMembersApi, type PartyMember } from '../../api/party-members-endpoints';
import { useI18n } from '../../i18n';
import { errorText } from '../../shared/feedback';
import { ResidentSelect } from '../volunteers/components/resident-select';
import { PARTY_MEMBERS_KEY, useMemberLabels } from './party-member-labels';
import { PartyOrgTreeSelect } from './party-org-pickers';

type StageValues = Partial<Record<MemberStageKey, Dayjs | null>>;

interface FormValues {
  orgId: string;
  source: 'resident' | 'manual';
  residentId?: string;
  name?: string;
  gender?: 'male' | 'female';
  phone?: string;
  status: MemberStatus;
  type: MemberType;
  position?: MemberPosition | null;
  stages: StageValues;
  employer?: string;
  homeOrgName?: string;
  mobileWhereabouts?: string;
  mobileContact?: string;
}

const DATE = 'YYYY-MM-DD';
const textOrNull = (v: string | undefined) => v?.trim() || null;

function stagesOf(values: StageValues) {
  return Object.fromEntries(MEMBER_STAGE_KEYS.map((k) => [k, values[k] ? values[k].format(DATE) : null])) as Record<MemberStageKey, string | null>;
}

/** 登记党员 (no member) or 编辑党员档案: org, person (from the register or entered), status, type, stages. */
export function PartyMemberFormModal({ member, defaultOrgId, onClose, onSaved }: { member?: PartyMember; defaultOrgId?: string; onClose: () => void; onSaved?: (saved: PartyMember) => void }) {
  const { t } = useI18n();
  const { statusLabel, typeLabel, positionLabel, stageLabel } = useMemberLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const source = Form.useWatch('source', form) ?? (member?.residentId ? 'resident' : 'manual');
  const type = Form.useWatch('type', form) ?? member?.type;
  const linked = Boolean(member?.residentId);

  useEffect(() => {
    if (!member) {
      form.setFieldsValue({ orgId: defaultOrgId, source: 'resident', status: 'full', type: 'resident', stages: {} });
      return;
    }
    form.setFieldsValue({
      orgId: member.orgId ?? undefined,
      source: member.residentId ? 'resident' : 'manual',
      name: member.name,
      gender: member.gender ?? undefined,
      status: member.status,
      type: member.type,
      position: member.position,
      stages: Object.fromEntries(MEMBER_STAGE_KEYS.map((k) => [k, member.stages[k] ? dayjs(member.stages[k]) : null])),
      employer: member.employer ?? undefined,
      homeOrgName: member.homeOrgName ?? undefined,
      mobileWhereabouts: member.mobileWhereabouts ?? undefined,
      mobileContact: member.mobileContact ?? undefined,
    });
  }, [member, defaultOrgId, form]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: FormValues) => {
      const common = {
        status: v.status,
        type: v.type,
        position: v.position ?? null,
        stages: stagesOf(v.stages ?? {}),
        employer: textOrNull(v.employer),
        homeOrgName: textOrNull(v.homeOrgName),
        mobileWhereabouts: textOrNull(v.mobileWhereabouts),
        mobileContact: textOrNull(v.mobileContact),
      };
      // Name, gender and phone are sent only when entered here: a linked record takes them from the register.
      const person = v.source === 'manual' && !linked ? { name: v.name?.trim(), gender: v.gender ?? null, phone: textOrNull(v.phone) ?? undefined } : {};
      if (member) return partyMembersApi.update(member.id, { ...common, ...(linked ? {} : { name: v.name?.trim(), gender: v.gender ?? null, ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) }) });
      return partyMembersApi.create({ orgId: v.orgId, ...(v.source === 'resident' ? { residentId: v.residentId } : person), ...common });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: PARTY_MEMBERS_KEY });
      await queryClient.invalidateQueries({ queryKey: ['party-orgs'] });
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => setError(errorText(e)),
  });

  const required = [{ required: true, message: t('pm.formRequired') }];

  return (
    <Modal
      open
      title={member ? t('pm.formEditTitle', { name: member.name }) : t('pm.formCreateTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      width={720}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" name="party-member" onFinish={(v) => save.mutate(v)} onValuesChange={() => setError(null)} data-testid="party-member-form">
        {member ? null : (
          <Form.Item name="orgId" label={t('pm.org')} rules={required}>
            <PartyOrgTreeSelect withMemberCounts placeholder={t('pm.formOrgPlaceholder')} testId="party-member-form-org" />
          </Form.Item>
        )}
        {member ? (
          linked ? (
            <Typography.Paragraph type="secondary">{t('pm.formLinkedHint')}</Typography.Paragraph>
          ) : null
        ) : (
          <Form.Item name="source" label={t('pm.formSource')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'resident', label: t('pm.formSourceResident') },
                { value: 'manual', label: t('pm.formSourceManual') },
              ]}
              data-testid="party-member-form-source"
            />
          </Form.Item>
        )}
        {!member && source === 'resident' ? (
          <Form.Item name="residentId" label={t('pm.resident')} rules={required} extra={t('pm.formResidentHint')}>
            <ResidentSelect placeholder={t('pm.formResidentPlaceholder')} data-testid="party-member-form-resident" />
          </Form.Item>
        ) : null}
        {(!member && source === 'manual') || (member && !linked) ? (
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="name" label={t('pm.name')} rules={[...required, { max: 40 }]}>
                <Input maxLength={40} data-testid="party-member-form-name" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="gender" label={t('pm.gender')}>
                <Select allowClear options={[{ value: 'male', label: t('pm.genderMale') }, { value: 'female', label: t('pm.genderFemale') }]} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="phone" label={t('pm.phone')} extra={member?.phone ?? undefined}>
                <Input maxLength={20} placeholder={t('pm.formPhonePlaceholder')} data-testid="party-member-form-phone" />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="status" label={t('pm.status')} rules={required}>
              <Select options={MEMBER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} data-testid="party-member-form-status" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="type" label={t('pm.type')} rules={required}>
              <Select options={MEMBER_TYPES.map((s) => ({ value: s, label: typeLabel(s) }))} data-testid="party-member-form-type" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="position" label={t('pm.position')}>
              <Select allowClear options={MEMBER_POSITIONS.map((s) => ({ value: s, label: positionLabel(s) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('pm.formStages')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('pm.formStagesHint')}
        </Typography.Paragraph>
        <Row gutter={12}>
          {MEMBER_STAGE_KEYS.map((key) => (
            <Col span={8} key={key}>
              <Form.Item name={['stages', key]} label={stageLabel(key)}>
                <DatePicker style={{ width: '100%' }} format={DATE} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid={`party-member-form-${key}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {type === 'in_service' ? (
          <Form.Item name="employer" label={t('pm.employer')} rules={[...required, { max: 100 }]}>
            <Input maxLength={100} data-testid="party-member-form-employer" />
          </Form.Item>
        ) : null}
        {type === 'mobile' ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="mobileWhereabouts" label={t('pm.mobileWhereabouts')} rules={[...required, { max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="mobileContact" label={t('pm.mobileContact')} rules={[...required, { max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Form.Item name="homeOrgName" label={t('pm.homeOrgName')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        {error ? (
          <Typography.Text type="danger" data-testid="party-member-form-error">
            {error}
          </Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}
