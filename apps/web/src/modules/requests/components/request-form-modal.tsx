import { App, Col, Form, Input, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRIAGES, URGENCIES } from '@gridwork/contracts';
import { requestsApi } from '../../../api/requests-endpoints';
import type { CreateRequest, ServiceRequest, Triage, Urgency } from '../../../api/requests-types';
import { useI18n } from '../../../i18n';
import { PlaceTreeSelect } from '../../places/components/place-tree-select';
import { DESK_CHANNELS, useRequestLabels } from '../labels';
import { REQUEST_LISTS_KEY, useTriageSuggestion } from '../queries';
import { useIdempotencyKey } from '../use-idempotency-key';
import { CategoryTreeSelect } from './category-tree-select';
import { PhotoUpload, isUploading, photoIdsOf, type PhotoList } from './photo-upload';

interface Values {
  channel: (typeof DESK_CHANNELS)[number];
  category?: string;
  description: string;
  urgency: Urgency;
  placeId?: string;
  contactName?: string;
  contactPhone?: string;
  anonymous: boolean;
  publicConsent: boolean;
  triage?: Triage;
  photos?: PhotoList;
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
/** Without a map point the request reaches its grid through a grid, building or household. */
const REQUEST_PLACE_TYPES = new Set(['grid', 'building', 'household']);

function bodyOf(v: Values): CreateRequest {
  return {
    channel: v.channel,
    category: v.category ?? '',
    description: v.description.trim(),
    urgency: v.urgency,
    placeId: v.placeId ?? null,
    contactName: v.contactName?.trim() || null,
    contactPhone: v.contactPhone?.trim() || null,
    anonymous: v.anonymous,
    publicConsent: v.publicConsent,
    photoIds: photoIdsOf(v.photos),
    ...(v.triage ? { triage: v.triage } : {}),
  };
}

/** 登记诉求: a request taken at the counter, on the phone or on patrol. */
export function RequestFormModal({ onClose }: { onClose: (created?: ServiceRequest) => void }) {
  const { t } = useI18n();
  const labels = useRequestLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const keyFor = useIdempotencyKey();
  const category = Form.useWatch('category', form);
  const description = Form.useWatch('description', form) ?? '';
  const suggestion = useTriageSuggestion(category, description);

  const create = useMutation({
    mutationFn: (body: CreateRequest) => requestsApi.create(body, keyFor(body)),
    onSuccess: async (created) => {
      void message.success(t('req.created', { reference: created.reference }));
      onClose(created);
      await queryClient.invalidateQueries({ queryKey: REQUEST_LISTS_KEY });
    },
  });

  const onFinish = (v: Values) => {
    if (isUploading(v.photos)) {
      void message.warning(t('req.photoUploading'));
      return;
    }
    create.mutate(bodyOf(v));
  };

  return (
    <Modal
      open
      width={720}
      title={t('req.createTitle')}
      okText={t('req.createSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={() => onClose()}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'request-form-submit' }}
      destroyOnHidden
      maskClosable={false}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          initialValues={{ channel: 'counter', urgency: 'normal', anonymous: false, publicConsent: false, photos: [] }}
          onFinish={onFinish}
          data-testid="request-form"
        >
          {dom}
        </Form>
      )}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="channel" label={t('req.channel')}>
            <Radio.Group optionType="button" options={DESK_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))} data-testid="request-form-channel" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="urgency" label={t('req.urgency')}>
            <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))} data-testid="request-form-urgency" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="category" label={t('req.category')} rules={[{ required: true, message: t('req.categoryRequired') }]}>
            <CategoryTreeSelect data-testid="request-form-category" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="placeId" label={t('req.place')} extra={t('req.placeHelp')} rules={[{ required: true, message: t('req.placeRequired') }]}>
            <PlaceTreeSelect canPick={(p) => REQUEST_PLACE_TYPES.has(p.type)} placeholder={t('req.placePlaceholder')} data-testid="request-form-place" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="description"
        label={t('req.description')}
        rules={[
          { required: true, whitespace: true, message: t('req.descriptionRequired') },
          { min: 5, message: t('req.descriptionMin') },
          { max: 2000, message: t('form.maxLength', { max: 2000 }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('req.descriptionPlaceholder')} data-testid="request-form-description" />
      </Form.Item>
      <Form.Item
        name="triage"
        label={t('req.triage')}
        extra={
          suggestion.data ? (
            <Typography.Text type="secondary" data-testid="request-form-suggestion">
              {t('req.triageSuggested', { triage: labels.triage(suggestion.data.triage), reason: suggestion.data.reason })}
            </Typography.Text>
          ) : (
            t('req.triageIntakeHelp')
          )
        }
      >
        <Select
          allowClear
          placeholder={suggestion.data ? labels.triage(suggestion.data.triage) : t('req.triageOptional')}
          options={TRIAGES.map((x) => ({ value: x, label: labels.triage(x) }))}
          style={{ maxWidth: 240 }}
          data-testid="request-form-triage"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="contactName" label={t('req.contactName')} rules={[{ max: 40, message: t('form.maxLength', { max: 40 }) }]}>
            <Input maxLength={40} placeholder={t('form.optional')} data-testid="request-form-contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contactPhone" label={t('req.contactPhone')} rules={[{ pattern: PHONE, message: t('req.contactPhoneFormat') }]}>
            <Input inputMode="tel" maxLength={14} placeholder={t('form.optional')} data-testid="request-form-contact-phone" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="anonymous" label={t('req.anonymous')} valuePropName="checked" tooltip={t('req.anonymousHelp')}>
            <Switch data-testid="request-form-anonymous" />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="publicConsent" label={t('req.publicConsent')} valuePropName="checked" tooltip={t('req.publicConsentHelp')}>
            <Switch data-testid="request-form-public" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="photos" label={t('req.photos')} extra={t('req.photosHelp')}>
        <PhotoUpload data-testid="request-form-photos" />
      </Form.Item>
    </Modal>
  );
}
