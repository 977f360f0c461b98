import { Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import { TRIAGES } from '@gridwork/contracts';
import type { RequestCategory, UpsertRequestCategory } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { useRequestLabels } from '../labels';

export type CategoryValues = Required<Omit<UpsertRequestCategory, 'parentCode'>> & { parentCode?: string | null };

const CODE = /^[a-z][a-z0-9_.-]*$/;

/** Edits one category; the page then saves the whole list (the API upserts what it is sent). */
export function CategoryFormModal({
  category,
  categories,
  saving,
  onCancel,
  onSave,
}: {
  /** null: a new category. */
  category: RequestCategory | null;
  categories: readonly RequestCategory[];
  saving: boolean;
  onCancel: () => void;
  onSave: (values: CategoryValues) => void;
}) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const [form] = Form.useForm<CategoryValues>();
  const parentCode = category?.parentId ? (categories.find((c) => c.id === category.parentId)?.code ?? null) : null;
  const initial: Partial<CategoryValues> = category
    ? { ...category, parentCode }
    : { defaultTriage: 'minor', keywords: [], slaHours: { normal: 72, urgent: 24, critical: 4 }, active: true, sortOrder: 100, parentCode: null };
  // A category cannot sit under itself; the tree is only two or three levels, so only direct self-reference is offered away.
  const parents = categories.filter((c) => c.id !== category?.id && c.parentId !== category?.id);

  return (
    <Modal
      open
      width={640}
      title={category ? t('req.cat.editTitle', { name: category.name }) : t('req.cat.create')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'category-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<CategoryValues> form={form} layout="vertical" clearOnDestroy initialValues={initial} onFinish={onSave} data-testid="category-form">
          {dom}
        </Form>
      )}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="code"
            label={t('req.cat.code')}
            extra={category ? undefined : t('req.cat.codeHelp')}
            rules={[
              { required: true, message: t('req.cat.codeFormat') },
              { pattern: CODE, min: 2, max: 40, message: t('req.cat.codeFormat') },
              {
                validator: (_r, v: string | undefined) =>
                  !category && v && categories.some((c) => c.code === v.trim()) ? Promise.reject(new Error(t('req.cat.codeTaken'))) : Promise.resolve(),
              },
            ]}
          >
            <Input disabled={Boolean(category)} maxLength={40} className="gw-mono" data-testid="category-form-code" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t('req.cat.name')} rules={[{ required: true, whitespace: true, message: t('req.cat.nameRequired') }, { max: 40, message: t('form.maxLength', { max: 40 }) }]}>
            <Input maxLength={40} data-testid="category-form-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="parentCode" label={t('req.cat.parent')}>
            <Select allowClear placeholder={t('req.cat.noParent')} options={parents.map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="defaultTriage" label={t('req.cat.defaultTriage')}>
            <Radio.Group optionType="button" options={TRIAGES.map((x) => ({ value: x, label: labels.triage(x) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('req.cat.sla')} extra={t('req.cat.slaHelp')} required>
        <Row gutter={12}>
          {(['normal', 'urgent', 'critical'] as const).map((u) => (
            <Col key={u} span={8}>
              <Form.Item name={['slaHours', u]} noStyle rules={[{ required: true, message: t('req.cat.slaRequired') }]}>
                <InputNumber min={1} max={24 * 90} precision={0} style={{ width: '100%' }} prefix={labels.urgency(u)} suffix={t('req.stats.hours')} data-testid={`category-form-sla-${u}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form.Item>
      <Form.Item name="keywords" label={t('req.cat.keywords')} extra={t('req.cat.keywordsHelp')}>
        <Select mode="tags" tokenSeparators={[',', '，', ' ', '、']} maxCount={40} open={false} suffixIcon={null} placeholder={t('req.cat.keywordsPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="sortOrder" label={t('req.cat.sortOrder')}>
            <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="active" label={t('req.cat.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
    </Modal>
  );
}
