import { useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { checkIdNumber } from '@gridwork/contracts';
import { usersApi } from '../../../api/endpoints';
import type { CareGroupType, CreateResident, Gender, IdType, Relation, ResidenceType, ResidentDetail, UpdateResident } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../shared/session';
import { GENDERS, GENDER_KEYS, ID_TYPES, ID_TYPE_KEYS, RELATIONS, RELATION_KEYS, RESIDENCE_KEYS, RESIDENCE_TYPES, idNumberProblemKey } from '../labels';
import { useCareGroupTypes } from '../queries';
import { HouseholdSelect } from './household-select';

interface CareGroupValues {
  code?: string;
  grade?: number | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  responsibleUserId?: string | null;
}

export interface ResidentFormValues {
  name: string;
  idType: IdType;
  idNumber?: string;
  gender?: Gender;
  birthDate?: Dayjs | null;
  phone?: string;
  householdId?: string;
  relationToHead?: Relation | null;
  residenceType: ResidenceType;
  occupation?: string;
  employer?: string;
  healthNotes?: string;
  notes?: string;
  careGroups?: CareGroupValues[];
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const ID_DOC = /^[0-9A-Za-z()（）-]{5,32}$/;
const dateOnly = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function UserSelect({ value, onChange, initialLabel }: { value?: string | null; onChange?: (v: string | null) => void; initialLabel?: string | null }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => usersApi.list({ q: q || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim()) }}
      options={options}
      placeholder={t('res.responsible')}
      loading={users.isFetching}
    />
  );
}

/** Care-group memberships (重点人群) inside the resident form. */
function CareGroupFields({ types, responsibleNames }: { types: readonly CareGroupType[]; responsibleNames: Record<string, string> }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const form = Form.useFormInstance<ResidentFormValues>();
  const rows = Form.useWatch('careGroups', form) ?? [];
  const canPickUser = can('user.read');
  return (
    <Form.List name="careGroups">
      {(fields, { add, remove }) => (
        <div className="gw-care-rows" data-testid="resident-form-care-groups">
          {fields.map((field) => {
            const code = rows[field.name]?.code;
            const type = types.find((x) => x.code === code);
            return (
              <div key={field.key} className="gw-care-row">
                <Row gutter={8} align="top">
                  <Col xs={24} sm={8}>
                    <Form.Item name={[field.name, 'code']} rules={[{ required: true, message: t('res.careGroupRequired') }]}>
                      <Select
                        placeholder={t('res.careGroup')}
                        options={types
                          .filter((x) => x.active || x.code === code)
                          .map((x) => ({ value: x.code, label: locale === 'zh-CN' ? x.name : x.nameEn || x.name }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={4}>
                    <Form.Item name={[field.name, 'grade']} hidden={!type?.hasGrade}>
                      <InputNumber min={1} max={4} precision={0} placeholder={t('res.grade')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item name={[field.name, 'startDate']}>
                      <DatePicker placeholder={t('res.startDate')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item
                      name={[field.name, 'endDate']}
                      dependencies={[['careGroups', field.name, 'startDate']]}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: (_r, v: Dayjs | null | undefined) => {
                            const start = getFieldValue(['careGroups', field.name, 'startDate']) as Dayjs | null | undefined;
                            return v && start && v.isBefore(start, 'day') ? Promise.reject(new Error(t('res.endBeforeStart'))) : Promise.resolve();
                          },
                        }),
                      ]}
                    >
                      <DatePicker placeholder={t('res.endDate')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={2}>
                    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
                <Form.Item name={[field.name, 'responsibleUserId']} hidden={!canPickUser} label={t('res.responsible')} className="gw-care-responsible">
                  {canPickUser ? <UserSelect initialLabel={responsibleNames[rows[field.name]?.responsibleUserId ?? ''] ?? null} /> : <Input />}
                </Form.Item>
              </div>
            );
          })}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="resident-form-add-care-group">
            {t('res.addCareGroup')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function initialValues(resident: ResidentDetail | undefined, householdId?: string): Partial<ResidentFormValues> {
  if (!resident) return { idType: 'resident_id', residenceType: 'permanent', householdId, careGroups: [] };
  return {
    name: resident.name,
    idType: resident.idType,
    gender: resident.gender,
    birthDate: resident.birthDate ? dayjs(resident.birthDate) : null,
    householdId: resident.householdId ?? undefined,
    relationToHead: resident.relationToHead,
    residenceType: resident.residenceType,
    occupation: resident.occupation ?? undefined,
    employer: resident.employer ?? undefined,
    notes: resident.notes ?? undefined,
    careGroups: resident.careGroupDetails.map((c) => ({
      code: c.code,
      grade: c.grade,
      startDate: c.startDate ? dayjs(c.startDate) : null,
      endDate: c.endDate ? dayjs(c.endDate) : null,
      responsibleUserId: c.responsibleUserId,
    })),
  };
}

function careGroupsOf(values: ResidentFormValues) {
  return (values.careGroups ?? [])
    .filter((c): c is CareGroupValues & { code: string } => Boolean(c.code))
    .map((c) => ({
      code: c.code,
      grade: c.grade ?? null,
      startDate: dateOnly(c.startDate),
      endDate: dateOnly(c.endDate),
      responsibleUserId: c.responsibleUserId || null,
    }));
}

/**
 * 新增 / 编辑居民: one form for both. The ID number is checked as it is typed (GB 11643 check
 * digit) and fills the birth date and gender. When editing, the encrypted fields (ID number,
 * phone, health notes) are left empty: a new value replaces the stored one, empty keeps it.
 */
export function ResidentFormModal({
  resident,
  defaultHouseholdId,
  defaultHouseholdName,
  submitting,
  onCancel,
  onCreate,
  onUpdate,
}: {
  /** The resident to edit; absent: create. */
  resident?: ResidentDetail;
  defaultHouseholdId?: string;
  defaultHouseholdName?: string;
  submitting: boolean;
  onCancel: () => void;
  onCreate?: (body: CreateResident) => void;
  onUpdate?: (body: UpdateResident) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ResidentFormValues>();
  const types = useCareGroupTypes();
  const editing = Boolean(resident);
  const idType = Form.useWatch('idType', form) ?? 'resident_id';
  const idNumber = Form.useWatch('idNumber', form);
  const idCheck = idType === 'resident_id' && idNumber ? checkIdNumber(idNumber) : null;
  const responsibleNames = Object.fromEntries(
    (resident?.careGroupDetails ?? []).filter((c) => c.responsibleUserId && c.responsibleName).map((c) => [c.responsibleUserId, c.responsibleName]),
  ) as Record<string, string>;

  const derived = idCheck?.ok ? `${idCheck.gender}|${idCheck.birthDate}` : '';
  useEffect(() => {
    if (!derived) return;
    const [gender, birthDate] = derived.split('|') as [Gender, string];
    form.setFieldsValue({ gender, birthDate: dayjs(birthDate) });
  }, [derived, form]);

  const submit = (v: ResidentFormValues) => {
    const idNo = v.idNumber?.trim() ? (v.idType === 'resident_id' ? v.idNumber.trim().toUpperCase() : v.idNumber.trim()) : undefined;
    const common = {
      name: v.name.trim(),
      gender: v.gender,
      birthDate: dateOnly(v.birthDate) ?? undefined,
      idType: v.idType,
      relationToHead: v.relationToHead ?? null,
      residenceType: v.residenceType,
      occupation: blankToNull(v.occupation),
      employer: blankToNull(v.employer),
      notes: blankToNull(v.notes),
      careGroups: careGroupsOf(v),
    };
    if (!resident) {
      onCreate?.({
        ...common,
        idNumber: idNo ?? '',
        householdId: v.householdId ?? '',
        phone: blankToNull(v.phone),
        healthNotes: blankToNull(v.healthNotes),
      });
      return;
    }
    const body: UpdateResident = { ...common };
    if (idNo) body.idNumber = idNo;
    if (v.phone?.trim()) body.phone = v.phone.trim();
    if (v.healthNotes?.trim()) body.healthNotes = v.healthNotes.trim();
    onUpdate?.(body);
  };

  const idRules = [
    { required: !editing, whitespace: true, message: t('res.idNumberRequired') },
    {
      validator: (_r: unknown, value: string | undefined) => {
        if (!value?.trim()) return Promise.resolve();
        if (form.getFieldValue('idType') === 'resident_id') {
          const key = idNumberProblemKey(value);
          return key ? Promise.reject(new Error(t(key))) : Promise.resolve();
        }
        return ID_DOC.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('res.idDocFormat')));
      },
    },
  ];

  return (
    <Modal
      open
      width={760}
      title={editing ? t('res.editTitle', { name: resident?.name ?? '' }) : t('res.createTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'resident-form-submit' }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<ResidentFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues(resident, defaultHouseholdId)}
          onValuesChange={(changed: Partial<ResidentFormValues>) => {
            if (changed.idType && form.getFieldValue('idNumber')) void form.validateFields(['idNumber']);
          }}
          onFinish={submit}
          clearOnDestroy
          scrollToFirstError
          data-testid="resident-form"
        >
          {dom}
        </Form>
      )}
    >
      {editing ? <Alert type="info" showIcon className="gw-form-alert" title={t('res.editEncryptedHint')} /> : null}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('res.name')}
            rules={[
              { required: true, whitespace: true, message: t('res.nameRequired') },
              { max: 50, message: t('form.maxLength', { max: 50 }) },
            ]}
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="idType" label={t('res.idType')}>
            <Select options={ID_TYPES.map((x) => ({ value: x, label: t(ID_TYPE_KEYS[x]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="idNumber"
            label={t('res.idNumber')}
            rules={idRules}
            extra={idCheck?.ok ? t('res.idFilled') : editing ? t('res.keepIfEmpty') : undefined}
            validateFirst
          >
            <Input maxLength={32} autoComplete="off" placeholder={editing ? resident?.idNumber : t('res.idNumberPlaceholder')} className="gw-mono" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="gender" label={t('res.gender')} rules={[{ required: !editing, message: t('res.genderRequired') }]}>
            <Select options={GENDERS.map((g) => ({ value: g, label: t(GENDER_KEYS[g]) }))} disabled={idCheck?.ok === true} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="birthDate" label={t('res.birthDate')} rules={[{ required: !editing, message: t('res.birthDateRequired') }]}>
            <DatePicker
              style={{ width: '100%' }}
              disabled={idCheck?.ok === true}
              disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.year() < 1890}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="phone"
            label={t('res.phone')}
            rules={[{ validator: (_r, v: string | undefined) => (!v?.trim() || PHONE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('res.phoneFormat')))) }]}
            extra={editing && resident?.phone ? t('res.keepIfEmpty') : undefined}
          >
            <Input inputMode="tel" maxLength={13} autoComplete="off" placeholder={editing ? (resident?.phone ?? t('form.optional')) : t('form.optional')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="householdId"
            label={t('res.household')}
            rules={[{ required: !editing, message: t('res.householdRequired') }]}
            extra={editing ? t('res.moveHint') : undefined}
          >
            <HouseholdSelect disabled={editing} initialLabel={resident ? resident.householdName : defaultHouseholdName} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12}>
          <Form.Item name="relationToHead" label={t('res.relationToHead')}>
            <Select allowClear options={RELATIONS.map((r) => ({ value: r, label: t(RELATION_KEYS[r]) }))} placeholder={t('form.optional')} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12}>
          <Form.Item name="residenceType" label={t('res.residenceType')} rules={[{ required: true }]}>
            <Select options={RESIDENCE_TYPES.map((r) => ({ value: r, label: t(RESIDENCE_KEYS[r]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="occupation" label={t('res.occupation')} rules={[{ max: 50, message: t('form.maxLength', { max: 50 }) }]}>
            <Input maxLength={50} placeholder={t('form.optional')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="employer" label={t('res.employer')} rules={[{ max: 100, message: t('form.maxLength', { max: 100 }) }]}>
            <Input maxLength={100} placeholder={t('form.optional')} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="healthNotes"
            label={t('res.healthNotes')}
            extra={editing && resident?.hasHealthNotes ? t('res.healthNotesKeep') : t('res.healthNotesHint')}
            rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}
          >
            <Input.TextArea rows={2} maxLength={1000} placeholder={t('form.optional')} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="notes" label={t('res.notes')} rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}>
            <Input.TextArea rows={2} maxLength={1000} placeholder={t('form.optional')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        <Space>
          {t('res.careGroups')}
          <Typography.Text type="secondary">{t('res.careGroupsHint')}</Typography.Text>
        </Space>
      </Divider>
      <CareGroupFields types={types.data ?? []} responsibleNames={responsibleNames} />
    </Modal>
  );
}
