import { Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { ALLOWED_CHILDREN } from '@gridwork/contracts';
import type { Place, PlaceType } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { formatBoundary, parseBoundary } from '../boundary';

export interface PlaceFormValues {
  type: PlaceType;
  name: string;
  code?: string;
  sortOrder?: number | null;
  boundary?: string;
}

export type PlaceFormMode = { kind: 'create'; parent: Place } | { kind: 'edit'; place: Place };

const BOUNDARY_EXAMPLE = '{"type":"Polygon","coordinates":[[[117.28,31.86],[117.29,31.86],[117.29,31.87],[117.28,31.87],[117.28,31.86]]]}';

/** Add a child place, or edit one (name, code, sort order, and a boundary for grids). */
export function PlaceFormModal({
  mode,
  open,
  submitting,
  onCancel,
  onSubmit,
}: {
  mode: PlaceFormMode;
  open: boolean;
  submitting: boolean;
  onCancel: () => void;
  onSubmit: (values: PlaceFormValues) => void;
}) {
  const { t, placeTypeLabel } = useI18n();
  const [form] = Form.useForm<PlaceFormValues>();
  const typeValue = Form.useWatch('type', form);
  const childTypes = mode.kind === 'create' ? ALLOWED_CHILDREN[mode.parent.type] : [];
  const initialValues: Partial<PlaceFormValues> =
    mode.kind === 'create'
      ? { type: childTypes[0], name: '', code: '', boundary: '' }
      : {
          type: mode.place.type,
          name: mode.place.name,
          code: mode.place.code ?? '',
          sortOrder: mode.place.sortOrder,
          boundary: formatBoundary(mode.place.boundary),
        };
  const isGrid = (typeValue ?? initialValues.type) === 'grid';
  const title =
    mode.kind === 'create'
      ? t('places.addChildTitle', { parent: mode.parent.name })
      : t('places.editTitle', { name: mode.place.name });

  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      okButtonProps={{ htmlType: 'submit' }}
      destroyOnHidden
      width={560}
      modalRender={(dom) => (
        <Form<PlaceFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onSubmit}
          clearOnDestroy
          data-testid="place-form"
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item name="type" label={t('places.type')} rules={[{ required: true, message: t('places.typeRequired') }]}>
        <Select
          disabled={mode.kind === 'edit'}
          options={(mode.kind === 'edit' ? [mode.place.type] : childTypes).map((type) => ({ value: type, label: placeTypeLabel(type) }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('places.name')}
        rules={[
          { required: true, whitespace: true, message: t('places.nameRequired') },
          { max: 100, message: t('form.maxLength', { max: 100 }) },
        ]}
      >
        <Input maxLength={100} placeholder={t('places.namePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('places.code')}
        extra={t('places.codeHelp')}
        rules={[
          { max: 32, message: t('form.maxLength', { max: 32 }) },
          { pattern: /^\s*[0-9A-Za-z-]*\s*$/, message: t('places.codeFormat') },
        ]}
      >
        <Input maxLength={32} placeholder={t('form.optional')} />
      </Form.Item>
      {mode.kind === 'edit' ? (
        <Form.Item name="sortOrder" label={t('places.sortOrder')} extra={t('places.sortOrderHelp')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 180 }} />
        </Form.Item>
      ) : null}
      {isGrid ? (
        <Form.Item
          name="boundary"
          label={t('places.boundary')}
          extra={
            <span>
              {t('places.boundaryHelp')}{' '}
              <Typography.Text type="secondary" className="gw-mono" copyable={{ text: BOUNDARY_EXAMPLE }}>
                {t('places.boundaryExample')}
              </Typography.Text>
            </span>
          }
          rules={[
            {
              validator: (_rule, value: unknown) => {
                const result = parseBoundary(typeof value === 'string' ? value : '');
                if (result.ok) return Promise.resolve();
                return Promise.reject(new Error(t(result.reason === 'json' ? 'places.boundaryNotJson' : 'places.boundaryInvalid')));
              },
            },
          ]}
        >
          <Input.TextArea rows={6} className="gw-mono" placeholder={BOUNDARY_EXAMPLE} spellCheck={false} />
        </Form.Item>
      ) : null}
    </Modal>
  );
}
